package org.virtxml.tests.mutation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.tests.Cli;
import org.virtxml.tests.Corpus;
import org.virtxml.tests.Ratchet;

/**
 * Mutation test of the schemas: valid corpus documents of every kind, broken in typical ways ({@link Mutator}),
 * must get the verdict that libvirt's own {@code virt-xml-validate} gives them. The expected verdicts are golden
 * ({@code mutants/expected.tsv}), recorded from the real validator with {@code -Dvirtxml.regenerate=true}
 * (needs libvirt-clients; that run rewrites the file and fails so the diff gets reviewed).
 */
class MutationTest {
    /** How many valid documents of each kind are mutated (all of them when a kind has fewer). */
    private static final Map<String, Integer> PER_KIND = Map.of("domain", 60);
    private static final int DEFAULT_PER_KIND = 12;
    /** The agreement the schemas must reach, in percent. */
    private static final double MIN_AGREEMENT = 99.0;

    @Test
    void mutantsGetLibvirtsVerdict(@TempDir Path tmp) throws Exception {
        Map<String, String> kindOf = new LinkedHashMap<>();
        Map<String, Path> fileOf = new LinkedHashMap<>();
        Map<String, String> description = new HashMap<>();
        for (Base b : bases()) {
            for (Mutator.Mutant m : Mutator.mutate(b.id, Files.readAllBytes(b.file))) {
                Path f = tmp.resolve(String.format("m%05d.xml", fileOf.size()));
                Files.writeString(f, m.xml(), StandardCharsets.UTF_8);
                kindOf.put(m.id(), b.kind);
                fileOf.put(m.id(), f);
                description.put(m.id(), m.description());
            }
        }
        Path golden = Corpus.projectRoot().resolve("tests/src/test/resources/mutants/expected.tsv");
        if (Boolean.getBoolean("virtxml.regenerate")) {
            regenerate(golden, kindOf, fileOf);
            fail("regenerated " + golden + " from virt-xml-validate; review the diff and run again without the flag");
        }
        Map<String, String> expected = readGolden(golden);
        List<String> missing = kindOf.keySet().stream().filter(id -> !expected.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            fail(missing.size() + " mutants have no recorded verdict (e.g. " + missing.get(0)
                    + "); run with -Dvirtxml.regenerate=true where libvirt is installed");
        }
        Map<String, String> ours = new HashMap<>();
        Map<String, String> firstMessage = new HashMap<>();
        Map<String, List<String>> byKind = new TreeMap<>();
        kindOf.forEach((id, k) -> byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(id));
        for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
            List<String> args = new ArrayList<>(List.of("validate", "--format", "tsv", "--schema", e.getKey()));
            Map<String, String> idOfFile = new HashMap<>();
            for (String id : e.getValue()) {
                args.add(fileOf.get(id).toString());
                idOfFile.put(fileOf.get(id).toString(), id);
            }
            for (String line : Cli.run(args).out().split("\n")) {
                String[] f = line.split("\t", -1);
                if (f.length >= 3 && idOfFile.containsKey(f[0])) {
                    ours.put(idOfFile.get(f[0]), f[2]);
                    firstMessage.put(idOfFile.get(f[0]), f.length > 3 ? f[3] : "");
                }
            }
        }
        List<String> agree = new ArrayList<>();
        Map<String, String> why = new HashMap<>();
        Map<String, int[]> perKind = new TreeMap<>();
        for (String id : kindOf.keySet()) {
            int[] k = perKind.computeIfAbsent(kindOf.get(id), x -> new int[2]);
            k[1]++;
            if (expected.get(id).equals(ours.get(id))) {
                agree.add(id);
                k[0]++;
            } else {
                why.put(id, description.get(id) + ": libvirt " + expected.get(id) + ", virtxml " + ours.get(id)
                        + " " + firstMessage.getOrDefault(id, ""));
            }
        }
        perKind.forEach((k, v) -> System.out.printf("mutants %-17s %4d/%4d agree%n", k, v[0], v[1]));
        double pct = 100.0 * agree.size() / kindOf.size();
        System.out.printf("mutants: %d/%d agree with virt-xml-validate (%.2f%%)%n", agree.size(), kindOf.size(), pct);
        if (Boolean.getBoolean("virtxml.mutants.list")) {
            why.forEach((id, w) -> System.out.println("  " + id + ": " + w));
        }
        new Ratchet("mutants").check(agree, kindOf.size(), why);
        assertTrue(pct >= MIN_AGREEMENT, String.format("mutant agreement %.2f%% is below %.1f%%; "
                + "see -Dvirtxml.mutants.list=true", pct, MIN_AGREEMENT));
    }

    private record Base(String id, String kind, Path file) {
    }

    /** The documents to mutate: an even spread of the valid corpus documents of each kind, and the samples. */
    private static List<Base> bases() throws IOException {
        Path base = Corpus.shared().resolve("corpus/validate");
        Map<String, List<String>> valid = new TreeMap<>();
        for (String line : Files.readAllLines(base.resolve("verdicts.tsv"))) {
            String[] r = line.split("\t");
            if (r.length >= 3 && r[2].equals("valid")) {
                valid.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[0]);
            }
        }
        List<Base> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : valid.entrySet()) {
            List<String> files = e.getValue();
            files.sort(null);
            int n = Math.min(files.size(), PER_KIND.getOrDefault(e.getKey(), DEFAULT_PER_KIND));
            for (int i = 0; i < n; i++) {
                String rel = files.get((int) ((long) i * files.size() / n));
                out.add(new Base(rel, e.getKey(), base.resolve(rel)));
            }
        }
        try (var s = Files.list(Corpus.projectRoot().resolve("samples"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                String text = Files.readString(p);
                String kind = text.contains("<domain") ? "domain" : text.contains("<network") ? "network" : null;
                if (kind != null && !p.getFileName().toString().endsWith("-invalid.xml")) {
                    out.add(new Base("samples/" + p.getFileName(), kind, p));
                }
            }
        }
        return out;
    }

    private static Map<String, String> readGolden(Path golden) throws IOException {
        Map<String, String> m = new HashMap<>();
        if (!Files.exists(golden)) {
            return m;
        }
        for (String line : Files.readAllLines(golden)) {
            String[] f = line.split("\t");
            if (f.length >= 3 && !line.startsWith("#")) {
                m.put(f[0], f[2]);
            }
        }
        return m;
    }

    private static void regenerate(Path golden, Map<String, String> kindOf, Map<String, Path> fileOf)
            throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder("# mutant id\tkind\tverdict of libvirt 9.0.0's virt-xml-validate\n");
        for (Map.Entry<String, String> e : kindOf.entrySet()) {
            Process p = new ProcessBuilder("virt-xml-validate", fileOf.get(e.getKey()).toString(), e.getValue())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("virt-xml-validate hung on " + e.getKey());
            }
            b.append(e.getKey()).append('\t').append(e.getValue()).append('\t')
                    .append(p.exitValue() == 0 ? "valid" : "invalid").append('\n');
        }
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, b.toString(), StandardCharsets.UTF_8);
    }
}
