package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainVirtioModel;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.NetHostdevs;
import org.virtxml.qemu.argv.frontend.NetPlan;

/**
 * The part of the command line libvirt builds in {@code qemuBuildNetCommandLine}, for the interfaces as
 * domxml-to-native rebuilds them ({@link NetPlan}): per interface a {@code -netdev tap} on the descriptor of the
 * tap device libvirt opened ({@code hostnetN}), then the NIC {@code -device} with its MAC address, boot index and
 * new guest address.
 */
public final class NetSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        for (NetPlan.Nic nic : NetPlan.of(ctx.prepared()).nics()) {
            String alias = ctx.prepared().alias(nic.source());
            ctx.netdev(new Props().str("type", "tap").str("fd", Integer.toString(nic.tapFd()))
                    .str("id", "host" + alias));
            ctx.device(nicProps(ctx, nic, alias));
        }
        // the host devices of 'hostdev' interfaces are written with the other host devices; one libvirt
        // cannot write fails the conversion, which it would do there too
        for (NetPlan.Hostdev h : NetPlan.of(ctx.prepared()).hostdevs()) {
            NetHostdevs.check(h);
        }
    }

    private static Props nicProps(BuildContext ctx, NetPlan.Nic nic, String alias) {
        Props p;
        DomainVirtioModel virtio = virtioModel(nic.model());
        if (virtio != null) {
            // a rebuilt interface has no <driver>: no queues, offloads or virtio options to add
            p = ctx.deviceProps().virtio("virtio-net", nic.address(), virtio, null, true);
        } else if (nic.model() == null) {
            throw new ArgvException("internal error: argument key 'driver' must not have null value");
        } else {
            p = Props.of("driver", nic.model());
        }
        p.str("netdev", "host" + alias).str("id", alias).str("mac", nic.mac())
                .positive("bootindex", ctx.prepared().bootIndex(nic.source()));
        ctx.deviceProps().address(p, nic.address(), null);
        return p;
    }

    private static DomainVirtioModel virtioModel(String model) {
        if (model == null) {
            return null;
        }
        return switch (model) {
            case "virtio" -> DomainVirtioModel.VIRTIO;
            case "virtio-transitional" -> DomainVirtioModel.VIRTIO_TRANSITIONAL;
            case "virtio-non-transitional" -> DomainVirtioModel.VIRTIO_NON_TRANSITIONAL;
            default -> null;
        };
    }
}
