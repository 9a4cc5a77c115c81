package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildDisksCommandLine}: disks: {@code -blockdev}
 * chains (storage, format, throttle, copy-on-read), {@code -drive} where still used, and the disk {@code
 * -device}s.
 */
public final class DiskSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the storage half of the argv work (its own branch)
    }
}
