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
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.QemuArgv;

/**
 * The normalize and argv stages against the domain corpus, scored as ../shared/oracle/conform.py scores them:
 * accepted cases must be byte-exact after masking (argv: token-exact, environment included, PATH value aside),
 * refused cases must be refused. Each result set is a ratchet.
 */
class StageConformanceTest {
    /** What the real libvirt makes of those of its outputs it does not keep as is (see RedefineGoldenTest). */
    private static final Path REDEFINE = Corpus.projectRoot().resolve("tests/src/test/resources/golden/redefine");

    @Test
    void normalizeMatchesVirshDefine(@TempDir Path out) throws IOException {
        score("normalize", ".xml", "define.xml", "define.err", out);
    }

    @Test
    void argvMatchesDomxmlToNative(@TempDir Path out) throws IOException {
        score("argv", ".args", "argv.txt", "argv.err", out);
    }

    /**
     * The argv backend alone, fed with what libvirt defined (the corpus define.xml, parsed without normalizing):
     * exact when the result equals argv.txt after masking, agreeing when libvirt's argv.err is matched by a
     * refusal. This measures the backend while the normalizer is incomplete.
     */
    @Test
    void argvFromDefineMatchesDomxmlToNative() {
        QemuArgv backend = new QemuArgv(CapsProvider.builtin(), null);
        List<String> exact = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<String, String> why = new HashMap<>();
        int accepted = 0;
        int refusals = 0;
        for (Path c : Corpus.domainCases()) {
            if (!Files.exists(c.resolve("define.xml"))) {
                continue;
            }
            String n = c.getFileName().toString();
            String input = Corpus.read(c.resolve("input.xml"));
            String have;
            String error = null;
            try {
                have = backend.render(DomainXml.parse(Corpus.read(c.resolve("define.xml"))));
            } catch (ArgvException e) {
                have = null;
                error = e.diagnostic().message();
            } catch (RuntimeException e) {
                // a crash is neither output nor an agreement with a refusal
                why.put(n, "virtxml internal error: " + e);
                if (Files.exists(c.resolve("argv.txt"))) {
                    accepted++;
                } else if (Files.exists(c.resolve("argv.err"))) {
                    refusals++;
                }
                continue;
            }
            if (Files.exists(c.resolve("argv.txt"))) {
                accepted++;
                if (have == null) {
                    why.put(n, "oracle accepts, virtxml refuses: " + error);
                    continue;
                }
                Masking.Argv w = Masking.argv(Corpus.read(c.resolve("argv.txt")), input);
                if (w != null && w.equals(Masking.argv(have, input))) {
                    exact.add(n);
                } else {
                    why.put(n, "differs");
                }
            } else if (Files.exists(c.resolve("argv.err"))) {
                refusals++;
                if (have == null) {
                    refused.add(n);
                } else {
                    why.put(n, "oracle refuses (" + Corpus.read(c.resolve("argv.err")).strip() + "), virtxml accepts");
                }
            }
        }
        new Ratchet("argv-from-define").check(exact, accepted, why);
        new Ratchet("argv-from-define-refusals").check(refused, refusals, why);
    }

    /**
     * The platform sections alone (argv from define.xml with the options of the storage and front-end halves set
     * aside on both sides: disks, filesystems, host devices, network, chardevs, input, audio, graphics, video,
     * sound). It guards the platform half while the other halves are built on other branches; once they are
     * merged, {@link #argvFromDefineMatchesDomxmlToNative} says more.
     */
    @Test
    void argvFromDefinePlatformSectionsMatch() {
        QemuArgv backend = new QemuArgv(CapsProvider.builtin(), null);
        List<String> exact = new ArrayList<>();
        Map<String, String> why = new HashMap<>();
        int accepted = 0;
        for (Path c : Corpus.domainCases()) {
            if (!Files.exists(c.resolve("define.xml")) || !Files.exists(c.resolve("argv.txt"))) {
                continue;
            }
            accepted++;
            String n = c.getFileName().toString();
            String input = Corpus.read(c.resolve("input.xml"));
            try {
                Masking.Argv have = Masking.argv(backend.render(DomainXml.parse(Corpus.read(c.resolve("define.xml")))),
                        input);
                Masking.Argv want = Masking.argv(Corpus.read(c.resolve("argv.txt")), input);
                if (want != null && have != null && want.env().equals(have.env())
                        && ArgvPlatformView.of(want.words()).equals(ArgvPlatformView.of(have.words()))) {
                    exact.add(n);
                } else {
                    why.put(n, "differs");
                }
            } catch (RuntimeException e) {
                why.put(n, "virtxml: " + e.getMessage());
            }
        }
        new Ratchet("argv-from-define-platform").check(exact, accepted, why);
    }

    /**
     * Normalizing what libvirt itself wrote changes nothing (every define.xml of the corpus), except where libvirt
     * itself does not keep its own output: there it must change as libvirt changes it ({@code golden/redefine}).
     */
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
            Path redefined = REDEFINE.resolve(n + ".xml");
            Path want = Files.exists(redefined) ? redefined : c.resolve("define.xml");
            if (Files.exists(mine) && Corpus.read(mine).equals(Corpus.read(want))) {
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
                Path err = out.resolve(n + ".err");
                if (Files.exists(mine)) {
                    why.put(n + "#refusal", "oracle refuses (" + Corpus.read(c.resolve(oracleErr)).strip() + "), virtxml accepts");
                } else if (Files.exists(err) && Corpus.read(err).startsWith("virtxml internal error")) {
                    // a crash is not an agreement with libvirt's refusal
                    why.put(n + "#refusal", Corpus.read(err).strip());
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
