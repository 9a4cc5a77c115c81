package org.virtxml.tests.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.virtxml.model.DomainXml;
import org.virtxml.schema.SchemaKind;
import org.virtxml.schema.ValidationResult;
import org.virtxml.schema.XmlValidator;

/**
 * Golden cases of the model's format, laid out as libvirt's test data is: {@code golden/model/NAME.xml} and the
 * real libvirt's output {@code NAME.x86_64.xml} (see the README there).
 */
class ModelGoldenTest {
    private static final String EXPECTED = ".x86_64.xml";

    static Path dir() {
        String root = System.getProperty("virtxml.root");
        assertTrue(root != null && !root.isBlank(), "system property virtxml.root is not set");
        Path d = Path.of(root, "tests", "src", "test", "resources", "golden", "model");
        assertTrue(Files.isDirectory(d), "golden data not found at " + d);
        return d;
    }

    static List<Path> inputs() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".xml") && !p.toString().endsWith(EXPECTED)).sorted().toList();
        }
    }

    private static Path expectedFor(Path input) {
        String n = input.getFileName().toString();
        return input.resolveSibling(n.substring(0, n.length() - 4) + EXPECTED);
    }

    @TestFactory
    Stream<DynamicTest> formatWritesWhatLibvirtWrote() throws IOException {
        List<Path> inputs = inputs();
        assertFalse(inputs.isEmpty(), "no golden cases");
        return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
            String expected = Files.readString(expectedFor(in), StandardCharsets.UTF_8);
            assertEquals(expected, DomainXml.format(DomainXml.parse(in)));
            // idempotent: libvirt's output is a fixed point of format
            assertEquals(expected, DomainXml.format(DomainXml.parse(expected)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> goldenDataIsSchemaValid() throws IOException {
        XmlValidator validator = new XmlValidator();
        List<Path> all = new ArrayList<>(inputs());
        all.addAll(inputs().stream().map(ModelGoldenTest::expectedFor).toList());
        return all.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            ValidationResult r = validator.validate(p, SchemaKind.byName("domain"));
            // inputs named *-invalid.xml are respelled beyond the schema (libvirt's parser still takes them);
            // what libvirt writes back is always valid
            boolean invalidCase = p.getFileName().toString().endsWith("-invalid.xml");
            assertEquals(!invalidCase, r.valid(), r.firstMessage());
        }));
    }

    @Test
    void everyDataFileIsUsed() throws IOException {
        List<Path> inputs = inputs();
        try (Stream<Path> s = Files.list(dir())) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                boolean used = n.equals("README.md") || inputs.contains(p)
                        || (n.endsWith(EXPECTED) && inputs.contains(p.resolveSibling(
                                n.substring(0, n.length() - EXPECTED.length()) + ".xml")));
                assertTrue(used, "unused golden file " + p);
            }
        }
        for (Path in : inputs) {
            assertTrue(Files.isRegularFile(expectedFor(in)), "no expected output for " + in);
        }
    }

    /** {@code -Dvirtxml.regenerate=true}: re-record the expected files with the real libvirt, then fail. */
    @Test
    void regenerateWhenAsked() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("virtxml.regenerate", "false"))) {
            return;
        }
        Path oracle = Path.of(System.getProperty("virtxml.shared"), "oracle", "oracle.py");
        Path out = Files.createTempDirectory("virtxml-golden");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", oracle.toString(), out.toString()));
        inputs().forEach(p -> cmd.add(p.toString()));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0, "oracle failed");
        for (Path in : inputs()) {
            String name = in.getFileName().toString().replaceFirst("\\.xml$", "");
            Path define = out.resolve(name).resolve("define.xml");
            assertTrue(Files.isRegularFile(define), "libvirt refused " + in + ": see " + out.resolve(name));
            Files.copy(define, expectedFor(in), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        fail("golden files regenerated from libvirt; review the diff and run again without -Dvirtxml.regenerate");
    }
}
