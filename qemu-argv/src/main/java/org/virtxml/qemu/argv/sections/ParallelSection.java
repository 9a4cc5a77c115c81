package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainParallel;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.Chardevs;

/**
 * The part of the command line libvirt builds in {@code qemuBuildParallelsCommandLine}: per parallel port its
 * {@code -chardev} ({@code charparallelN}; a host device backend is QEMU's {@code parallel} type) and an
 * {@code isa-parallel} device, which libvirt writes without address properties.
 */
public final class ParallelSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainParallel parallel : ctx.domain().getDevices().getParallels()) {
            String alias = ctx.prepared().alias(parallel);
            Chardevs.add(ctx, parallel, "char" + alias);
            ctx.device(Props.of("driver", "isa-parallel").str("chardev", "char" + alias).str("id", alias));
        }
    }
}
