package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildManagedPRCommandLine}: the managed persistent-
 * reservation helper object ({@code pr-manager-helper}) disks with {@code <reservations managed='yes'>} share.
 */
public final class ManagedPrSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the storage half of the argv work (its own branch)
    }
}
