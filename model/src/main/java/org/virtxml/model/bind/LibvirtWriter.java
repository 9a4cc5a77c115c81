package org.virtxml.model.bind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;

/**
 * Receives the events JAXB marshals a model into and writes them the way libvirt's formatter does: two spaces
 * per level, attributes in single quotes escaped by {@code virBufferEscapeString}, empty elements self-closed and
 * text-only elements on one line.
 *
 * <p>One element ({@code <metadata>}) is not formatted by libvirt but dumped by libxml2 ({@code xmlNodeDump} with
 * formatting on). Its content is written from the DOM the model holds rather than from JAXB's events, because
 * only the DOM tells where the input declared each namespace: libxml2 keeps declarations where they were and
 * puts those declared outside {@code <metadata>} on {@code <metadata>} itself. It uses double quotes, its own
 * escaping, and indents only inside elements without text children.
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
    private final List<Element> libxmlContent;
    /** Depth inside the libxml2-dumped element while its JAXB events are skipped; 0 outside it. */
    private int skipping;

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

    /**
     * Creates a writer.
     *
     * @param out            where the document goes
     * @param rootNamespaces declarations for the root element, prefix to URI, in order
     * @param fixedPrefixes  namespace URI to the prefix libvirt always writes it with
     * @param libxmlElement  local name of the root's child that libxml2 dumps (libvirt's {@code metadata})
     * @param libxmlContent  the child elements of that element, as the model holds them
     * @param openWhenEmpty paths ({@code domain/features/hyperv}) of elements libvirt writes as an open and a
     *                      close tag even when they are empty
     */
    LibvirtWriter(StringBuilder out, Map<String, String> rootNamespaces, Map<String, String> fixedPrefixes,
                  String libxmlElement, List<Element> libxmlContent, Set<String> openWhenEmpty) {
        this.out = out;
        this.libxmlContent = libxmlContent;
        this.openWhenEmpty = openWhenEmpty;
        this.rootNamespaces = rootNamespaces;
        this.fixedPrefixes = fixedPrefixes;
        this.libxmlElement = libxmlElement;
    }

    /** Whether the events now arriving belong to the libxml2-dumped element, whose content comes from the DOM. */
    boolean dumpingLibxml() {
        return skipping > 0;
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
        if (skipping == 0 && !XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(uri)
                && !PositionalAlias.NAMESPACE.equals(uri)) {
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
        if (skipping > 0) {
            skipping++;
            return;
        }
        Open parent = stack.peek();
        if (parent != null && parent.parent == null && uri.isEmpty() && localName.equals(libxmlElement)) {
            closeStartTag(parent);
            pendingPrefixes.clear();
            indent(parent.level + 1);
            dumpLibxmlRoot(qName, atts, parent.level + 1);
            out.append('\n');
            skipping = 1;
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
        if (skipping > 0) {
            skipping--;
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
        if (skipping > 0) {
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

    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    /**
     * Writes the libxml2-dumped element: its own attributes, the namespaces its content uses but does not
     * declare (where libxml2's node copy puts them), then the content from the DOM.
     */
    private void dumpLibxmlRoot(String qname, Attributes atts, int level) {
        Map<String, String> inherited = new LinkedHashMap<>();
        for (Element e : libxmlContent) {
            collectUndeclared(e, new ArrayDeque<>(), inherited);
        }
        out.append('<').append(qname);
        for (Map.Entry<String, String> ns : inherited.entrySet()) {
            out.append(' ').append(ns.getKey().isEmpty() ? "xmlns" : "xmlns:" + ns.getKey()).append("=\"");
            escapeLibxmlAttribute(ns.getValue(), out);
            out.append('"');
        }
        for (int i = 0; i < atts.getLength(); i++) {
            if (!XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(atts.getURI(i))) {
                out.append(' ').append(atts.getQName(i)).append("=\"");
                escapeLibxmlAttribute(atts.getValue(i), out);
                out.append('"');
            }
        }
        if (libxmlContent.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append(">\n");
        for (Element e : libxmlContent) {
            indent(level + 1);
            dumpLibxml(e, level + 1, true);
            out.append('\n');
        }
        indent(level);
        out.append("</").append(qname).append('>');
    }

    /** Namespaces used in a subtree and declared neither in it nor already in {@code found}, in order of use. */
    private static void collectUndeclared(Element e, Deque<Map<String, String>> scope, Map<String, String> found) {
        Map<String, String> here = new LinkedHashMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLNS.equals(a.getNamespaceURI())) {
                here.put(a.getPrefix() == null ? "" : a.getLocalName(), a.getValue());
            }
        }
        scope.push(here);
        useNamespace(e.getPrefix(), e.getNamespaceURI(), scope, found);
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (a.getNamespaceURI() != null && !XMLNS.equals(a.getNamespaceURI())) {
                useNamespace(a.getPrefix(), a.getNamespaceURI(), scope, found);
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                collectUndeclared(child, scope, found);
            }
        }
        scope.pop();
    }

    private static void useNamespace(String prefix, String uri, Deque<Map<String, String>> scope,
                                     Map<String, String> found) {
        if (uri == null || uri.isEmpty()) {
            return;
        }
        String p = prefix == null ? "" : prefix;
        for (Map<String, String> level : scope) {
            if (level.containsKey(p)) {
                return;
            }
        }
        found.putIfAbsent(p, uri);
    }

    /**
     * libxml2's {@code xmlNodeDumpOutput} with formatting on: children on their own lines, two spaces per level,
     * unless an element has a text child, which turns formatting off for its whole content. Namespace
     * declarations come first, then the other attributes.
     */
    private void dumpLibxml(Element e, int level, boolean format) {
        out.append('<').append(e.getTagName());
        for (Attr a : inputOrder(e)) {
            out.append(' ').append(a.getName()).append("=\"");
            escapeLibxmlAttribute(a.getValue(), out);
            out.append('"');
        }
        Node first = e.getFirstChild();
        if (first == null) {
            out.append("/>");
            return;
        }
        boolean childFormat = format;
        for (Node c = first; c != null && childFormat; c = c.getNextSibling()) {
            childFormat = !(c instanceof Text);
        }
        out.append('>');
        if (childFormat) {
            out.append('\n');
        }
        for (Node c = first; c != null; c = c.getNextSibling()) {
            if (c instanceof Text t) {
                escapeLibxmlText(t.getData(), out);
            } else if (c instanceof Element child) {
                if (childFormat) {
                    indent(level + 1);
                }
                dumpLibxml(child, level + 1, childFormat);
            } else {
                continue;
            }
            if (childFormat) {
                out.append('\n');
            }
        }
        if (childFormat) {
            indent(level);
        }
        out.append("</").append(e.getTagName()).append('>');
    }

    /**
     * An element's attributes as libxml2 writes them: namespace declarations first, then the others, each in
     * input order as {@link DeclaredNamespaces} recorded it; attributes added in code come after, in DOM order.
     */
    private static List<Attr> inputOrder(Element e) {
        List<Attr> declarations = new ArrayList<>();
        List<Attr> attributes = new ArrayList<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            (XMLNS.equals(a.getNamespaceURI()) ? declarations : attributes).add(a);
        }
        sortBy(declarations, e.getUserData(DeclaredNamespaces.PREFIXES_KEY),
                a -> a.getPrefix() == null ? DeclaredNamespaces.DEFAULT : a.getLocalName());
        sortBy(attributes, e.getUserData(DeclaredNamespaces.ORDER_KEY), Attr::getName);
        declarations.addAll(attributes);
        return declarations;
    }

    private static void sortBy(List<Attr> list, Object order, java.util.function.Function<Attr, String> key) {
        if (order instanceof List<?> names) {
            list.sort(java.util.Comparator.comparingInt(a -> {
                int i = names.indexOf(key.apply(a));
                return i < 0 ? Integer.MAX_VALUE : i;
            }));
        }
    }

    /** libxml2's text escaping as libvirt gets it: the three specials and CR; other characters as they are. */
    private static void escapeLibxmlText(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
    }

    /**
     * libxml2's attribute escaping when the document declares no encoding (libvirt's case): also the double
     * quote, the whitespace controls, and any non-ASCII character as a hex character reference.
     */
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
