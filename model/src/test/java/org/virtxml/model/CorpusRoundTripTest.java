package org.virtxml.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.virtxml.xml.XmlInputException;

/**
 * The model against libvirt 9.0.0's own test inputs and what libvirt made of them ({@code ../shared/corpus}).
 *
 * <ul>
 *   <li>Every {@code define.xml} (libvirt's own output) reads and writes back byte for byte.</li>
 *   <li>Every {@code input.xml} that libvirt's schema accepts reads, and writes back XML-equal to the input up
 *       to the changes libvirt's parse and format make ({@link LibvirtXmlEquality} lists them).</li>
 *   <li>The same for every domain document of {@code corpus/validate} (libvirt's schema test data for all its
 *       drivers, not only QEMU) that the schema accepts.</li>
 * </ul>
 *
 * The corpus location comes from the {@code virtxml.shared} system property, which the build sets; a missing
 * corpus fails the run rather than skipping it.
 */
class CorpusRoundTripTest {
    /** Cases in the recorded corpus; fewer means a broken checkout, not a smaller test. */
    private static final int DEFINE_CASES = 546;
    private static final int INPUT_CASES = 651;

    static Path domains() {
        String shared = System.getProperty("virtxml.shared");
        assertTrue(shared != null && !shared.isBlank(), "system property virtxml.shared is not set");
        Path dir = Path.of(shared, "corpus", "domains");
        assertTrue(Files.isDirectory(dir), "corpus not found at " + dir);
        return dir;
    }

    static List<Path> cases(String file) throws IOException {
        try (Stream<Path> s = Files.list(domains())) {
            return s.filter(d -> Files.isRegularFile(d.resolve(file))).sorted().toList();
        }
    }

    /** Domain documents in corpus/validate that libvirt's schema accepts. */
    private static final int VALID_SCHEMA_DOMAINS = 2016;

    @Test
    void corpusIsComplete() throws IOException {
        assertEquals(VALID_SCHEMA_DOMAINS, validSchemaDomains().size(), "valid domain documents in corpus/validate");
        assertEquals(DEFINE_CASES, cases("define.xml").size(), "define.xml cases");
        assertEquals(INPUT_CASES, cases("input.xml").size(), "input.xml cases");
    }

    /**
     * Unknown content in the corpus that stays unknown on purpose: attributes libvirt does not read where they
     * are (a PCI address inside an mdev source, which libvirt refuses; virtio driver options on the PCI backend
     * {@code <driver>} of a hostdev interface, which libvirt ignores there).
     */
    private static final Set<String> UNTYPED_ON_PURPOSE = Set.of(
            "hostdev-mdev-src-address-invalid: DomainHostMdevAddress@bus",
            "hostdev-mdev-src-address-invalid: DomainHostMdevAddress@domain",
            "hostdev-mdev-src-address-invalid: DomainHostMdevAddress@function",
            "hostdev-mdev-src-address-invalid: DomainHostMdevAddress@slot",
            "net-hostdev-fail: DomainHostdevDriver@queues");

    /** Every element and attribute of the corpus binds to a typed property, none ends up as unknown content. */
    @Test
    void corpusIsFullyTyped() throws Exception {
        Set<String> untyped = new TreeSet<>();
        for (String file : List.of("input.xml", "define.xml")) {
            for (Path dir : cases(file)) {
                Domain d;
                try {
                    d = DomainXml.parse(dir.resolve(file));
                } catch (XmlInputException e) {
                    continue;
                }
                collectUntyped(d, dir.getFileName() + ": ", untyped, new IdentityHashMap<>());
            }
        }
        untyped.removeAll(UNTYPED_ON_PURPOSE);
        assertTrue(untyped.isEmpty(), () -> "not modelled: " + untyped);
    }

    private static void collectUntyped(Object o, String where, Set<String> out, Map<Object, Boolean> seen)
            throws IllegalAccessException {
        if (o instanceof List<?> list) {
            for (Object x : list) {
                collectUntyped(x, where, out, seen);
            }
            return;
        }
        if (!(o instanceof ModelObject m) || seen.put(o, true) != null) {
            return;
        }
        String type = o.getClass().getSimpleName();
        if (m.hasOtherAttributes()) {
            m.getOtherAttributes().keySet().forEach(k -> out.add(where + type + "@" + k));
        }
        if (o instanceof Extensible e && !(o instanceof DomainMetadata)) {
            e.getOtherElements().forEach(el -> out.add(where + type + "/" + el.getNodeName()));
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("otherElements")) {
                    f.setAccessible(true);
                    collectUntyped(f.get(o), where, out, seen);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> defineXmlRoundTripsByteForByte() throws IOException {
        return cases("define.xml").stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Path f = dir.resolve("define.xml");
            String expected = Files.readString(f, StandardCharsets.UTF_8);
            assertEquals(expected, DomainXml.format(DomainXml.parse(f)));
        }));
    }

    static List<Path> validSchemaDomains() throws IOException {
        Path validate = domains().getParent().resolve("validate");
        return Files.readAllLines(validate.resolve("verdicts.tsv")).stream()
                .map(l -> l.split("\t"))
                .filter(f -> f.length >= 3 && f[1].equals("domain") && f[2].equals("valid"))
                .map(f -> validate.resolve(f[0]))
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> schemaValidDomainsRoundTripXmlEqual() throws IOException {
        return validSchemaDomains().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String formatted = DomainXml.format(DomainXml.parse(f));
            List<String> diffs = LibvirtXmlEquality.unexplainedDifferences(Files.readString(f), formatted);
            assertTrue(diffs.isEmpty(), () -> String.join("\n", diffs) + "\n--- formatted:\n" + formatted);
            assertEquals(formatted, DomainXml.format(DomainXml.parse(formatted)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> inputXmlRoundTripsXmlEqual() throws IOException {
        return cases("input.xml").stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Path f = dir.resolve("input.xml");
            boolean valid = Files.readAllLines(dir.resolve("validate.txt")).get(0).strip().equals("valid");
            Domain d;
            try {
                d = DomainXml.parse(f);
            } catch (XmlInputException e) {
                if (valid) {
                    fail("libvirt's schema accepts this input but the model refused it: " + e.getMessage());
                }
                return;
            }
            String formatted = DomainXml.format(d);
            List<String> diffs = LibvirtXmlEquality.unexplainedDifferences(Files.readString(f), formatted);
            assertTrue(diffs.isEmpty(), () -> String.join("\n", diffs) + "\n--- formatted:\n" + formatted);
            // formatting is a fixed point: what the model writes reads back to the same text
            assertEquals(formatted, DomainXml.format(DomainXml.parse(formatted)));
        }));
    }
}
