package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildChannelsCommandLine}: channels: guestfwd and
 * virtio-serial ports ({@code virtserialport}, {@code virtconsole}) with their chardevs.
 */
public final class ChannelSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the front-end half of the argv work (its own branch)
    }
}
