package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainRngBackend;
import org.virtxml.model.devices.DomainRngBackendBuiltin;
import org.virtxml.model.devices.DomainRngBackendEgd;
import org.virtxml.model.devices.DomainRngBackendRandom;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.Chardevs;

/**
 * Random number generators (libvirt's qemuBuildRNGCommandLine): per device, the backend object
 * {@code objALIAS} ({@code rng-random} reading a host file, {@code rng-egd} reading chardev {@code charALIAS}
 * written just before it by the shared chardev builder, {@code rng-builtin}), then {@code virtio-rng-*} with
 * its rate limit (period 1000 ms by default).
 */
public final class RngSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainRng rng : ctx.domain().getDevices().getRngs()) {
            String alias = ctx.prepared().alias(rng);
            DomainRngBackend backend = rng.getBackend();
            if (backend instanceof DomainRngBackendRandom r) {
                ctx.object(Props.object("rng-random", "obj" + alias).str("filename", r.getValue()));
            } else if (backend instanceof DomainRngBackendEgd egd) {
                // the object names its chardev, so QEMU must have the chardev first
                Chardevs.add(ctx, egd, "char" + alias);
                ctx.object(Props.object("rng-egd", "obj" + alias).str("chardev", "char" + alias));
            } else if (backend instanceof DomainRngBackendBuiltin) {
                ctx.object(Props.object("rng-builtin", "obj" + alias));
            }
            Props p = ctx.deviceProps().virtio("virtio-rng", rng.getAddress(), rng.getModel(),
                    MemballoonSection.options(rng.getDriver()), true);
            Integer rate = rng.getRate() == null ? null : rng.getRate().getBytes();
            Integer period = null;
            if (rate != null && rate > 0) {
                period = rng.getRate().getPeriod() == null || rng.getRate().getPeriod() == 0 ? 1000
                        : rng.getRate().getPeriod();
            }
            p.str("rng", "obj" + alias).str("id", alias).positive("max-bytes", rate).positive("period", period);
            ctx.deviceProps().address(p, rng);
            ctx.device(p);
        }
    }
}
