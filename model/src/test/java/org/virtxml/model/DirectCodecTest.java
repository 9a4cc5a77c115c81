package org.virtxml.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.Locator;

/**
 * The generated codec ({@link ModelCodec}) against JAXB, which it replaces on the hot path: for every domain
 * document of the corpus and samples, and for thousands of broken variants of them, both must read the same model
 * (every property, every element position, unknown attributes in the same order, unknown content as the same DOM)
 * or refuse with the same message at the same place, and both must write the same text.
 */
class DirectCodecTest {

    /** Every domain document at hand: corpus inputs and libvirt's outputs, the schema test data, the samples. */
    static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>();
        Path domains = CorpusRoundTripTest.domains();
        try (Stream<Path> s = Files.list(domains)) {
            for (Path d : s.sorted().toList()) {
                for (String f : List.of("input.xml", "define.xml")) {
                    if (Files.isRegularFile(d.resolve(f))) {
                        out.add(d.resolve(f));
                    }
                }
            }
        }
        Path validate = domains.getParent().resolve("validate");
        for (String line : Files.readAllLines(validate.resolve("verdicts.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 2 && f[1].equals("domain")) {
                out.add(validate.resolve(f[0]));
            }
        }
        Path samples = Path.of(System.getProperty("user.dir")).getParent().resolve("samples");
        if (Files.isDirectory(samples)) {
            try (Stream<Path> s = Files.list(samples)) {
                s.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void readsAndWritesEveryDocumentAsJaxbDoes() throws IOException {
        List<Path> docs = documents();
        assertTrue(docs.size() > 3000, "documents found: " + docs.size());
        List<String> problems = new ArrayList<>();
        List<String> leftToJaxb = new ArrayList<>();
        int refused = 0;
        for (Path p : docs) {
            SourceText src = SourceText.read(p);
            long before = DomainXml.BINDING.jaxbParses() + DomainXml.BINDING.jaxbFormats();
            if (compare(p.toString(), src, problems)) {
                refused++;
            }
            if (DomainXml.BINDING.jaxbParses() + DomainXml.BINDING.jaxbFormats() != before) {
                leftToJaxb.add(p.toString());
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " differences:\n"
                + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        assertTrue(refused >= 3, "refusals compared: " + refused);
        // the comparison means something only if the codec did the work
        assertTrue(leftToJaxb.size() < docs.size() / 100, () -> leftToJaxb.size() + " left to JAXB: " + leftToJaxb);
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("(\\s[\\w:-]+=)(['\"])([^'\"]*)\\2");
    private static final Pattern TEXT = Pattern.compile(">([^<>]+)</");
    private static final Pattern START = Pattern.compile("<([\\w:-]+)([^<>]*?)(/?)>");

    /**
     * Broken variants: each attribute value in turn replaced by values adapters refuse or treat specially, each
     * text replaced, unknown attributes, unknown elements and text added inside elements, an element repeated.
     */
    @Test
    void refusesBrokenDocumentsAsJaxbDoes() throws IOException {
        List<Path> docs = documents();
        List<String> problems = new ArrayList<>();
        int compared = 0;
        int refused = 0;
        int leftToJaxb = 0;
        String[] values = {"junk", "", "-1", "0x10", "99999999999999999999", "1 ", "yes"};
        // an even spread of documents keeps the run short while covering every kind of element
        for (int d = 0; d < docs.size(); d += 17) {
            Path p = docs.get(d);
            String xml = Files.readString(p);
            List<String> variants = new ArrayList<>();
            Matcher m = ATTRIBUTE.matcher(xml);
            int i = 0;
            while (m.find()) {
                String v = values[i++ % values.length];
                variants.add(xml.substring(0, m.start(3)) + v + xml.substring(m.end(3)));
            }
            m = TEXT.matcher(xml);
            while (m.find()) {
                variants.add(xml.substring(0, m.start(1)) + values[i++ % values.length] + xml.substring(m.end(1)));
            }
            // malformed documents, which also show that the reader the codec reuses recovers from them
            variants.add(xml.substring(0, xml.length() / 2));
            variants.add("<!DOCTYPE domain [<!ENTITY e 'x'>]>" + xml);
            variants.add(xml.replaceFirst("<name>", "<name>\u0001"));
            variants.add(xml.replaceFirst("</devices>", "</device>"));
            m = START.matcher(xml);
            int k = 0;
            while (m.find()) {
                k++;
                String head = xml.substring(0, m.end(2));
                String tail = xml.substring(m.end(2));
                variants.add(head + " zz" + k + "='1' b" + k + "='2' xmlns:n='urn:x' n:q='3'" + tail);
                if (m.group(3).isEmpty()) {
                    String after = xml.substring(0, m.end());
                    String rest = xml.substring(m.end());
                    variants.add(after + "<unknown" + k + " a='1'><n:x xmlns:n='urn:n'>t</n:x> </unknown" + k + ">"
                            + rest);
                    variants.add(after + "text" + k + rest);
                    variants.add(after + "<" + m.group(1) + "/>" + rest);
                    variants.add(after + "<x xsi:type='y' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'/>"
                            + rest);
                }
            }
            for (String v : variants) {
                compared++;
                long before = DomainXml.BINDING.jaxbParses();
                if (compare(p + " (variant)", SourceText.of(p.getFileName().toString(), v), problems)) {
                    refused++;
                }
                if (DomainXml.BINDING.jaxbParses() != before) {
                    leftToJaxb++;
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " differences:\n"
                + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        System.out.printf("codec vs JAXB: %d variants, %d refused, %d left to JAXB to read%n", compared, refused,
                leftToJaxb);
        assertTrue(compared > 5000 && refused > 1000, "variants " + compared + ", refused " + refused);
        // by design JAXB reads xsi: attributes and children of text-only elements (one variant kind in five)
        assertTrue(leftToJaxb < compared / 4, "left to JAXB: " + leftToJaxb + " of " + compared);
    }

    /** Reads through both paths and records any difference; true when both refused the document. */
    private static boolean compare(String name, SourceText src, List<String> problems) {
        Domain jaxb = null;
        Domain direct = null;
        String jaxbError = null;
        String directError = null;
        try {
            jaxb = DomainXml.parse(src, DomainXml.JAXB_BINDING);
        } catch (XmlInputException e) {
            jaxbError = e.getMessage();
        }
        try {
            direct = DomainXml.parse(src);
        } catch (XmlInputException e) {
            directError = e.getMessage();
        }
        if (jaxbError != null || directError != null) {
            if (!String.valueOf(jaxbError).equals(String.valueOf(directError))) {
                problems.add(name + ": JAXB " + jaxbError + " / direct " + directError);
            }
            return jaxbError != null && directError != null;
        }
        String a = dump(jaxb);
        String b = dump(direct);
        if (!a.equals(b)) {
            problems.add(name + ": models differ at " + firstDifference(a, b));
            return false;
        }
        String fa = DomainXml.format(jaxb, DomainXml.JAXB_BINDING);
        String fb = DomainXml.format(direct);
        if (!fa.equals(fb)) {
            problems.add(name + ": formatted texts differ at " + firstDifference(fa, fb));
        }
        return false;
    }

    private static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 80);
        return "\n  JAXB:   " + a.substring(from, Math.min(a.length(), i + 80)).replace('\n', '|')
                + "\n  direct: " + b.substring(from, Math.min(b.length(), i + 80)).replace('\n', '|');
    }

    /** Everything the model holds, in a canonical text: properties, positions, unknown content. */
    static String dump(Object o) {
        StringBuilder b = new StringBuilder();
        dump(o, b, new IdentityHashMap<>());
        return b.toString();
    }

    private static void dump(Object o, StringBuilder b, Map<Object, Boolean> seen) {
        if (o == null) {
            b.append("null");
        } else if (o instanceof String || o instanceof Number || o instanceof Enum || o instanceof Boolean) {
            b.append(o.getClass().getSimpleName()).append(':').append(o);
        } else if (o instanceof Locator l) {
            b.append('@').append(l.getLineNumber()).append(':').append(l.getColumnNumber());
        } else if (o instanceof List<?> list) {
            b.append('[');
            for (Object x : list) {
                dump(x, b, seen);
                b.append(',');
            }
            b.append(']');
        } else if (o instanceof Map<?, ?> map) {
            b.append('{');
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(e.getKey()).append('=').append(e.getValue()).append(',');
            }
            b.append('}');
        } else if (o instanceof Node n) {
            dumpNode(n, b);
        } else {
            if (seen.put(o, true) != null) {
                b.append("<cycle>");
                return;
            }
            b.append(o.getClass().getSimpleName()).append('(');
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                chain.add(0, c);
            }
            for (Class<?> c : chain) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    Object v;
                    try {
                        v = f.get(o);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                    if (v instanceof List<?> l && l.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty()) {
                        // JAXB leaves an unused list null where the codec may have made it; the getters hide both
                        v = null;
                    }
                    b.append(f.getName()).append('=');
                    dump(v, b, seen);
                    b.append(' ');
                }
            }
            b.append(')');
        }
    }

    private static void dumpNode(Node n, StringBuilder b) {
        if (n instanceof Element e) {
            b.append('<').append(e.getNamespaceURI()).append('|').append(e.getTagName());
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                b.append(' ').append(a.getNamespaceURI()).append('|').append(a.getName()).append('=')
                        .append(a.getValue());
            }
            b.append(" ud=").append(e.getUserData("virtxml.attributeOrder")).append('/')
                    .append(e.getUserData("virtxml.declaredPrefixes")).append('>');
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                dumpNode(c, b);
            }
            b.append("</>");
        } else {
            b.append('#').append(n.getNodeType()).append('[').append(n.getNodeValue()).append(']');
        }
    }

    @Test
    void positionsAreSnapshots() {
        Domain d = DomainXml.parse("<domain type='kvm'>\n  <name>x</name>\n  <devices>\n    <disk type='file'/>\n"
                + "  </devices>\n</domain>\n");
        assertEquals(1, d.line());
        assertEquals(4, d.getDevices().getDisks().get(0).line());
    }
}
