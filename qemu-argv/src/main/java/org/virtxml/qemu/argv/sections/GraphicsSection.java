package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildGraphicsCommandLine}: graphics: {@code -vnc},
 * {@code -spice}, {@code -display sdl/egl-headless/dbus}.
 */
public final class GraphicsSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the front-end half of the argv work (its own branch)
    }
}
