package org.virtxml.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The normalize and argv stages against the domain corpus, scored as ../shared/oracle/conform.py scores them:
 * accepted cases must be byte-exact after masking (argv: token-exact, environment included, PATH value aside),
 * refused cases must be refused. Each result set is a ratchet.
 */
class StageConformanceTest {

    @Test
    void normalizeMatchesVirshDefine(@TempDir Path out) throws IOException {
        score("normalize", ".xml", "define.xml", "define.err", out);
    }

    /** Normalizing what libvirt itself wrote changes nothing (every define.xml of the corpus). */
    @Test
    void normalizeIsIdempotentOnLibvirtsOutput(@TempDir Path out) throws IOException {
        List<Path> cases = Corpus.domainCases().stream().filter(c -> Files.exists(c.resolve("define.xml"))).toList();
        List<String> args = new ArrayList<>(List.of("normalize", "--output-dir", out.toString()));
        Path in = out.resolveSibling(out.getFileName() + "-defined");
        Files.createDirectories(in);
        for (Path c : cases) {
            Path l = in.resolve(c.getFileName() + ".xml");
            Files.createSymbolicLink(l, c.resolve("define.xml"));
            args.add(l.toString());
        }
        Cli.run(args);
        List<String> same = new ArrayList<>();
        Map<String, String> why = new HashMap<>();
        for (Path c : cases) {
            String n = c.getFileName().toString();
            Path mine = out.resolve(n + ".xml");
            if (Files.exists(mine) && Corpus.read(mine).equals(Corpus.read(c.resolve("define.xml")))) {
                same.add(n);
            } else {
                why.put(n, Files.exists(mine) ? "changed" : "refused: " + Corpus.read(out.resolve(n + ".err")).strip());
            }
        }
        new Ratchet("normalize-idempotent").check(same, cases.size(), why);
    }

    private static void score(String stage, String ext, String oracleOut, String oracleErr, Path out) throws IOException {
        List<Path> cases = Corpus.domainCases();
        List<String> args = new ArrayList<>(List.of(stage, "--output-dir", out.toString()));
        for (Path c : cases) {
            args.add(link(out.resolveSibling(out.getFileName() + "-in"), c).toString());
        }
        Cli.run(args);
        List<String> exact = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<String, String> why = new HashMap<>();
        int accepted = 0;
        int refusals = 0;
        for (Path c : cases) {
            String n = c.getFileName().toString();
            String input = Corpus.read(c.resolve("input.xml"));
            Path mine = out.resolve(n + ext);
            if (Files.exists(c.resolve(oracleOut))) {
                accepted++;
                if (!Files.exists(mine)) {
                    Path err = out.resolve(n + ".err");
                    why.put(n, "oracle accepts, virtxml refuses" + (Files.exists(err) ? ": " + Corpus.read(err).strip() : ""));
                    continue;
                }
                String want = Corpus.read(c.resolve(oracleOut));
                String have = Corpus.read(mine);
                boolean same;
                if (stage.equals("normalize")) {
                    same = Masking.xml(want, input).stripTrailing().equals(Masking.xml(have, input).stripTrailing());
                } else {
                    Masking.Argv w = Masking.argv(want, input);
                    Masking.Argv h = Masking.argv(have, input);
                    same = w != null && w.equals(h);
                }
                if (same) {
                    exact.add(n);
                } else {
                    why.put(n, "differs");
                }
            } else if (Files.exists(c.resolve(oracleErr))) {
                refusals++;
                if (Files.exists(mine)) {
                    why.put(n + "#refusal", "oracle refuses (" + Corpus.read(c.resolve(oracleErr)).strip() + "), virtxml accepts");
                } else {
                    refused.add(n);
                }
            }
        }
        new Ratchet(stage).check(exact, accepted, why);
        new Ratchet(stage + "-refusals").check(refused, refusals, prefixed(why));
    }

    private static Map<String, String> prefixed(Map<String, String> why) {
        Map<String, String> m = new HashMap<>();
        why.forEach((k, v) -> m.put(k.replace("#refusal", ""), v));
        return m;
    }

    /** conform.py names inputs CASE.xml; do the same so output stems are case names. */
    private static Path link(Path dir, Path caseDir) throws IOException {
        Files.createDirectories(dir);
        Path l = dir.resolve(caseDir.getFileName() + ".xml");
        if (!Files.exists(l)) {
            Files.createSymbolicLink(l, caseDir.resolve("input.xml"));
        }
        return l;
    }
}
