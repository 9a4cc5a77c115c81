package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainVirtioModel;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.NetPlan;

/**
 * The part of the command line libvirt builds in {@code qemuBuildNetCommandLine}, for the interfaces as
 * domxml-to-native rebuilds them ({@link NetPlan}): per interface a {@code -netdev tap} on the descriptor of the
 * tap device libvirt opened ({@code hostnetN}), then the NIC {@code -device} with its MAC address, boot index and
 * new guest address.
 */
public final class NetSection implements Section {

    /** The device libvirt opens for every tap device it creates. */
    private static final String TUN = "/dev/net/tun";
    /** The device libvirt opens to give a virtio NIC of a KVM guest an in-kernel backend. */
    private static final String VHOST_NET = "/dev/vhost-net";

    @Override
    public void build(BuildContext ctx) {
        NetPlan plan = NetPlan.of(ctx.prepared());
        for (int i = 0; i < plan.nics().size(); i++) {
            NetPlan.Nic nic = plan.nics().get(i);
            String alias = ctx.prepared().alias(nic.source());
            connect(ctx, nic, i);
            Props netdev = new Props().str("type", "tap").str("fd", Integer.toString(nic.tapFd()));
            if (vhost(ctx, nic)) {
                netdev.bool("vhost", true).str("vhostfd", Integer.toString(nic.tapFd() + 1));
            }
            ctx.netdev(netdev.str("id", "host" + alias));
            ctx.device(nicProps(ctx, nic, alias));
        }
    }

    /**
     * What libvirt does on the host for the rebuilt interface before writing its options
     * (qemuInterfaceEthernetConnect): create a tap device, then run the interface's script on it.
     */
    private static void connect(BuildContext ctx, NetPlan.Nic nic, int index) {
        if (!ctx.caps().host().pathExists(TUN)) {
            throw new ArgvException("Unable to open " + TUN + ", is tun module loaded?: No such file or directory");
        }
        String script = nic.script();
        // an empty script is accepted as "run nothing"
        if (script != null && !script.isEmpty() && !ctx.caps().host().pathExists(script)) {
            // the script runs with the daemon's locale, PATH and HOME (the system daemon runs as root); the tap
            // device's name is the host's next free vnetN
            throw new ArgvException("internal error: Child process (LC_ALL=C PATH="
                    + ctx.cmd().environment().get("PATH") + " HOME=/root " + script + " vnet" + index
                    + ") unexpected exit status 127: libvirt:  error : cannot execute binary " + script
                    + ": No such file or directory");
        }
    }

    /**
     * Whether the NIC gets an in-kernel virtio backend (qemuInterfaceOpenVhostNet): only for KVM guests with a
     * virtio model, and only when the host has /dev/vhost-net; a rebuilt interface has no {@code <driver>} to
     * ask for or against it.
     */
    private static boolean vhost(BuildContext ctx, NetPlan.Nic nic) {
        return ctx.domain().getType() == org.virtxml.model.DomainType.KVM && virtioModel(nic.model()) != null
                && ctx.caps().host().pathExists(VHOST_NET);
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
