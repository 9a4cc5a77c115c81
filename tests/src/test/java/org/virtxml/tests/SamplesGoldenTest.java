package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests of the samples, laid out as libvirt lays out its own: {@code samples/NAME.xml} is the input,
 * {@code golden/samples/NAME.x86_64.xml} (or {@code .err}) what the real libvirt's define + dumpxml made of it and
 * {@code NAME.x86_64.args} (or {@code .args.err}) what its domxml-to-native printed,
 * recorded by {@code scripts/golden-from-oracle} (never by the code under test). Every sample and every golden XML
 * must be schema-valid ({@code *-invalid.xml} must not), and no golden file may be left unused.
 * Every sample must match exactly. {@code -Dvirtxml.regenerate=true} re-records the golden files with the real libvirt and fails that run.
 */
class SamplesGoldenTest {
    private static final Path SAMPLES = Corpus.projectRoot().resolve("samples");
    private static final Path GOLDEN = Corpus.projectRoot().resolve("tests/src/test/resources/golden/samples");

    private static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static boolean isDomain(Path p) {
        return Corpus.read(p).contains("<domain");
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - 4);
    }

    @Test
    void regenerateWhenAsked() throws Exception {
        if (!Boolean.getBoolean("virtxml.regenerate")) {
            return;
        }
        Process p = new ProcessBuilder(Corpus.projectRoot().resolve("scripts/golden-from-oracle").toString())
                .inheritIO().start();
        int rc = p.waitFor();
        fail("golden samples re-recorded with the real libvirt (exit " + rc + "); review the diff and run again");
    }

    @Test
    void samplesAndGoldenXmlAreSchemaValid() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate", "--format", "tsv"));
        for (Path p : samples()) {
            args.add(p.toString());
        }
        try (Stream<Path> s = Files.list(GOLDEN)) {
            s.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(p -> args.add(p.toString()));
        }
        Cli.Result r = Cli.run(args);
        for (String line : r.out().split("\n")) {
            String[] f = line.split("\t", -1);
            boolean shouldFail = f[0].endsWith("-invalid.xml");
            assertEquals(shouldFail ? "invalid" : "valid", f[2], f[0] + ": " + (f.length > 3 ? f[3] : ""));
        }
        assertEquals(args.size() - 3, r.out().split("\n").length, "one verdict per file");
    }

    @Test
    void everyGoldenFileBelongsToASample() throws IOException {
        TreeSet<String> stems = new TreeSet<>();
        for (Path p : samples()) {
            stems.add(stem(p));
        }
        List<String> unused = new ArrayList<>();
        try (Stream<Path> s = Files.list(GOLDEN)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!stems.contains(n.substring(0, n.indexOf(".x86_64.")))) {
                    unused.add(n);
                }
            }
        }
        assertTrue(unused.isEmpty(), "golden files without a sample: " + unused);
        for (Path p : samples()) {
            if (isDomain(p)) {
                assertTrue(Files.exists(GOLDEN.resolve(stem(p) + ".x86_64.xml"))
                        || Files.exists(GOLDEN.resolve(stem(p) + ".x86_64.err")),
                        "no golden normalize result for " + p.getFileName() + "; run scripts/golden-from-oracle");
            }
        }
    }

    @Test
    void normalizeMatchesTheOracle(@TempDir Path out) throws IOException {
        List<Path> domains = samples().stream().filter(SamplesGoldenTest::isDomain).toList();
        List<String> args = new ArrayList<>(List.of("normalize", "--output-dir", out.toString()));
        domains.forEach(p -> args.add(p.toString()));
        Cli.run(args);
        Map<String, String> why = new HashMap<>();
        for (Path p : domains) {
            String n = stem(p);
            String input = Corpus.read(p);
            Path wantXml = GOLDEN.resolve(n + ".x86_64.xml");
            Path mine = out.resolve(n + ".xml");
            if (Files.exists(wantXml)) {
                if (!Files.exists(mine)
                        || !Masking.xml(Corpus.read(wantXml), input).equals(Masking.xml(Corpus.read(mine), input))) {
                    why.put(n, Files.exists(mine) ? "differs" : "refused: " + Corpus.read(out.resolve(n + ".err")).strip());
                }
            } else if (Files.exists(mine)) {
                why.put(n, "libvirt refuses (" + Corpus.read(GOLDEN.resolve(n + ".x86_64.err")).strip() + "), virtxml accepts");
            } else if (!Corpus.read(out.resolve(n + ".err")).strip()
                    .equals(Corpus.read(GOLDEN.resolve(n + ".x86_64.err")).strip())) {
                why.put(n, "refusal message differs: " + Corpus.read(out.resolve(n + ".err")).strip());
            }
        }
        assertTrue(why.isEmpty(), "samples whose normalize differs from libvirt's: " + why);
    }

    @Test
    void argvMatchesTheOracle(@TempDir Path out) throws IOException {
        List<Path> domains = samples().stream().filter(SamplesGoldenTest::isDomain).toList();
        List<String> args = new ArrayList<>(List.of("argv", "--output-dir", out.toString()));
        domains.forEach(p -> args.add(p.toString()));
        Cli.run(args);
        Map<String, String> why = new HashMap<>();
        for (Path p : domains) {
            String n = stem(p);
            String input = Corpus.read(p);
            Path want = GOLDEN.resolve(n + ".x86_64.args");
            Path mine = out.resolve(n + ".args");
            Path myErr = out.resolve(n + ".err");
            if (Files.exists(want)) {
                Masking.Argv w = Masking.argv(Corpus.read(want), input);
                if (!Files.exists(mine) || w == null || !w.equals(Masking.argv(Corpus.read(mine), input))) {
                    why.put(n, Files.exists(mine) ? "differs" : "refused: " + Corpus.read(myErr).strip());
                }
            } else if (Files.exists(mine)) {
                why.put(n, "libvirt refuses (" + Corpus.read(GOLDEN.resolve(n + ".x86_64.args.err")).strip()
                        + "), virtxml accepts");
            }
        }
        assertTrue(why.isEmpty(), "samples whose argv differs from libvirt's: " + why);
    }
}
