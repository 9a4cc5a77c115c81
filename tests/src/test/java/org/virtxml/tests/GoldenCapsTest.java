package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.virtxml.cli.Virtxml;
import picocli.CommandLine;

/**
 * {@code virtxml domcapabilities} / {@code capabilities} with the built-in profile print what the real libvirt
 * printed on the corpus host. The expected files come from {@code virsh -c qemu:///system ARGS} (never from this
 * code); {@code -Dvirtxml.regenerate=true} rewrites them from virsh and fails the run so the diff gets reviewed.
 */
class GoldenCapsTest {
    static final String DIR = "golden/caps";

    /** name to arguments, from cases.tsv. */
    static Map<String, List<String>> cases() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(resourceDir().resolve("cases.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.put(f[0], List.of(f[1].split(" ")));
        }
        return out;
    }

    static Path resourceDir() {
        try {
            return Path.of(GoldenCapsTest.class.getClassLoader().getResource(DIR + "/cases.tsv").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Values that differ between boots of the same host and are not properties of the emulator: libvirt invents a
     * host UUID when there is no SMBIOS, and calibrates the TSC rate at boot (the profile keeps the corpus's).
     */
    static String maskPerBootValues(String xml) {
        return xml.replaceAll("<uuid>[0-9a-f-]+</uuid>", "<uuid>MASKED</uuid>")
                .replaceAll("(<counter name='tsc' frequency=')\\d+'", "$1MASKED'");
    }

    static String run(List<String> args) {
        CommandLine cl = Virtxml.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args.toArray(String[]::new));
        assertEquals(0, rc, "virtxml " + String.join(" ", args) + " failed: " + err);
        return out.toString();
    }

    @TestFactory
    Stream<DynamicTest> outputEqualsWhatVirshPrinted() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> c : cases().entrySet()) {
            tests.add(DynamicTest.dynamicTest(c.getKey(), () -> {
                String expected = Files.readString(resourceDir().resolve(c.getKey() + ".xml"));
                String actual = run(c.getValue());
                if (c.getValue().get(0).equals("capabilities")) {
                    expected = maskPerBootValues(expected);
                    actual = maskPerBootValues(actual);
                }
                assertEquals(expected, actual);
            }));
        }
        return tests.stream();
    }

    @Test
    void everyGoldenFileIsUsed() throws IOException {
        Set<String> used = new TreeSet<>();
        cases().keySet().forEach(n -> used.add(n + ".xml"));
        used.add("cases.tsv");
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(resourceDir())) {
            s.forEach(p -> present.add(p.getFileName().toString()));
        }
        assertEquals(used, present, "unused or missing golden files in " + DIR);
    }

    /** Rewrites the expected files from the real libvirt; always fails so that nobody commits it unreviewed. */
    @Test
    void regenerateFromVirshWhenAsked() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("virtxml.regenerate"))) {
            return;
        }
        Path src = Path.of(System.getProperty("virtxml.root"), "tests/src/test/resources", DIR);
        assertTrue(Files.isDirectory(src), src.toString());
        int n = 0;
        for (Map.Entry<String, List<String>> c : cases().entrySet()) {
            List<String> cmd = new ArrayList<>(List.of("virsh", "-c", "qemu:///system"));
            cmd.addAll(c.getValue());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("virsh " + String.join(" ", c.getValue()) + " failed: "
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            Files.write(src.resolve(c.getKey() + ".xml"), out);
            n++;
        }
        fail("regenerated " + n + " golden files in " + src + " from virsh; review the diff and run again without "
                + "-Dvirtxml.regenerate");
    }
}
