package org.virtxml.tests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtxml.tests.Corpus;

/**
 * Coverage-guided fuzz tests (Jazzer) of the four entry points: {@code validate}, {@code format},
 * {@code normalize} and {@code argv} must refuse any input with a diagnostic, never crash, hang or run out of
 * memory (see {@link EntryPoints} for what counts as a finding).
 *
 * <p>In a plain {@code mvn verify} each method runs in regression mode over its seeds (the samples and every
 * {@value #STRIDE}th corpus domain) and over every committed finding under
 * {@code src/test/resources/org/virtxml/tests/fuzz/EntryPointFuzzTestInputs/<method>/}. {@code scripts/fuzz}
 * fuzzes them for real, one method per JVM, seeded from the whole corpus; docs/hardening.md ("Fuzzing") has the commands.
 */
class EntryPointFuzzTest {
    /** Regression mode runs every STRIDE-th corpus domain; the conformance tests already run all of them. */
    static final int STRIDE = 16;

    static {
        // the fuzzer makes an instance of this class before its first input; the one-off start-up goes here
        EntryPoints.warmUp();
    }

    @MethodSource("domainSeeds")
    @FuzzTest
    void validate(byte[] input) {
        EntryPoints.validate(input);
    }

    @MethodSource("domainSeeds")
    @FuzzTest
    void format(byte[] input) {
        EntryPoints.format(input);
    }

    @MethodSource("domainSeeds")
    @FuzzTest
    void normalize(byte[] input) {
        EntryPoints.normalize(input);
    }

    @MethodSource("domainSeeds")
    @FuzzTest
    void argv(byte[] input) {
        EntryPoints.argv(input);
    }

    /** The samples and a stride through the corpus domains, named after their files. */
    static Stream<Arguments> domainSeeds() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Corpus.projectRoot().resolve("samples"))) {
            s.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> cases = Corpus.domainCases();
        for (int i = 0; i < cases.size(); i += STRIDE) {
            files.add(cases.get(i).resolve("input.xml"));
        }
        return files.stream().map(f -> Arguments.of(Named.of(name(f), read(f))));
    }

    private static String name(Path f) {
        return f.getFileName().toString().equals("input.xml") ? f.getParent().getFileName().toString()
                : f.getFileName().toString();
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
