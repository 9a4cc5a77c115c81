package org.virtxml.tests.mutation;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Breaks a valid document in the ways users typically break configs, deterministically (a seeded RNG picks
 * where): an unknown element or attribute, a bad enum-like value, a non-number or negative or huge number where
 * a number was, a missing attribute or element, an element moved to the wrong parent, text where none belongs.
 * Whether a mutant is really invalid is not assumed: libvirt's validator decides (golden verdicts).
 */
final class Mutator {
    /** The kinds of breakage. */
    enum Op { UNKNOWN_ELEMENT, UNKNOWN_ATTRIBUTE, BAD_WORD, NOT_A_NUMBER, NEGATIVE, HUGE, DROP_ATTRIBUTE, DROP_ELEMENT,
        WRONG_PARENT, STRAY_TEXT }

    /** One mutant: its id, what was done where, and the document. */
    record Mutant(String id, String description, String xml) {
    }

    private Mutator() {
    }

    /** Every mutant of one document (some operators find nothing to act on and are skipped). */
    static List<Mutant> mutate(String baseId, byte[] xml) throws Exception {
        List<Mutant> out = new ArrayList<>();
        for (Op op : Op.values()) {
            Document d = parse(xml);
            Random rnd = new Random((baseId + "/" + op).hashCode());
            String what = apply(op, d, rnd);
            if (what != null) {
                out.add(new Mutant(baseId + "#" + op.name().toLowerCase(), what, write(d)));
            }
        }
        return out;
    }

    private static String apply(Op op, Document d, Random rnd) {
        List<Element> elements = new ArrayList<>();
        collect(d.getDocumentElement(), elements);
        List<Attr> attrs = new ArrayList<>();
        for (Element e : elements) {
            NamedNodeMap m = e.getAttributes();
            for (int i = 0; i < m.getLength(); i++) {
                Attr a = (Attr) m.item(i);
                if (!a.getName().startsWith("xmlns")) {
                    attrs.add(a);
                }
            }
        }
        switch (op) {
            case UNKNOWN_ELEMENT: {
                Element parent = pick(elements, rnd);
                Element bogus = d.createElementNS(parent.getNamespaceURI(), "bogus");
                parent.insertBefore(bogus, parent.getFirstChild());
                return "unknown element <bogus> in <" + parent.getTagName() + ">";
            }
            case UNKNOWN_ATTRIBUTE: {
                Element e = pick(elements, rnd);
                e.setAttribute("bogus", "1");
                return "unknown attribute bogus on <" + e.getTagName() + ">";
            }
            case BAD_WORD: {
                List<Attr> words = attrs.stream().filter(a -> a.getValue().matches("[a-zA-Z][a-zA-Z0-9_-]*")).toList();
                if (words.isEmpty()) {
                    return null;
                }
                Attr a = pick(words, rnd);
                a.setValue("bogus-value");
                return "value of " + a.getName() + " on <" + a.getOwnerElement().getTagName() + "> set to bogus-value";
            }
            case NOT_A_NUMBER:
            case NEGATIVE:
            case HUGE: {
                List<Node> numbers = numericNodes(elements, attrs);
                if (numbers.isEmpty()) {
                    return null;
                }
                Node n = pick(numbers, rnd);
                String v = op == Op.NOT_A_NUMBER ? "abc" : op == Op.NEGATIVE ? "-5" : "99999999999999999999999";
                String where = n instanceof Attr a ? a.getName() + " on <" + a.getOwnerElement().getTagName() + ">"
                        : "content of <" + ((Element) n).getTagName() + ">";
                n.setTextContent(v);
                return where + " set to " + v;
            }
            case DROP_ATTRIBUTE: {
                if (attrs.isEmpty()) {
                    return null;
                }
                Attr a = pick(attrs, rnd);
                Element owner = a.getOwnerElement();
                owner.removeAttributeNode(a);
                return "attribute " + a.getName() + " removed from <" + owner.getTagName() + ">";
            }
            case DROP_ELEMENT: {
                if (elements.size() < 2) {
                    return null;
                }
                Element e = pick(elements.subList(1, elements.size()), rnd);
                e.getParentNode().removeChild(e);
                return "element <" + e.getTagName() + "> removed";
            }
            case WRONG_PARENT: {
                List<Element> deep = elements.stream().filter(e -> e.getParentNode() != d.getDocumentElement()
                        && e != d.getDocumentElement()).toList();
                if (deep.isEmpty()) {
                    return null;
                }
                Element e = pick(deep, rnd);
                Node from = e.getParentNode();
                from.removeChild(e);
                d.getDocumentElement().appendChild(e);
                return "element <" + e.getTagName() + "> moved from <" + ((Element) from).getTagName() + "> to the root";
            }
            case STRAY_TEXT: {
                List<Element> empties = elements.stream().filter(e -> !e.hasChildNodes()).toList();
                if (empties.isEmpty()) {
                    return null;
                }
                Element e = pick(empties, rnd);
                e.setTextContent("stray");
                return "text in empty element <" + e.getTagName() + ">";
            }
        }
        throw new AssertionError(op);
    }

    private static List<Node> numericNodes(List<Element> elements, List<Attr> attrs) {
        List<Node> out = new ArrayList<>();
        for (Attr a : attrs) {
            if (a.getValue().matches("[0-9]+")) {
                out.add(a);
            }
        }
        for (Element e : elements) {
            if (e.getChildNodes().getLength() == 1 && e.getFirstChild().getNodeType() == Node.TEXT_NODE
                    && e.getTextContent().strip().matches("[0-9]+")) {
                out.add(e);
            }
        }
        return out;
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        NodeList kids = e.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            if (kids.item(i) instanceof Element k) {
                collect(k, out);
            }
        }
    }

    private static <T> T pick(List<T> list, Random rnd) {
        return list.get(rnd.nextInt(list.size()));
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(xml));
    }

    private static String write(Document d) throws Exception {
        Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter w = new StringWriter();
        t.transform(new DOMSource(d), new StreamResult(w));
        return w.toString() + "\n";
    }
}
