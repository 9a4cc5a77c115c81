package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the read-only oracle material is: {@code ../shared} beside the checkout (system property
 * {@code virtxml.shared}, set by the parent pom). Missing material fails the test loudly: CI must never pass by
 * skipping.
 */
public final class Corpus {
    private Corpus() {
    }

    /** The shared folder. */
    public static Path shared() {
        String p = System.getProperty("virtxml.shared");
        Path dir = p == null ? Path.of("..", "..", "shared") : Path.of(p);
        if (!Files.isDirectory(dir.resolve("corpus"))) {
            fail("the oracle corpus is missing: expected " + dir.toAbsolutePath().normalize()
                    + "/corpus (CI must have ../shared beside the clone)");
        }
        return dir.toAbsolutePath().normalize();
    }

    /** {@code shared/corpus/domains}. */
    public static Path domainsDir() {
        return shared().resolve("corpus").resolve("domains");
    }

    /** Every case folder under {@code corpus/domains} that has an input.xml, sorted by name. */
    public static List<Path> domainCases() {
        try (Stream<Path> s = Files.list(domainsDir())) {
            List<Path> cases = s.filter(d -> Files.isRegularFile(d.resolve("input.xml"))).sorted().toList();
            if (cases.size() < 600) {
                fail("the domain corpus looks incomplete: " + cases.size() + " cases");
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project root (system property {@code virtxml.root}, set by the parent pom). */
    public static Path projectRoot() {
        String p = System.getProperty("virtxml.root");
        return (p == null ? Path.of("..") : Path.of(p)).toAbsolutePath().normalize();
    }

    /** Reads a file as UTF-8 (malformed bytes replaced, as the oracle scorer reads them). */
    public static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
