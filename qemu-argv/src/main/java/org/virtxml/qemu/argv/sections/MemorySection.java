package org.virtxml.qemu.argv.sections;

import org.virtxml.model.Domain;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -m} and the default RAM (libvirt's qemuBuildMemCommandLine): the initial memory in MiB, or
 * {@code size=Nk,slots=S,maxmem=Mk} when memory can be hotplugged; a memory backend object with the machine's
 * default RAM id for a guest without NUMA cells (QEMU is dropping {@code -mem-path}); {@code -overcommit}
 * locking guest memory when {@code <memoryBacking><locked/>} asks.
 */
public final class MemorySection implements Section {

    @Override
    public void build(BuildContext ctx) {
        Domain d = ctx.domain();
        long initial = ctx.prepared().memory().initialKiB();
        if (hasHotplug(d)) {
            ctx.add("-m", "size=" + initial + "k,slots=" + d.getMaxMemory().getSlots() + ",maxmem="
                    + ctx.prepared().memory().maxKiB() + "k");
        } else {
            ctx.add("-m", Long.toString(initial / 1024));
        }
        String ramId = MachineSection.defaultRamId(ctx);
        if (ramId != null && !NumaSection.hasNuma(d)) {
            Props backend = MemoryBackends.build(ctx, MemoryBackends.system(ramId, initial, -1), false, true)
                    .props();
            Props tc = MemoryBackends.threadContext(ctx, backend);
            if (tc != null) {
                ctx.object(tc);
            }
            ctx.object(backend);
        }
        // without a default RAM id QEMU would take -mem-path; every QEMU this backend knows has one
        boolean locked = d.getMemoryBacking() != null && d.getMemoryBacking().getLocked() != null;
        ctx.add("-overcommit", "mem-lock=" + (locked ? "on" : "off"));
    }

    /** libvirt's virDomainDefHasMemoryHotplug: {@code <maxMemory>} with slots or a size. */
    static boolean hasHotplug(Domain d) {
        return d.getMaxMemory() != null && d.getMaxMemory().getValue() != null && d.getMaxMemory().getValue() > 0;
    }
}
