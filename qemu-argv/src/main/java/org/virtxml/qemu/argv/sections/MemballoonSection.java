package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainMemballoon;
import org.virtxml.model.devices.DomainVirtioDriver;
import org.virtxml.model.devices.DomainVirtioModel;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * The memory balloon (libvirt's qemuBuildMemballoonCommandLine): {@code virtio-balloon-*} with deflate-on-OOM and
 * free page reporting, for any model but {@code none}.
 */
public final class MemballoonSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainMemballoon b = ctx.domain().getDevices() == null ? null : ctx.domain().getDevices().getMemballoon();
        if (b == null || b.getModel() == null || b.getModel().equals("none")) {
            return;
        }
        Props p = ctx.deviceProps().virtio("virtio-balloon", b.getAddress(),
                DomainVirtioModel.fromXml(b.getModel()), options(b.getDriver()), true);
        p.str("id", ctx.prepared().alias(b)).bool("deflate-on-oom", DeviceProps.onOff(b.getAutodeflate()))
                .bool("free-page-reporting", DeviceProps.onOff(b.getFreePageReporting()));
        ctx.deviceProps().address(p, b);
        ctx.device(p);
    }

    /** The virtio options of a device's {@code <driver>}. */
    static DeviceProps.VirtioOptions options(DomainVirtioDriver d) {
        return d == null ? DeviceProps.VirtioOptions.NONE
                : new DeviceProps.VirtioOptions(d.getIommu(), d.getAts(), d.getPacked(), d.getPagePerVq());
    }
}
