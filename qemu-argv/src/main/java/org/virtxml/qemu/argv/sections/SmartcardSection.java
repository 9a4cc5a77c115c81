package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildSmartcardCommandLine}: smartcards: {@code ccid-
 * card-emulated} / {@code ccid-card-passthru} and their chardevs.
 */
public final class SmartcardSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the storage half of the argv work (its own branch)
    }
}
