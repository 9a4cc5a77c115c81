package org.virtxml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.virtxml.caps.HostCapabilities;
import org.virtxml.caps.QemuCaps;
import org.virtxml.qemu.probe.ProbeCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code virtxml capabilities}: what {@code virsh capabilities} prints, from the QEMU capability profiles. */
@Command(name = "capabilities", mixinStandardHelpOptions = true,
        description = "Print the host and guest capabilities, as virsh capabilities does.")
final class CapabilitiesCommand implements Callable<Integer> {

    /** libvirt lists guests by architecture in this order. */
    private static final List<String> ARCH_ORDER = List.of("i686", "x86_64");

    @Spec
    CommandSpec spec;

    @Option(names = "--emulator", paramLabel = "PATH",
            description = "With --qemu-probe: probe these emulators (repeatable) instead of one.")
    List<String> emulators = new ArrayList<>();

    @Mixin
    QemuProbeOption qemu;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<QemuCaps> profiles = new ArrayList<>();
        try {
            if (!qemu.probing()) {
                profiles.addAll(QemuCaps.builtinAll().values());
            } else if (emulators.isEmpty()) {
                profiles.add(qemu.caps());
            } else {
                for (String e : emulators) {
                    profiles.add(ProbeCache.standard().get(QemuProbeOption.resolveEmulator(e)));
                }
            }
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        if (!qemu.probing() && !emulators.isEmpty()) {
            err.println("error: --emulator needs --qemu-probe (the built-in profiles are fixed)");
            err.flush();
            return ExitCodes.USAGE;
        }
        profiles.sort(Comparator.comparingInt(p -> {
            int i = ARCH_ORDER.indexOf(p.arch());
            return i < 0 ? ARCH_ORDER.size() : i;
        }));
        PrintWriter out = spec.commandLine().getOut();
        out.print(HostCapabilities.toXml(profiles));
        out.print("\n\n"); // virsh prints the document followed by two empty lines
        out.flush();
        return ExitCodes.OK;
    }
}
