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
 * Golden tests laid out as libvirt lays out its own: an input {@code NAME.xml}, and beside it (or in a folder of
 * its own) {@code NAME.x86_64.xml} (or {@code .err}) what the real libvirt's define + dumpxml made of it and
 * {@code NAME.x86_64.args} (or {@code .args.err}) what its domxml-to-native printed, recorded by
 * {@code scripts/golden-from-oracle} (never by the code under test). Every input and every golden XML must be
 * schema-valid ({@code *-invalid.xml} must not), no golden file may be left unused, and every domain input must
 * match exactly, refusals with libvirt's message. {@code -Dvirtxml.regenerate=true} re-records the golden files
 * with the real libvirt and fails that run.
 */
abstract class OracleGoldenTest {
    private static final String GOLDEN_MARK = ".x86_64.";

    /** Where the inputs are. */
    abstract Path inputDir();

    /** Where their golden files are (may be the input folder). */
    abstract Path goldenDir();

    /** The arguments of {@code scripts/golden-from-oracle} that re-record this folder. */
    abstract List<String> regenerateArgs();

    private List<Path> inputs() throws IOException {
        try (Stream<Path> s = Files.list(inputDir())) {
            return s.filter(p -> p.toString().endsWith(".xml") && !p.getFileName().toString().contains(GOLDEN_MARK))
                    .sorted().toList();
        }
    }

    private List<Path> goldenFiles() throws IOException {
        try (Stream<Path> s = Files.list(goldenDir())) {
            return s.filter(p -> p.getFileName().toString().contains(GOLDEN_MARK)).sorted().toList();
        }
    }

    private static boolean isDomain(Path p) {
        return Corpus.read(p).contains("<domain");
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - 4);
    }

    private List<Path> domains() throws IOException {
        return inputs().stream().filter(OracleGoldenTest::isDomain).toList();
    }

    @Test
    void regenerateWhenAsked() throws Exception {
        if (!Boolean.getBoolean("virtxml.regenerate")) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Corpus.projectRoot().resolve("scripts/golden-from-oracle").toString());
        command.addAll(regenerateArgs());
        Process p = new ProcessBuilder(command).inheritIO().start();
        int rc = p.waitFor();
        fail("golden files of " + goldenDir().getFileName() + " re-recorded with the real libvirt (exit " + rc
                + "); review the diff and run again");
    }

    @Test
    void inputsAndGoldenXmlAreSchemaValid() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate", "--format", "tsv"));
        for (Path p : inputs()) {
            args.add(p.toString());
        }
        for (Path p : goldenFiles()) {
            if (p.toString().endsWith(".xml")) {
                args.add(p.toString());
            }
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
    void everyGoldenFileBelongsToAnInput() throws IOException {
        TreeSet<String> stems = new TreeSet<>();
        for (Path p : inputs()) {
            stems.add(stem(p));
        }
        List<String> unused = new ArrayList<>();
        for (Path p : goldenFiles()) {
            String n = p.getFileName().toString();
            if (!stems.contains(n.substring(0, n.indexOf(GOLDEN_MARK)))) {
                unused.add(n);
            }
        }
        assertTrue(unused.isEmpty(), "golden files without an input: " + unused);
        for (Path p : domains()) {
            assertTrue(Files.exists(goldenDir().resolve(stem(p) + ".x86_64.xml"))
                    || Files.exists(goldenDir().resolve(stem(p) + ".x86_64.err")),
                    "no golden normalize result for " + p.getFileName() + "; run scripts/golden-from-oracle");
        }
    }

    /** Runs one batch of the command over all inputs into {@code out}; returns the inputs. */
    private List<Path> runBatch(String command, Path out) throws IOException {
        List<Path> domains = domains();
        List<String> args = new ArrayList<>(List.of(command, "--output-dir", out.toString()));
        domains.forEach(p -> args.add(p.toString()));
        Cli.run(args);
        return domains;
    }

    @Test
    void normalizeMatchesTheOracle(@TempDir Path out) throws IOException {
        List<Path> domains = runBatch("normalize", out);
        Map<String, String> why = new HashMap<>();
        for (Path p : domains) {
            String n = stem(p);
            String input = Corpus.read(p);
            Path wantXml = goldenDir().resolve(n + ".x86_64.xml");
            Path mine = out.resolve(n + ".xml");
            if (Files.exists(wantXml)) {
                if (!Files.exists(mine)
                        || !Masking.xml(Corpus.read(wantXml), input).equals(Masking.xml(Corpus.read(mine), input))) {
                    why.put(n, Files.exists(mine) ? "differs" : "refused: " + Corpus.read(out.resolve(n + ".err")).strip());
                }
            } else if (Files.exists(mine)) {
                why.put(n, "libvirt refuses (" + Corpus.read(goldenDir().resolve(n + ".x86_64.err")).strip()
                        + "), virtxml accepts");
            } else if (!Corpus.read(out.resolve(n + ".err")).strip()
                    .equals(Corpus.read(goldenDir().resolve(n + ".x86_64.err")).strip())) {
                why.put(n, "refusal message differs: " + Corpus.read(out.resolve(n + ".err")).strip());
            }
        }
        assertTrue(why.isEmpty(), "inputs whose normalize differs from libvirt's: " + why);
    }

    @Test
    void argvMatchesTheOracle(@TempDir Path out) throws IOException {
        List<Path> domains = runBatch("argv", out);
        Map<String, String> why = new HashMap<>();
        for (Path p : domains) {
            String n = stem(p);
            String input = Corpus.read(p);
            Path want = goldenDir().resolve(n + ".x86_64.args");
            Path mine = out.resolve(n + ".args");
            Path myErr = out.resolve(n + ".err");
            if (Files.exists(want)) {
                Masking.Argv w = Masking.argv(Corpus.read(want), input);
                if (!Files.exists(mine) || w == null || !w.equals(Masking.argv(Corpus.read(mine), input))) {
                    why.put(n, Files.exists(mine) ? "differs" : "refused: " + Corpus.read(myErr).strip());
                }
            } else if (Files.exists(mine)) {
                why.put(n, "libvirt refuses (" + Corpus.read(goldenDir().resolve(n + ".x86_64.args.err")).strip()
                        + "), virtxml accepts");
            }
        }
        assertTrue(why.isEmpty(), "inputs whose argv differs from libvirt's: " + why);
    }
}
