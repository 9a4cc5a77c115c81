package org.virtxml.qemu.argv.sections;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.Chardevs;
import org.virtxml.qemu.argv.frontend.VirtioSerialPorts;

/**
 * The part of the command line libvirt builds in {@code qemuBuildChannelsCommandLine}: per channel its
 * {@code -chardev} ({@code charchannelN}), then either a user-mode {@code -netdev} whose {@code guestfwd} rule
 * sends the guest's connections to ADDRESS:PORT to that chardev, or a virtio-serial port.
 */
public final class ChannelSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainChannel channel : ctx.domain().getDevices().getChannels()) {
            String alias = ctx.prepared().alias(channel);
            Chardevs.add(ctx, channel, "char" + alias);
            String target = channel.getTarget() == null ? null : channel.getTarget().getType();
            if ("guestfwd".equals(target)) {
                ctx.netdev(guestfwd(channel, alias));
            } else if ("virtio".equals(target)) {
                ctx.device(VirtioSerialPorts.props(ctx, true, channel.getType(), channel.getTarget().getName(),
                        channel.getAddress(), alias));
            } else {
                // xen channels have no QEMU counterpart; libvirt fails without a message of its own
                throw new ArgvException("An error occurred, but the cause is unknown");
            }
        }
    }

    /**
     * QEMU takes guestfwd as an array of objects with one {@code str} member each, the rule as on its old
     * command line.
     */
    private static Props guestfwd(DomainChannel channel, String alias) {
        String address = channel.getTarget().getAddress();
        String port = channel.getTarget().getPort();
        String rule = "tcp:" + canonical(address) + ":" + (port == null ? "0" : port) + "-chardev:char" + alias;
        return new Props().str("type", "user").value("guestfwd", Props.array(java.util.Map.of("str", rule)))
                .str("id", alias);
    }

    /** The address as libvirt prints it back (inet_ntop of the parsed address). */
    private static String canonical(String address) {
        if (address == null) {
            return "";
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
