package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verdict agreement with libvirt's own validator, as ../shared/oracle/conform.py measures it: the validation
 * corpus (verdicts.tsv, 17 kinds) and the domain corpus inputs, each through {@code virtxml validate --format tsv}.
 */
class ValidateConformanceTest {

    @Test
    void verdictsOfTheValidationCorpus() {
        Path base = Corpus.shared().resolve("corpus/validate");
        List<String[]> rows = new ArrayList<>();
        for (String line : Corpus.read(base.resolve("verdicts.tsv")).split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        assertEquals(2659, rows.size(), "verdicts.tsv rows");
        List<String> files = new ArrayList<>();
        for (String[] r : rows) {
            files.add(base.resolve(r[0]).toString());
        }
        Map<String, String[]> got = validate(files);
        List<String> pass = new ArrayList<>();
        Map<String, String> why = new HashMap<>();
        for (String[] r : rows) {
            String[] mine = got.get(base.resolve(r[0]).toString());
            String verdict = mine == null ? "none" : mine[2];
            if (verdict.equals(r[2])) {
                pass.add(r[0]);
            } else {
                why.put(r[0], "oracle " + r[2] + ", virtxml " + verdict + (mine != null && mine.length > 3 ? " (" + mine[3] + ")" : ""));
            }
        }
        new Ratchet("validate-verdicts").check(pass, rows.size(), why);
    }

    @Test
    void verdictsOfTheDomainCorpusInputs() {
        List<Path> cases = Corpus.domainCases();
        List<String> files = new ArrayList<>();
        for (Path c : cases) {
            files.add(c.resolve("input.xml").toString());
        }
        Map<String, String[]> got = validate(files);
        List<String> pass = new ArrayList<>();
        Map<String, String> why = new HashMap<>();
        for (Path c : cases) {
            String want = Corpus.read(c.resolve("validate.txt")).split("\n", 2)[0].strip();
            String[] mine = got.get(c.resolve("input.xml").toString());
            String verdict = mine == null ? "none" : mine[2];
            String name = c.getFileName().toString();
            if (verdict.equals(want)) {
                pass.add(name);
            } else {
                why.put(name, "oracle " + want + ", virtxml " + verdict + (mine != null && mine.length > 3 ? " (" + mine[3] + ")" : ""));
            }
        }
        new Ratchet("validate-domains").check(pass, cases.size(), why);
    }

    /** path -> tsv fields, from one batch run of the CLI. */
    private static Map<String, String[]> validate(List<String> files) {
        List<String> args = new ArrayList<>(List.of("validate", "--format", "tsv"));
        args.addAll(files);
        Cli.Result r = Cli.run(args);
        Map<String, String[]> got = new HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length >= 3) {
                got.put(f[0], f);
            }
        }
        return got;
    }
}
