package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildShmemCommandLine}: shared memory: {@code ivshmem-
 * plain} with its backend, {@code ivshmem-doorbell} with its chardev.
 */
public final class ShmemSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
