package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code the qemu:commandline part of qemuBuildCommandLine}: {@code
 * <qemu:commandline>}: extra arguments as given and extra environment variables.
 */
public final class QemuNamespaceSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
