package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.storage.ManagedPr;

/**
 * The part of the command line libvirt builds in {@code qemuBuildManagedPRCommandLine}: the managed persistent-
 * reservation helper object ({@code pr-manager-helper}) disks with {@code <reservations managed='yes'>} share.
 */
public final class ManagedPrSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() != null && ManagedPr.needed(ctx.prepared())) {
            ctx.object(ManagedPr.object(ctx.prepared()));
        }
    }
}
