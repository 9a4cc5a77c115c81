package org.virtxml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.virtxml.caps.QemuCaps;
import org.virtxml.json.JsonException;
import org.virtxml.qemu.probe.QemuProber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code virtxml probe-qemu}: asks an installed QEMU what libvirt would ask it and writes the capability profile;
 * this is how the built-in profiles are regenerated.
 */
@Command(name = "probe-qemu", mixinStandardHelpOptions = true,
        description = {"Probe an installed QEMU emulator and write its capability profile (JSON).",
            "Regenerate the built-in profiles (R=normalizer/src/main/resources/org/virtxml/caps):",
            "  virtxml probe-qemu --emulator /usr/bin/qemu-system-x86_64",
            "      --host-from $R/qemu-7.2-x86_64.json --output $R/qemu-7.2-x86_64.json",
            "  virtxml probe-qemu --emulator /usr/bin/qemu-system-i386",
            "      --host-from $R/qemu-7.2-x86_64.json --output $R/qemu-7.2-i686.json",
            "--host-from keeps the recorded facts of the host the corpus was recorded on."})
final class ProbeQemuCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--emulator", paramLabel = "PATH", description = "The emulator (default: qemu-system-x86_64 on PATH).")
    String emulator;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the profile here instead of stdout.")
    Path output;

    @Option(names = "--host-from", paramLabel = "PROFILE",
            description = "Take the host facts from this profile instead of reading this machine.")
    Path hostFrom;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path bin;
        try {
            bin = QemuProbeOption.resolveEmulator(emulator);
        } catch (IOException e) {
            err.println("virtxml: error: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        QemuCaps caps;
        try {
            QemuProber prober = QemuProber.forEmulator(bin);
            if (hostFrom != null) {
                prober.withHostFacts(QemuCaps.load(hostFrom).host());
            }
            caps = prober.probe();
        } catch (JsonException e) {
            err.println("virtxml: error: " + hostFrom + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("virtxml: error: probing " + bin + " failed: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        String json = caps.toJson();
        try {
            if (output == null) {
                spec.commandLine().getOut().print(json);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, json, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("virtxml: error: cannot write " + output + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
