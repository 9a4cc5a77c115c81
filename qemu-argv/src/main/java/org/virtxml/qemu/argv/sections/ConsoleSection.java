package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainConsole;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.Chardevs;
import org.virtxml.qemu.argv.frontend.VirtioSerialPorts;

/**
 * The part of the command line libvirt builds in {@code qemuBuildConsoleCommandLine}: consoles that are not a
 * serial port (those are the serial section's): virtio consoles ({@code virtconsole} on virtio-serial) and s390
 * SCLP consoles, each with its {@code -chardev} ({@code charconsoleN}).
 */
public final class ConsoleSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainConsole console : ctx.domain().getDevices().getConsoles()) {
            String target = console.getTarget() == null || console.getTarget().getType() == null ? "serial"
                    : console.getTarget().getType();
            String alias = ctx.prepared().alias(console);
            switch (target) {
                case "serial" -> {
                }
                case "virtio" -> {
                    Chardevs.add(ctx, console, "char" + alias);
                    ctx.device(VirtioSerialPorts.props(ctx, false, console.getType(), null, console.getAddress(),
                            alias));
                }
                case "sclp", "sclplm" -> {
                    Chardevs.add(ctx, console, "char" + alias);
                    ctx.device(Props.of("driver", target.equals("sclp") ? "sclpconsole" : "sclplmconsole")
                            .str("chardev", "char" + alias).str("id", alias));
                }
                default -> throw new ArgvException("An error occurred, but the cause is unknown");
            }
        }
    }
}
