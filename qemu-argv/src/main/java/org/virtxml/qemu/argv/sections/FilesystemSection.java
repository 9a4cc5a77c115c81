package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildFilesystemCommandLine}: filesystems: {@code
 * -fsdev}/virtio-9p, virtiofs through vhost-user-fs with its chardev, {@code -object memory-backend} needs.
 */
public final class FilesystemSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the storage half of the argv work (its own branch)
    }
}
