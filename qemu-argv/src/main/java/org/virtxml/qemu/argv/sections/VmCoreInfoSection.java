package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildVMCoreInfoCommandLine}: the {@code vmcoreinfo}
 * device when {@code <vmcoreinfo state='on'>}.
 */
public final class VmCoreInfoSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
