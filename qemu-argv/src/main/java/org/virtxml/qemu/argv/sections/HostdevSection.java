package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.storage.Hostdevs;

/**
 * The part of the command line libvirt builds in {@code qemuBuildHostdevCommandLine}: host devices: {@code
 * vfio-pci}, {@code usb-host}, SCSI generic devices on their {@code -blockdev} backend, vhost-scsi, mediated
 * devices.
 */
public final class HostdevSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() != null) {
            Hostdevs.build(ctx);
        }
    }
}
