package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainIommu;
import org.virtxml.model.devices.DomainIommuDriver;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * The IOMMU device (libvirt's qemuBuildIOMMUCommandLine): {@code intel-iommu} with interrupt remapping, caching
 * mode, EIM, device IOTLB and address width, or {@code virtio-iommu} at its PCI address. SMMUv3 is a machine
 * property (MachineSection).
 */
public final class IommuSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainIommu iommu = ctx.domain().getDevices() == null ? null : ctx.domain().getDevices().getIommu();
        if (iommu == null) {
            return;
        }
        String alias = ctx.prepared().alias(iommu);
        switch (iommu.getModel()) {
            case "intel" -> {
                DomainIommuDriver d = iommu.getDriver();
                Props p = Props.of("driver", "intel-iommu").str("id", alias);
                if (d != null) {
                    // intremap and eim are OnOffAuto in QEMU: strings, not booleans
                    p.str("intremap", d.getIntremap() == null ? null : d.getIntremap().xml())
                            .bool("caching-mode", DeviceProps.onOff(d.getCachingMode()))
                            .str("eim", d.getEim() == null ? null : d.getEim().xml())
                            .bool("device-iotlb", DeviceProps.onOff(d.getIotlb()));
                    if (d.getAwBits() != null && d.getAwBits() != 0) {
                        p.num("aw-bits", d.getAwBits());
                    }
                }
                ctx.device(p);
            }
            case "virtio" -> {
                Props p = Props.of("driver", "virtio-iommu").str("id", alias);
                ctx.deviceProps().address(p, iommu);
                ctx.device(p);
            }
            default -> {
                // smmuv3 has no -device
            }
        }
    }
}
