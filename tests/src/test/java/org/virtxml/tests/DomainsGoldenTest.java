package org.virtxml.tests;

import java.nio.file.Path;
import java.util.List;

/**
 * Small domains, each on one rule of libvirt's parser, post-parse or validation that the corpus does not show
 * (found by normalizing the schema corpus's valid domains against the real libvirt): {@code golden/domains/NAME.xml}
 * beside what the real libvirt made of it (see {@link OracleGoldenTest}).
 */
class DomainsGoldenTest extends OracleGoldenTest {
    private static final Path DIR = Corpus.projectRoot().resolve("tests/src/test/resources/golden/domains");

    @Override
    Path inputDir() {
        return DIR;
    }

    @Override
    Path goldenDir() {
        return DIR;
    }

    @Override
    List<String> regenerateArgs() {
        return List.of("--dir", DIR.toString());
    }
}
