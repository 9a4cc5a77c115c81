package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildInputCommandLine}: input devices: USB and virtio
 * tablets, mice and keyboards, input-linux passthrough.
 */
public final class InputSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the front-end half of the argv work (its own branch)
    }
}
