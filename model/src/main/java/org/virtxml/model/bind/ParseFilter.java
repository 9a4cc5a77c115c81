package org.virtxml.model.bind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.virtxml.model.ModelObject;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Sits between the safe SAX reader and JAXB's unmarshaller and makes the event stream read the way libvirt reads
 * a document.
 *
 * <ul>
 *   <li>Checks the root element.</li>
 *   <li>Picks the subtype of each union element ({@link Discriminated}) and announces it to JAXB with an
 *       {@code xsi:type} attribute.</li>
 *   <li>Drops blank text the way libxml2 does when libvirt parses with {@code xmlKeepBlanksDefault(0)}: blanks are
 *       kept only inside an element that has no children before its end tag, or next to other text. This
 *       matters for unknown content and {@code <metadata>}, which are written back as they were read.</li>
 *   <li>Passes namespace declarations to JAXB only inside unknown content, so that the DOM JAXB builds for such
 *       content carries the declarations written on it, not every declaration in scope (libxml2 likewise copies
 *       only what a node uses).</li>
 * </ul>
 */
final class ParseFilter implements ContentHandler {
    private static final String XSI_TYPE = "xsi:type";

    private final ContentHandler next;
    private final ElementTypes types;
    private final Class<?> rootType;
    private final QName rootName;
    private final String libxmlElement;
    /** Depth inside the root's libxml2-dumped child ({@code metadata}); 0 outside it. */
    private int libxmlDepth;
    /** Elements the model has no type for, directly inside one it has: each becomes a DOM document of its own. */
    private int unmodelled;

    private final Deque<Frame> stack = new ArrayDeque<>();
    private final List<String[]> pendingPrefixes = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private Locator locator;

    /** The element being started or ended when JAXB reports a problem, for the message. */
    private String currentElement;
    private Attributes currentAttributes;

    /** One open element. */
    private static final class Frame {
        final String name;
        /** Bound Java type, or null inside content the model does not know. */
        final Class<?> type;
        final Attributes attributes;
        List<String> forwardedPrefixes;
        /** The namespace the element was passed on in (differs from the input for positional aliases). */
        String uri;
        /** Single-valued children seen so far, to refuse a second one JAXB would silently keep instead. */
        Set<QName> seen;
        boolean hasChildren;
        boolean firstChildText;
        boolean lastChildText;

        Frame(String name, Class<?> type, Attributes attributes) {
            this.name = name;
            this.type = type;
            this.attributes = attributes;
        }
    }

    /** Thrown to stop the parse at the first problem the filter itself finds. */
    static final class Stop extends SAXException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        Stop(String message, Locator where) {
            super(message);
            this.line = where == null ? 0 : where.getLineNumber();
            this.column = where == null ? 0 : where.getColumnNumber();
        }
    }

    ParseFilter(ContentHandler next, ElementTypes types, Class<?> rootType, String libxmlElement) {
        this.libxmlElement = libxmlElement;
        this.next = next;
        this.types = types;
        this.rootType = rootType;
        this.rootName = ElementTypes.rootName(rootType);
    }

    /** The name of the element JAXB was processing at the last event, for messages. */
    String currentElement() {
        return currentElement;
    }

    /** The attributes of that element when it was being started, else null. */
    Attributes currentAttributes() {
        return currentAttributes;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
        next.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() throws SAXException {
        next.startDocument();
    }

    @Override
    public void endDocument() throws SAXException {
        next.endDocument();
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        pendingPrefixes.add(new String[] {prefix, uri});
    }

    @Override
    public void endPrefixMapping(String prefix) {
        // ended explicitly in endElement for the prefixes that were forwarded
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        Frame parent = stack.peek();
        flushText(false);
        String badName = invalidName(localName, atts);
        if (badName != null) {
            throw new Stop(badName, locator);
        }
        if (parent != null) {
            parent.hasChildren = true;
            parent.lastChildText = false;
            uri = aliased(parent, uri, localName);
        }
        Class<?> type = boundType(parent, new QName(uri, localName), qName);
        if (type == null && parent != null && parent.type != null
                && ++unmodelled > org.virtxml.xml.Limits.MAX_UNMODELLED_ELEMENTS) {
            throw new Stop(tooManyUnmodelled(), locator);
        }
        if (type != null && !ModelObject.class.isAssignableFrom(type) && atts.getLength() > 0) {
            // a text-only element bound to a plain value has nowhere to keep attributes; refuse rather than lose them
            throw new Stop("unexpected attribute '" + atts.getQName(0) + "' on <" + qName + ">", locator);
        }
        Attributes out = atts;
        ElementTypes.Union union = type == null ? null : types.union(type);
        if (union != null) {
            type = subtype(union, parent, qName, atts);
            AttributesImpl a = new AttributesImpl(atts);
            a.addAttribute(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type", XSI_TYPE, "CDATA",
                    union.typeNames().get(type));
            out = a;
        }
        if (libxmlDepth > 0) {
            libxmlDepth++;
        } else if (stack.size() == 1 && uri.isEmpty() && localName.equals(libxmlElement)) {
            libxmlDepth = 1;
        }
        if (libxmlDepth > 1 && type == null) {
            out = marked(out, atts);
        }
        Frame f = new Frame(qName, type, new AttributesImpl(atts));
        f.uri = uri;
        if (type == null && !pendingPrefixes.isEmpty()) {
            f.forwardedPrefixes = new ArrayList<>();
            for (String[] p : pendingPrefixes) {
                next.startPrefixMapping(p[0], p[1]);
                f.forwardedPrefixes.add(p[0]);
            }
        }
        pendingPrefixes.clear();
        stack.push(f);
        currentElement = qName;
        currentAttributes = f.attributes;
        next.startElement(uri, localName, qName, out);
        currentAttributes = null;
    }

    /**
     * The JDK's parser lets a name with an empty prefix ({@code <:boot>}) through with the colon in its local name;
     * no DOM node can be made of it, so it is refused (here and by {@link DirectReader}) with a message of the
     * parser's kind. Null when the element's and its attributes' names are fine.
     */
    static String invalidName(String localName, Attributes atts) {
        if (localName.indexOf(':') >= 0) {
            return invalidName("element", localName);
        }
        for (int i = 0; i < atts.getLength(); i++) {
            if (atts.getLocalName(i).indexOf(':') >= 0) {
                return invalidName("attribute", atts.getLocalName(i));
            }
        }
        return null;
    }

    private static String invalidName(String kind, String localName) {
        return kind + " name '" + localName + "' is not a valid XML name with namespaces (a prefix before ':' must "
                + "not be empty)";
    }

    /** How a refusal for too many elements outside the model reads (here and in {@link DirectReader}). */
    static String tooManyUnmodelled() {
        return "more than " + org.virtxml.xml.Limits.MAX_UNMODELLED_ELEMENTS + " elements that are not part of "
                + "libvirt's domain format (libvirt ignores them; virtxml keeps each, at a cost)";
    }

    /** The namespace to pass the element on in: the positional-alias one when the parent's attribute says so. */
    private String aliased(Frame parent, String uri, String localName) {
        if (parent.type != null && uri.isEmpty()) {
            for (ElementTypes.Alias a : types.aliases(parent.type)) {
                // the alias list cannot hold null, so an absent discriminating attribute is tested first
                String value = parent.attributes.getValue("", a.attribute());
                if (a.localName().equals(localName) && value != null && a.values().contains(value)) {
                    return PositionalAlias.NAMESPACE;
                }
            }
        }
        return uri;
    }

    /**
     * The Java type an element is bound to, or null inside unknown content; checks the root and refuses a second
     * copy of a single-valued child.
     */
    private Class<?> boundType(Frame parent, QName name, String qName) throws Stop {
        if (parent == null) {
            if (!name.equals(rootName)) {
                throw new Stop("expected the root element <" + rootName.getLocalPart() + ">, found <" + qName + ">",
                        locator);
            }
            return rootType;
        }
        ElementTypes.Binding b = parent.type == null ? null : types.child(parent.type, name);
        if (b == null) {
            return null;
        }
        if (!b.list()) {
            if (parent.seen == null) {
                parent.seen = new HashSet<>();
            }
            if (!parent.seen.add(name)) {
                throw new Stop("element <" + qName + "> may appear only once in <" + parent.name + ">", locator);
            }
        }
        return b.type();
    }

    /** The subtype of a union element, from the discriminating attribute on it or on its parent. */
    private Class<?> subtype(ElementTypes.Union u, Frame parent, String qName, Attributes atts) throws Stop {
        Attributes source = u.onParent() ? parent.attributes : atts;
        String value = source.getValue("", u.attribute());
        String where = u.onParent() ? parent.name : qName;
        if (value == null && u.absentType() != null) {
            return u.absentType();
        }
        if (value == null) {
            if (u.absent().isEmpty()) {
                throw new Stop("missing required attribute '" + u.attribute() + "' in element '" + where + "'",
                        locator);
            }
            value = u.absent();
        }
        Class<?> sub = u.cases().get(value);
        if (sub == null) {
            throw new Stop("invalid value for attribute '" + u.attribute() + "' in element '" + where + "': '"
                    + value + "'; expected one of " + String.join(", ", u.cases().keySet()), locator);
        }
        return sub;
    }

    /**
     * The attributes of an unknown element inside {@code <metadata>}, plus the marks {@link DeclaredNamespaces}
     * needs: which declarations the input wrote on it, and in which order it wrote its attributes (the DOM keeps
     * neither).
     */
    private Attributes marked(Attributes out, Attributes input) {
        StringBuilder declared = new StringBuilder();
        for (String[] p : pendingPrefixes) {
            declared.append(declared.length() == 0 ? "" : " ").append(p[0].isEmpty() ? DeclaredNamespaces.DEFAULT : p[0]);
        }
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < input.getLength(); i++) {
            order.append(i == 0 ? "" : " ").append(input.getQName(i));
        }
        AttributesImpl a = new AttributesImpl(out);
        a.addAttribute(DeclaredNamespaces.MARK_NS, DeclaredNamespaces.MARK, "vxdn:" + DeclaredNamespaces.MARK,
                "CDATA", declared.toString());
        a.addAttribute(DeclaredNamespaces.MARK_NS, DeclaredNamespaces.ORDER, "vxdn:" + DeclaredNamespaces.ORDER,
                "CDATA", order.toString());
        return a;
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        flushText(true);
        Frame f = stack.pop();
        if (libxmlDepth > 0) {
            libxmlDepth--;
        }
        currentElement = qName;
        next.endElement(f.uri, localName, qName);
        if (f.forwardedPrefixes != null) {
            for (String p : f.forwardedPrefixes) {
                next.endPrefixMapping(p);
            }
        }
        Frame parent = stack.peek();
        if (parent != null) {
            parent.lastChildText = false;
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    /**
     * Passes on the text read since the last tag, unless it is blank and libxml2 would drop it.
     *
     * @param atEnd whether the next event is the end tag of the current element
     */
    private void flushText(boolean atEnd) throws SAXException {
        if (text.length() == 0) {
            return;
        }
        Frame f = stack.peek();
        boolean keep;
        if (f == null) {
            keep = false;
        } else if (!isBlank(text)) {
            keep = true;
        } else {
            keep = (atEnd && !f.hasChildren) || f.lastChildText || f.firstChildText;
        }
        if (keep) {
            if (!f.hasChildren) {
                f.firstChildText = true;
            }
            f.hasChildren = true;
            f.lastChildText = true;
            char[] chars = new char[text.length()];
            text.getChars(0, chars.length, chars, 0);
            currentElement = f.name;
            next.characters(chars, 0, chars.length);
        }
        text.setLength(0);
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

    @Override
    public void processingInstruction(String target, String data) {
        // libvirt ignores processing instructions; so does the model
    }

    @Override
    public void skippedEntity(String name) {
        // DOCTYPE is refused, so no entity can be skipped
    }
}
