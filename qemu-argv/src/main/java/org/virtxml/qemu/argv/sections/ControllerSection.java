package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildControllersCommandLine}: controllers other than
 * CCID: PCI roots and bridges, USB, SCSI, virtio-serial, SATA, IDE, in libvirt's order.
 */
public final class ControllerSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
