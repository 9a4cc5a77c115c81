package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libvirt is not idempotent on every one of its own outputs: defining a corpus {@code define.xml} again can change
 * it (the parser sorts controllers by type and index, which moves the controllers libvirt appended the first
 * time). For those cases {@code golden/redefine/CASE.xml} holds what the real libvirt made of its own output
 * (recorded by {@code scripts/redefine-from-oracle}), and normalizing the corpus {@code define.xml} must give
 * exactly that; these are the cases left out of the idempotence ratchet.
 */
class RedefineGoldenTest {
    private static final Path GOLDEN = Corpus.projectRoot().resolve("tests/src/test/resources/golden/redefine");

    @Test
    void normalizingLibvirtsOutputChangesItAsLibvirtDoes(@TempDir Path out) throws IOException {
        List<Path> golden;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            golden = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertTrue(!golden.isEmpty(), "no golden re-define outputs in " + GOLDEN);
        Path in = out.resolveSibling(out.getFileName() + "-defined");
        Files.createDirectories(in);
        List<String> args = new ArrayList<>(List.of("normalize", "--output-dir", out.toString()));
        for (Path g : golden) {
            String name = g.getFileName().toString();
            Path define = Corpus.domainsDir().resolve(name.substring(0, name.length() - 4)).resolve("define.xml");
            assertTrue(Files.exists(define), "golden file without a corpus case: " + name);
            Path link = in.resolve(name);
            Files.createSymbolicLink(link, define);
            args.add(link.toString());
        }
        Cli.run(args);
        for (Path g : golden) {
            Path mine = out.resolve(g.getFileName());
            assertTrue(Files.exists(mine), g.getFileName() + " was refused");
            assertEquals(Corpus.read(g), Corpus.read(mine), g.getFileName().toString());
        }
    }
}
