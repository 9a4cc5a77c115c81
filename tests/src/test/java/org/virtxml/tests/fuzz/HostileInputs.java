package org.virtxml.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hostile and absurd inputs, each with the answer virtxml gives every command: the kinds of attack an XML reader
 * meets (entities, external DTDs, XInclude) and inputs built to exhaust time or memory. {@link HostileInputTest}
 * checks the answers; {@code scripts/hostile-table} times them as separate processes for the table in docs/hardening.md.
 */
public final class HostileInputs {
    /** One input: what it is, its bytes, and a phrase every command's error message must contain. */
    public record Case(String name, String description, byte[] bytes, String expected) {
    }

    private static final String HEAD = "<domain type='kvm'>\n  <name>hostile</name>\n  <memory>1048576</memory>\n"
            + "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n";
    private static final String TAIL = "  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>\n"
            + "</domain>\n";

    private HostileInputs() {
    }

    /** Every case, in the order of the README table. */
    public static Map<String, Case> all() {
        Map<String, Case> m = new LinkedHashMap<>();
        add(m, "doctype", "DOCTYPE with an internal entity",
                "<!DOCTYPE domain [<!ENTITY n 'hostile'>]>\n" + HEAD.replace(">hostile<", ">&n;<") + TAIL,
                "DOCTYPE declarations are not allowed");
        add(m, "external-entity", "external entity reading /etc/passwd (XXE)",
                "<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n" + HEAD.replace(">hostile<", ">&x;<")
                        + TAIL, "DOCTYPE declarations are not allowed");
        add(m, "external-dtd", "external DTD fetched over HTTP",
                "<!DOCTYPE domain SYSTEM 'http://127.0.0.1:9/domain.dtd'>\n" + HEAD + TAIL,
                "DOCTYPE declarations are not allowed");
        add(m, "parameter-entity", "external parameter entity (out-of-band XXE)",
                "<!DOCTYPE domain [<!ENTITY % p SYSTEM 'http://127.0.0.1:9/x'> %p;]>\n" + HEAD + TAIL,
                "DOCTYPE declarations are not allowed");
        StringBuilder laughs = new StringBuilder("<!DOCTYPE domain [\n <!ENTITY l0 'lol'>\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append(" <!ENTITY l").append(i).append(" '").append(("&l" + (i - 1) + ";").repeat(10))
                    .append("'>\n");
        }
        laughs.append("]>\n").append(HEAD.replace(">hostile<", ">&l9;<")).append(TAIL);
        add(m, "entity-expansion", "entity expansion (billion laughs, 10^9 copies)", laughs.toString(),
                "DOCTYPE declarations are not allowed");
        add(m, "xinclude", "XInclude of /etc/passwd",
                HEAD.replace("<domain ", "<domain xmlns:xi='http://www.w3.org/2001/XInclude' ")
                        + "  <description><xi:include href='/etc/passwd' parse='text'/></description>\n" + TAIL,
                "XInclude is not supported");
        add(m, "huge-attribute", "an attribute value of 8 MiB",
                HEAD.replace("<domain type='kvm'", "<domain type='kvm' id='" + "1".repeat(8 << 20) + "'") + TAIL,
                "longer than the limit");
        add(m, "deep-nesting", "elements nested 100,000 deep",
                HEAD + "  <metadata>" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</metadata>\n" + TAIL,
                "nested deeper than the limit");
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            attrs.append(" a").append(i).append("='x'");
        }
        add(m, "many-attributes", "10,000 attributes on one element",
                HEAD.replace("<name>", "<name" + attrs + ">") + TAIL, "more attributes than the limit");
        StringBuilder ns = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            ns.append(" xmlns:n").append(i).append("='urn:n").append(i).append("'");
        }
        add(m, "many-namespaces", "10,000 namespace declarations on one element",
                HEAD.replace("<domain type='kvm'", "<domain type='kvm'" + ns) + TAIL, "more attributes than the limit");
        add(m, "many-elements", "2.6 million empty elements (10 MiB)",
                HEAD + "<x/>".repeat(2_600_000) + TAIL, "elements");
        add(m, "long-name", "an element name of 1 MiB",
                HEAD + "  <" + "n".repeat(1 << 20) + "/>\n" + TAIL, "name");
        byte[] utf8 = bytes(HEAD + TAIL);
        int at = indexOf(utf8, "hostile");
        utf8[at] = (byte) 0xC3;
        utf8[at + 1] = (byte) 0x28;
        add(m, "invalid-utf8", "an invalid UTF-8 sequence (C3 28) in <name>", utf8, "UTF-8");
        byte[] nul = bytes(HEAD + TAIL);
        nul[indexOf(nul, "hostile")] = 0;
        add(m, "nul-byte", "a NUL byte in <name>", nul, "U+0000");
        add(m, "oversized", "an input of 11 MiB (whitespace after the root)",
                HEAD + TAIL + " ".repeat(11 << 20), "Value too large for defined data type (the input is larger than the limit of 10 MiB");
        add(m, "description-50mb", "a 50 MB <description>",
                HEAD + "  <description>" + "d".repeat(50_000_000) + "</description>\n" + TAIL,
                "Value too large for defined data type (the input is larger than the limit of 10 MiB");
        add(m, "empty", "an empty file", "", "empty");
        byte[] noise = new byte[4096];
        new java.util.Random(8).nextBytes(noise);
        add(m, "binary", "4 KiB of random bytes", noise, "");
        return m;
    }

    private static void add(Map<String, Case> m, String name, String description, String text, String expected) {
        add(m, name, description, bytes(text), expected);
    }

    private static void add(Map<String, Case> m, String name, String description, byte[] bytes, String expected) {
        m.put(name, new Case(name, description, bytes, expected));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, String s) {
        return new String(b, StandardCharsets.ISO_8859_1).indexOf(s);
    }

    /**
     * Writes every case to {@code DIR/NAME.xml} and a tab-separated index ({@code DIR/index.tsv}: name,
     * description, expected phrase) for {@code scripts/hostile-table}.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        for (Case c : all().values()) {
            Files.write(dir.resolve(c.name() + ".xml"), c.bytes());
            index.writeBytes(bytes(c.name() + "\t" + c.description() + "\t" + c.expected() + "\n"));
        }
        Files.write(dir.resolve("index.tsv"), index.toByteArray());
    }
}
