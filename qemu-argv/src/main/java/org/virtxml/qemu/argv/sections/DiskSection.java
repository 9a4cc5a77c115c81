package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.storage.DiskCommandLine;

/**
 * The part of the command line libvirt builds in {@code qemuBuildDisksCommandLine}: the floppy controller's boot
 * indexes, then each disk's {@code -blockdev} chain (protocol, slice, format, copy-on-read nodes and the objects
 * they need), {@code -chardev} (vhost-user) or {@code -drive} (SD cards), and its {@code -device}.
 */
public final class DiskSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() != null) {
            DiskCommandLine.build(ctx);
        }
    }
}
