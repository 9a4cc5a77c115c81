package org.virtxml.tests;

import java.nio.file.Path;
import java.util.List;

/**
 * The samples: {@code samples/NAME.xml} is the input, {@code golden/samples/NAME.x86_64.*} what the real libvirt
 * made of it (see {@link OracleGoldenTest}). Every sample must match exactly.
 */
class SamplesGoldenTest extends OracleGoldenTest {

    @Override
    Path inputDir() {
        return Corpus.projectRoot().resolve("samples");
    }

    @Override
    Path goldenDir() {
        return Corpus.projectRoot().resolve("tests/src/test/resources/golden/samples");
    }

    @Override
    List<String> regenerateArgs() {
        return List.of();
    }
}
