package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildSerialCommandLine}: serial ports: their {@code
 * -chardev} and {@code isa-serial}/{@code usb-serial}/{@code pci-serial} devices.
 */
public final class SerialSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the front-end half of the argv work (its own branch)
    }
}
