package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.virtxml.caps.CpuFeature;
import org.virtxml.caps.HostCpuModel;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;

/**
 * The built-in profiles hold what the corpus was recorded with: checked against what the real libvirt did with the
 * corpus inputs (../shared/corpus).
 */
class BuiltinProfileVsCorpusTest {
    static final Path DOMAINS = Path.of(System.getProperty("virtxml.shared", "../shared"), "corpus", "domains");
    static final Pattern TYPE = Pattern.compile("<type arch=['\"]([^'\"]+)['\"] machine=['\"]([^'\"]+)['\"]");
    static final Pattern DOMAIN_TYPE = Pattern.compile("<domain type=['\"]([a-z]+)['\"]");

    private static String read(String kase, String file) throws IOException {
        return Files.readString(DOMAINS.resolve(kase).resolve(file));
    }

    /** The {@code -cpu} argument libvirt builds for host-model: the model, then feature=on/off. */
    private static String cpuArg(HostCpuModel m) {
        StringBuilder b = new StringBuilder(m.model());
        for (CpuFeature f : m.features()) {
            b.append(',').append(QemuCaps.qemuFeatureName(f.name()))
                    .append(f.policy() == CpuFeature.Policy.DISABLE ? "=off" : "=on");
        }
        return b.toString();
    }

    private static String cpuOf(String argv) {
        Matcher m = Pattern.compile(" -cpu ('[^']*'|\\S+)").matcher(argv);
        assertTrue(m.find(), argv);
        return m.group(1);
    }

    @Test
    void hostModelGuestsGetTheRecordedHostCpu() throws IOException {
        QemuCaps caps = QemuCaps.builtin();
        // KVM guests (the corpus's default domain type) and a TCG guest ('qemu')
        assertEquals(cpuArg(caps.hostModelMigratable(VirtType.KVM)), cpuOf(read("cpu-host-model", "argv.txt")));
        assertEquals(cpuArg(caps.hostModelMigratable(VirtType.KVM)),
                cpuOf(read("cpu-check-default-partial", "argv.txt")));
        assertEquals(cpuArg(caps.hostModelMigratable(VirtType.QEMU)),
                cpuOf(read("cpu-host-model-fallback", "argv.txt")));
    }

    @Test
    void theTscRateIsTheOneLibvirtMeasuredThen() throws IOException {
        Matcher m = Pattern.compile("around host frequency (\\d+) Hz").matcher(read("cpu-tsc-frequency", "argv.err"));
        assertTrue(m.find());
        assertEquals(Long.parseLong(m.group(1)), QemuCaps.builtin().host().cpu().tscFrequency());
        assertEquals(Boolean.FALSE, QemuCaps.builtin().host().cpu().tscScaling());
    }

    @Test
    void i686GuestsRunQemuSystemI386WithQemu32() throws IOException {
        QemuCaps i686 = QemuCaps.builtin("i686");
        String argv = read("balloon-device-auto", "argv.txt");
        assertTrue(argv.contains(" " + i686.emulator() + " "), argv);
        assertEquals(i686.defaultCpuModel(VirtType.KVM, "pc"), cpuOf(argv));
    }

    /** Every defined corpus domain's machine is the profile's canonical name for what the input said. */
    @Test
    void machineAliasesResolveAsLibvirtResolvedThem() throws IOException {
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> cases = Files.list(DOMAINS)) {
            for (Path c : cases.sorted().toList()) {
                Path define = c.resolve("define.xml");
                if (!Files.exists(define)) {
                    continue;
                }
                Matcher in = TYPE.matcher(Files.readString(c.resolve("input.xml")));
                Matcher out = TYPE.matcher(Files.readString(define));
                Matcher dt = DOMAIN_TYPE.matcher(Files.readString(define));
                if (!in.find() || !out.find() || !dt.find()) {
                    continue;
                }
                String arch = in.group(1);
                if (!arch.equals("x86_64") && !arch.equals("i686")) {
                    continue;
                }
                VirtType t = VirtType.fromXml(dt.group(1));
                String expected = QemuCaps.builtin(arch).canonicalMachine(t, in.group(2));
                checked.add(c.getFileName().toString());
                if (!expected.equals(out.group(2))) {
                    wrong.add(c.getFileName() + ": " + in.group(2) + " -> " + out.group(2) + ", profile says "
                            + expected);
                }
            }
        }
        assertTrue(checked.size() > 400, "too few corpus cases found in " + DOMAINS + ": " + checked.size());
        assertEquals(List.of(), wrong);
    }
}
