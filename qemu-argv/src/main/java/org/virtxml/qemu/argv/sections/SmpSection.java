package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.DomainCpuTopology;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -smp N[,maxcpus=M],sockets=S,dies=D,cores=C,threads=T} (libvirt's qemuBuildSmpCommandLine): N counts the
 * vCPUs online at start that cannot be unplugged (hotpluggable ones are added over QMP later), the topology is
 * the {@code <cpu><topology>} or one socket per vCPU.
 */
public final class SmpSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        Vcpus v = Vcpus.of(ctx.domain());
        KeyValue kv = KeyValue.create().raw(Integer.toString(v.bootable()));
        if (v.bootable() != v.max()) {
            kv.add("maxcpus", v.max());
        }
        DomainCpuTopology t = ctx.domain().getCpu() == null ? null : ctx.domain().getCpu().getTopology();
        if (t != null && t.getSockets() != null && t.getSockets() != 0) {
            int dies = t.getDies() == null ? 1 : t.getDies();
            if (dies != 1 && !ctx.has(QemuCapability.SMP_DIES)) {
                throw new ArgvException("unsupported configuration: Only 1 die per socket is supported");
            }
            kv.add("sockets", t.getSockets());
            if (ctx.has(QemuCapability.SMP_DIES)) {
                kv.add("dies", dies);
            }
            kv.add("cores", t.getCores());
            kv.add("threads", t.getThreads());
        } else {
            kv.add("sockets", v.max()).add("cores", 1).add("threads", 1);
        }
        ctx.add("-smp", kv);
    }
}
