package org.virtxml.qemu.argv.sections;

import org.virtxml.model.DomainFeatures;
import org.virtxml.model.OnOff;
import org.virtxml.model.bind.Scaling;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -accel}: {@code kvm} (with the dirty ring size when {@code <kvm><dirty-ring>} is on) or {@code tcg}
 * (with its translation block cache size in MiB when {@code <tcg><tb-cache>} is set), libvirt's
 * qemuBuildAccelCommandLine.
 */
public final class AccelSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainFeatures f = ctx.domain().getFeatures();
        switch (ctx.domain().getType()) {
            case QEMU -> {
                KeyValue kv = KeyValue.of("tcg");
                if (f != null && f.getTcg() != null && f.getTcg().getTbCache() != null) {
                    long kib = Scaling.toKiB(f.getTcg().getTbCache().getValue(), f.getTcg().getTbCache().getUnit());
                    if (kib > 0) {
                        kv.add("tb-size", kib >> 10);
                    }
                }
                ctx.add("-accel", kv);
            }
            case KVM -> {
                KeyValue kv = KeyValue.of("kvm");
                if (f != null && f.getKvm() != null && f.getKvm().getDirtyRing() != null
                        && f.getKvm().getDirtyRing().getState() == OnOff.ON) {
                    kv.add("dirty-ring-size", f.getKvm().getDirtyRing().getSize());
                }
                ctx.add("-accel", kv);
            }
            case HVF -> ctx.add("-accel", "hvf");
            case KQEMU, XEN, LXC, UML, OPENVZ, TEST, VMWARE, HYPERV, VBOX, PHYP, PARALLELS, BHYVE, VZ ->
                    // libvirt writes '-accel' with an empty value; the QEMU driver refuses these types earlier
                    ctx.add("-accel", "");
        }
    }
}
