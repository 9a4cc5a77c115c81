package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildControllersByTypeCommandLine (CCID)}: CCID
 * controllers ({@code usb-ccid}), which libvirt writes after the hubs they may sit on.
 */
public final class CcidControllerSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
