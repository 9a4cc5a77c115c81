package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainVsock;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * The {@code vhost-vsock} device with its guest CID (libvirt's qemuBuildVsockCommandLine). libvirt opens
 * {@code /dev/vhost-vsock} only for a real start; a pretend start passes the unopened descriptor, -1.
 */
public final class VsockSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainVsock v = ctx.domain().getDevices() == null ? null : ctx.domain().getDevices().getVsock();
        if (v == null) {
            return;
        }
        Props p = ctx.deviceProps().virtio("vhost-vsock", v.getAddress(), v.getModel(),
                MemballoonSection.options(v.getDriver()), true);
        Integer cid = v.getCid() == null ? null : v.getCid().getAddress();
        p.str("id", ctx.prepared().alias(v)).num("guest-cid", cid == null ? 0 : cid).str("vhostfd", "-1");
        ctx.deviceProps().address(p, v);
        ctx.device(p);
    }
}
