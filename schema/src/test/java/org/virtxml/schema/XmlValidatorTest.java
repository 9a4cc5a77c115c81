package org.virtxml.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SourceText;

/** The validator on hostile and broken input: every case is refused with a clear located message. */
class XmlValidatorTest {
    private final XmlValidator validator = new XmlValidator();

    private ValidationResult validate(String xml) {
        return validator.validate(SourceText.of("t.xml", xml), null);
    }

    private static String first(ValidationResult r) {
        assertFalse(r.valid(), "expected invalid");
        return r.firstMessage();
    }

    @Test
    void refusesDoctypeAndExternalEntities() {
        ValidationResult r = validate("<?xml version='1.0'?>\n<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "\n<domain type='kvm'>&x;</domain>");
        assertTrue(first(r).contains("DOCTYPE"), r.firstMessage());
        assertEquals(2, r.errors().get(0).line());
    }

    @Test
    @Timeout(5)
    void refusesEntityExpansionBombs() {
        StringBuilder b = new StringBuilder("<!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>");
        for (int i = 1; i < 10; i++) {
            b.append("<!ENTITY ").append((char) ('a' + i)).append(" '");
            b.append(("&" + (char) ('a' + i - 1) + ";").repeat(10)).append("'>");
        }
        b.append("]><domain type='kvm'>&j;</domain>");
        assertTrue(first(validate(b.toString())).contains("DOCTYPE"));
    }

    @Test
    void doesNotProcessXInclude() {
        ValidationResult r = validate("<domain type='kvm' xmlns:xi='http://www.w3.org/2001/XInclude'>"
                + "<xi:include href='/etc/passwd' parse='text'/></domain>");
        // the include element stays an element (and the domain schema has no place for it)
        for (Diagnostic d : r.errors()) {
            assertFalse(d.message().contains("root:"), d.message());
        }
    }

    @Test
    void reportsNotXmlEmptyAndBinary() {
        assertTrue(first(validate("hello")).contains("not XML"));
        assertTrue(first(validate("")).contains("empty"));
        ValidationResult bin = validator.validate(SourceText.of("b.xml", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}),
                null);
        assertFalse(bin.valid());
    }

    @Test
    void reportsInvalidUtf8AndNulWithLocation() {
        byte[] bad = "<domain type='kvm'>\n<name>\u00ff</name></domain>".getBytes(StandardCharsets.ISO_8859_1);
        ValidationResult r = validator.validate(SourceText.of("u.xml", bad), null);
        assertTrue(first(r).contains("UTF-8"), r.firstMessage());
        assertEquals(2, r.errors().get(0).line());
        ValidationResult nul = validate("<domain type='kvm'>\u0000</domain>");
        assertTrue(first(nul).contains("U+0000"), nul.firstMessage());
    }

    @Test
    @Timeout(10)
    void boundsNestingDepth() {
        String deep = "<domain type='kvm'>" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</domain>";
        ValidationResult r = validate(deep);
        assertFalse(r.valid());
        // schema errors about <a> come first; the parse then stops at the depth limit
        assertTrue(r.errors().stream().anyMatch(d -> d.message().contains("nested deeper")), "depth limit");
    }

    @Test
    void unknownRootElementNamesTheFix() {
        assertTrue(first(validate("<foo/>")).contains("--schema"));
    }

    @Test
    void rendersCaretUnderTheColumn() {
        Diagnostic d = new Diagnostic("f.xml", 1, 5, "boom");
        assertEquals("f.xml:1:5: error: boom\n<ab x='1'/>\n    ^", d.render(SourceText.of("f.xml", "<ab x='1'/>")));
    }

    @Test
    void cutsLongLinesAndHidesControlCharacters() {
        String line = "x".repeat(1000) + "\u0001<bad/>" + "y".repeat(1000);
        String shown = new Diagnostic("f", 1, 1001, "m").render(SourceText.of("f", line));
        String[] parts = shown.split("\n");
        assertTrue(parts[1].length() < 200, "excerpt is cut");
        assertTrue(parts[1].contains("?<bad/>"), parts[1]);
        assertEquals(parts[1].indexOf('?'), parts[2].indexOf('^'));
    }

    @Test
    void aThreadsReusedValidatorsGiveTheResultsOfFreshOnes() throws Exception {
        String valid = "<domain type='kvm'><name>a</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        String[] docs = {
            valid,
            "<domain type='kvm'><name>a</name><memory>x</memory><os><type>hvm</type></os></domain>",
            valid.replace("<os>", "<bogus/><os>"),
            "<domain type='kvm'><name>a</name><memory>1024</memory></domain>",
            valid,
            "<domain type='kvm'",
            valid,
        };
        // on this thread every document after the first meets a validator used before
        java.util.List<ValidationResult> reused = new java.util.ArrayList<>();
        for (String d : docs) {
            reused.add(validate(d));
        }
        for (int i = 0; i < docs.length; i++) {
            String d = docs[i];
            ValidationResult[] fresh = new ValidationResult[1];
            Thread t = new Thread(() -> fresh[0] = validate(d));
            t.start();
            t.join();
            assertEquals(fresh[0].valid(), reused.get(i).valid(), d);
            assertEquals(fresh[0].errors(), reused.get(i).errors(), d);
        }
        assertTrue(reused.get(0).valid() && !reused.get(1).valid() && !reused.get(2).valid() && reused.get(6).valid());
    }
}
