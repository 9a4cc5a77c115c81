package org.virtxml.cli;

import org.virtxml.normalizer.CapsProvider;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.XmlInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Stack;
import org.virtxml.caps.QemuCaps;
import org.virtxml.qemu.probe.ProbeCache;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --qemu-probe[=PATH]} option shared by commands that need QEMU's capabilities: without it they use the
 * built-in profile for QEMU 7.2 (what the corpus was recorded with); with it they probe an installed emulator
 * ({@code qemu-system-x86_64} on PATH unless {@code =PATH} is given), through the on-disk probe cache.
 */
public final class QemuProbeOption {

    @Option(names = "--qemu-probe", arity = "0..1", paramLabel = "PATH", preprocessor = AttachedOnly.class,
            description = "Probe an installed QEMU instead of using the built-in QEMU 7.2 profile "
                    + "(default PATH: qemu-system-x86_64 on PATH).")
    String probe;

    /** Probing was requested. */
    public boolean probing() {
        return probe != null;
    }

    /** The emulator to probe, when probing. */
    public Path emulator() throws IOException {
        return resolveEmulator(probe == null || probe.isEmpty() ? null : probe);
    }

    /**
     * The profile to use for architecture {@code arch}: the built-in one, or, when the option was given, the probed
     * profile of the chosen emulator (which serves whatever architecture it serves; callers check
     * {@link QemuCaps#arch()}).
     */
    public QemuCaps caps(String arch) throws IOException {
        if (probe == null) {
            return QemuCaps.builtin(arch);
        }
        return ProbeCache.standard().get(emulator());
    }

    /** The profiles to use, by architecture; a failed probe refuses the document that needed it. */
    public CapsProvider provider() {
        return arch -> {
            try {
                return caps(arch);
            } catch (IOException e) {
                throw new XmlInputException(new Diagnostic(null, 0, 0, "cannot probe QEMU: " + e.getMessage()));
            }
        };
    }

    /** The profile to use for the default architecture (x86_64). */
    public QemuCaps caps() throws IOException {
        return caps("x86_64");
    }

    /** An emulator path as given, or {@code qemu-system-x86_64} looked up on PATH. */
    static Path resolveEmulator(String given) throws IOException {
        if (given != null) {
            Path p = Path.of(given);
            if (!Files.isExecutable(p)) {
                throw new IOException("emulator '" + given + "' is not an executable file");
            }
            return p;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "qemu-system-x86_64"))) {
                return Path.of(dir, "qemu-system-x86_64");
            }
        }
        throw new IOException("qemu-system-x86_64 was not found on PATH; give --qemu-probe=PATH");
    }

    /**
     * Takes the option's value only when attached with {@code =}, so that {@code --qemu-probe input.xml} probes the
     * default emulator and keeps {@code input.xml} as an operand.
     */
    static final class AttachedOnly implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec,
                Map<String, Object> info) {
            if (" ".equals(info.get("separator"))) {
                args.push(""); // as if --qemu-probe= had been given: probe the default emulator
            }
            return false;
        }
    }
}
