package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildHostdevCommandLine}: host devices: {@code vfio-
 * pci}, {@code usb-host}, SCSI generic, vhost-scsi, mediated devices.
 */
public final class HostdevSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the storage half of the argv work (its own branch)
    }
}
