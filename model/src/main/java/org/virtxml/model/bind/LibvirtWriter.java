package org.virtxml.model.bind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;

/**
 * Receives the events JAXB marshals a model into and writes them the way libvirt's formatter does: two spaces
 * per level, attributes in single quotes escaped by {@code virBufferEscapeString}, empty elements self-closed and
 * text-only elements on one line.
 *
 * <p>One element ({@code <metadata>}) is not formatted by libvirt but dumped by libxml2 ({@code xmlNodeDump} with
 * formatting on); its subtree is buffered and written with libxml2's rules instead: double quotes, its escaping,
 * indentation only inside elements without text children, namespace declarations where the source had them.
 *
 * <p>Namespace handling is the writer's own, not JAXB's: the root gets the declarations the caller asks for (as
 * libvirt declares {@code xmlns:qemu} on the root when there is QEMU namespace data), namespaces with a fixed
 * libvirt prefix are written with that prefix, and any other namespace is declared on the first element that
 * needs it. {@code xsi:type}, which the parse filter adds to choose union subtypes, is dropped.
 */
final class LibvirtWriter implements ContentHandler {
    private final StringBuilder out;
    private final Map<String, String> rootNamespaces;
    private final Map<String, String> fixedPrefixes;
    private final String libxmlElement;
    private final Set<String> openWhenEmpty;

    private final Deque<Open> stack = new ArrayDeque<>();
    private final Map<String, String> pendingPrefixes = new LinkedHashMap<>();
    /** The libxml2-dumped subtree being buffered, innermost last; empty outside it. */
    private final Deque<Node> buffered = new ArrayDeque<>();

    /** One open element in libvirt layout. */
    private static final class Open {
        final String qname;
        final String path;
        final int level;
        final Map<String, String> declared;
        final Open parent;
        boolean startTagOpen = true;
        final StringBuilder text = new StringBuilder();

        Open(String qname, String path, int level, Map<String, String> declared, Open parent) {
            this.qname = qname;
            this.path = path;
            this.level = level;
            this.declared = declared;
            this.parent = parent;
        }

        String lookup(String prefix) {
            for (Open o = this; o != null; o = o.parent) {
                String uri = o.declared.get(prefix);
                if (uri != null) {
                    return uri;
                }
            }
            return null;
        }
    }

    /** An element of the buffered libxml2 subtree; children are Nodes or Strings (text). */
    private static final class Node {
        final String qname;
        final List<String[]> namespaces = new ArrayList<>();
        final List<String[]> attributes = new ArrayList<>();
        final List<Object> children = new ArrayList<>();
        final Node parent;

        Node(String qname, Node parent) {
            this.qname = qname;
            this.parent = parent;
        }

        String lookup(String prefix) {
            for (Node n = this; n != null; n = n.parent) {
                for (String[] ns : n.namespaces) {
                    if (ns[0].equals(prefix)) {
                        return ns[1];
                    }
                }
            }
            return null;
        }
    }

    /**
     * Creates a writer.
     *
     * @param out            where the document goes
     * @param rootNamespaces declarations for the root element, prefix to URI, in order
     * @param fixedPrefixes  namespace URI to the prefix libvirt always writes it with
     * @param libxmlElement  local name of the root's child that libxml2 dumps (libvirt's {@code metadata})
     * @param openWhenEmpty paths ({@code domain/features/hyperv}) of elements libvirt writes as an open and a
     *                      close tag even when they are empty
     */
    LibvirtWriter(StringBuilder out, Map<String, String> rootNamespaces, Map<String, String> fixedPrefixes,
                  String libxmlElement, Set<String> openWhenEmpty) {
        this.out = out;
        this.openWhenEmpty = openWhenEmpty;
        this.rootNamespaces = rootNamespaces;
        this.fixedPrefixes = fixedPrefixes;
        this.libxmlElement = libxmlElement;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
    }

    @Override
    public void startDocument() {
    }

    @Override
    public void endDocument() {
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        if (!XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(uri) && !PositionalAlias.NAMESPACE.equals(uri)) {
            pendingPrefixes.put(prefix, uri);
        }
    }

    @Override
    public void endPrefixMapping(String prefix) {
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        if (PositionalAlias.NAMESPACE.equals(uri)) {
            uri = "";
            qName = localName;
        }
        if (!buffered.isEmpty()) {
            startBuffered(uri, qName, atts);
            return;
        }
        Open parent = stack.peek();
        if (parent != null && parent.parent == null && uri.isEmpty() && localName.equals(libxmlElement)) {
            closeStartTag(parent);
            pendingPrefixes.clear();
            Node n = new Node(qName, null);
            copyAttributes(n, atts);
            buffered.push(n);
            return;
        }
        if (parent != null) {
            closeStartTag(parent);
        }
        int level = parent == null ? 0 : parent.level + 1;
        Map<String, String> declared = new LinkedHashMap<>();
        String name = rename(uri, qName);
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < atts.getLength(); i++) {
            String auri = atts.getURI(i);
            if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(auri)) {
                continue;
            }
            String aname = rename(auri, atts.getQName(i));
            attrs.append(' ').append(aname).append("='");
            escapeLibvirt(atts.getValue(i), attrs);
            attrs.append('\'');
        }
        Open o = new Open(name, parent == null ? localName : parent.path + '/' + localName, level, declared, parent);
        StringBuilder decls = new StringBuilder();
        if (parent == null) {
            declared.putAll(rootNamespaces);
        } else {
            for (Map.Entry<String, String> p : pendingPrefixes.entrySet()) {
                String prefix = fixedPrefixes.getOrDefault(p.getValue(), p.getKey());
                if (!p.getValue().equals(o.lookup(prefix))) {
                    declared.put(prefix, p.getValue());
                }
            }
        }
        pendingPrefixes.clear();
        need(o, uri, name);
        for (int i = 0; i < atts.getLength(); i++) {
            String auri = atts.getURI(i);
            if (!auri.isEmpty() && !XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(auri)) {
                need(o, auri, rename(auri, atts.getQName(i)));
            }
        }
        for (Map.Entry<String, String> d : declared.entrySet()) {
            decls.append(' ').append(d.getKey().isEmpty() ? "xmlns" : "xmlns:" + d.getKey()).append("='");
            escapeLibvirt(d.getValue(), decls);
            decls.append('\'');
        }
        indent(level);
        out.append('<').append(name);
        // libvirt writes the root's namespace declarations after its attributes, libxml2 writes them first
        if (parent == null) {
            out.append(attrs).append(decls);
        } else {
            out.append(decls).append(attrs);
        }
        stack.push(o);
    }

    /** Declares on {@code o} the namespace of a qualified name when it is not yet in scope. */
    private static void need(Open o, String uri, String qname) {
        if (uri.isEmpty()) {
            if (o.lookup("") != null && !o.lookup("").isEmpty() && qname.indexOf(':') < 0) {
                o.declared.put("", "");
            }
            return;
        }
        int colon = qname.indexOf(':');
        String prefix = colon < 0 ? "" : qname.substring(0, colon);
        if (!uri.equals(o.lookup(prefix))) {
            o.declared.put(prefix, uri);
        }
    }

    private String rename(String uri, String qname) {
        String fixed = uri.isEmpty() ? null : fixedPrefixes.get(uri);
        if (fixed == null) {
            return qname;
        }
        int colon = qname.indexOf(':');
        return fixed + ':' + (colon < 0 ? qname : qname.substring(colon + 1));
    }

    private void closeStartTag(Open o) {
        if (o.startTagOpen) {
            out.append('>');
            if (o.text.length() > 0 && !isBlank(o.text)) {
                // mixed content, which only unknown elements can have: keep the text as it came
                escapeLibvirt(o.text.toString(), out);
            }
            out.append('\n');
            o.startTagOpen = false;
        } else if (o.text.length() > 0 && !isBlank(o.text)) {
            indent(o.level + 1);
            escapeLibvirt(o.text.toString(), out);
            out.append('\n');
        }
        o.text.setLength(0);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (!buffered.isEmpty()) {
            Node n = buffered.pop();
            if (buffered.isEmpty()) {
                Open parent = stack.peek();
                int level = parent == null ? 0 : parent.level + 1;
                indent(level);
                dumpLibxml(n, level, true);
                out.append('\n');
            }
            return;
        }
        Open o = stack.pop();
        if (o.startTagOpen) {
            if (o.text.length() == 0 && openWhenEmpty.contains(o.path)) {
                out.append(">\n");
                indent(o.level);
                out.append("</").append(o.qname).append(">\n");
            } else if (o.text.length() == 0) {
                out.append("/>\n");
            } else {
                out.append('>');
                escapeLibvirt(o.text.toString(), out);
                out.append("</").append(o.qname).append(">\n");
            }
            return;
        }
        if (o.text.length() > 0 && !isBlank(o.text)) {
            indent(o.level + 1);
            escapeLibvirt(o.text.toString(), out);
            out.append('\n');
        }
        indent(o.level);
        out.append("</").append(o.qname).append(">\n");
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (!buffered.isEmpty()) {
            Node n = buffered.peek();
            int last = n.children.size() - 1;
            if (last >= 0 && n.children.get(last) instanceof String s) {
                n.children.set(last, s + new String(ch, start, length));
            } else {
                n.children.add(new String(ch, start, length));
            }
            return;
        }
        Open o = stack.peek();
        if (o != null) {
            o.text.append(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        characters(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) {
    }

    @Override
    public void skippedEntity(String name) {
    }

    private void indent(int level) {
        for (int i = 0; i < level; i++) {
            out.append("  ");
        }
    }

    private static boolean isBlank(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * libvirt's {@code virBufferEscapeString}: the five XML specials become entities and the control characters
     * 0x01-0x08, 0x0B, 0x0C and 0x0E-0x19 are dropped; everything else, newlines included, is copied.
     */
    static void escapeLibvirt(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x1a || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
    }

    // ---- the libxml2-dumped subtree ----

    private void startBuffered(String uri, String qName, Attributes atts) {
        Node parent = buffered.peek();
        Node n = new Node(qName, parent);
        for (Map.Entry<String, String> p : pendingPrefixes.entrySet()) {
            if (!p.getValue().equals(parent.lookup(p.getKey()))) {
                n.namespaces.add(new String[] {p.getKey(), p.getValue()});
            }
        }
        pendingPrefixes.clear();
        copyAttributes(n, atts);
        declareIfMissing(n, uri, qName);
        for (int i = 0; i < atts.getLength(); i++) {
            if (!atts.getURI(i).isEmpty()) {
                declareIfMissing(n, atts.getURI(i), atts.getQName(i));
            }
        }
        parent.children.add(n);
        buffered.push(n);
    }

    private static void declareIfMissing(Node n, String uri, String qname) {
        int colon = qname.indexOf(':');
        String prefix = colon < 0 ? "" : qname.substring(0, colon);
        String bound = n.lookup(prefix);
        if (uri.isEmpty() ? (bound != null && !bound.isEmpty()) : !uri.equals(bound)) {
            n.namespaces.add(new String[] {prefix, uri});
        }
    }

    private static void copyAttributes(Node n, Attributes atts) {
        for (int i = 0; i < atts.getLength(); i++) {
            if (!XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(atts.getURI(i))) {
                n.attributes.add(new String[] {atts.getQName(i), atts.getValue(i)});
            }
        }
    }

    /**
     * libxml2's {@code xmlNodeDumpOutput} with formatting on: children on their own lines, two spaces per level,
     * unless an element has a text child, which turns formatting off for its whole content.
     */
    private void dumpLibxml(Node n, int level, boolean format) {
        out.append('<').append(n.qname);
        for (String[] ns : n.namespaces) {
            out.append(' ').append(ns[0].isEmpty() ? "xmlns" : "xmlns:" + ns[0]).append("=\"");
            escapeLibxmlAttribute(ns[1], out);
            out.append('"');
        }
        for (String[] a : n.attributes) {
            out.append(' ').append(a[0]).append("=\"");
            escapeLibxmlAttribute(a[1], out);
            out.append('"');
        }
        if (n.children.isEmpty()) {
            out.append("/>");
            return;
        }
        boolean childFormat = format && n.children.stream().noneMatch(c -> c instanceof String);
        out.append('>');
        if (childFormat) {
            out.append('\n');
        }
        for (Object c : n.children) {
            if (c instanceof String s) {
                escapeLibxmlText(s, out);
            } else {
                if (childFormat) {
                    indent(level + 1);
                }
                dumpLibxml((Node) c, level + 1, childFormat);
            }
            if (childFormat) {
                out.append('\n');
            }
        }
        if (childFormat) {
            indent(level);
        }
        out.append("</").append(n.qname).append('>');
    }

    /** libxml2's text escaping without an output encoding: the three specials, CR, and non-ASCII as char refs. */
    private static void escapeLibxmlText(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (c > 0xffff) {
                i++;
            }
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\r' -> b.append("&#13;");
                default -> appendAsciiOrRef(c, b);
            }
        }
    }

    /** libxml2's attribute escaping: also the double quote and the whitespace controls as char refs. */
    private static void escapeLibxmlAttribute(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (c > 0xffff) {
                i++;
            }
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> appendAsciiOrRef(c, b);
            }
        }
    }

    private static void appendAsciiOrRef(int c, StringBuilder b) {
        if (c < 0x80) {
            b.append((char) c);
        } else {
            b.append("&#x").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append(';');
        }
    }
}
