package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildSecCommandLine}: launch security: the {@code sev-
 * guest} object {@code lsec0}.
 */
public final class LaunchSecuritySection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
