package org.virtxml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.virtxml.caps.DomainCapabilities;
import org.virtxml.caps.QemuCaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code virtxml domcapabilities}: what {@code virsh domcapabilities} prints, from a QEMU capability profile. */
@Command(name = "domcapabilities", mixinStandardHelpOptions = true,
        description = "Print the domain capabilities of an emulator, as virsh domcapabilities does.")
final class DomCapabilitiesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--virttype", paramLabel = "TYPE", description = "Domain type: kvm or qemu (default: kvm when "
            + "the emulator can use it).")
    String virttype;

    @Option(names = "--machine", paramLabel = "MACHINE", description = "Machine type or alias (default: libvirt's).")
    String machine;

    @Option(names = "--arch", paramLabel = "ARCH", description = "Guest architecture (default: the host's).")
    String arch;

    @Option(names = {"--emulator", "--emulatorbin"}, paramLabel = "PATH",
            description = "Emulator binary (default: the one serving ARCH).")
    String emulator;

    @Mixin
    QemuProbeOption qemu;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<QemuCaps> profiles;
        try {
            profiles = profiles(qemu, emulator);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        DomainCapabilities dc;
        try {
            dc = DomainCapabilities.lookup(profiles, emulator, arch, virttype, machine);
        } catch (IllegalArgumentException e) {
            err.println("error: failed to get emulator capabilities");
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(dc.toXml());
        out.print("\n\n"); // virsh prints the document followed by two empty lines
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The emulators to choose from: the built-in profiles, or the probed one with {@code --qemu-probe} (the
     * {@code --emulator} binary when given, else the option's PATH).
     */
    static List<QemuCaps> profiles(QemuProbeOption qemu, String emulator) throws IOException {
        if (!qemu.probing()) {
            return new ArrayList<>(QemuCaps.builtinAll().values());
        }
        if (emulator != null) {
            return List.of(org.virtxml.qemu.probe.ProbeCache.standard().get(
                    QemuProbeOption.resolveEmulator(emulator)));
        }
        return List.of(qemu.caps());
    }
}
