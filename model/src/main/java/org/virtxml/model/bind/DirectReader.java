package org.virtxml.model.bind;

import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.sax.SAXTransformerFactory;
import javax.xml.transform.sax.TransformerHandler;
import org.virtxml.model.Extensible;
import org.virtxml.model.ModelObject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.LocatorImpl;

/**
 * Builds the model straight from SAX events through a generated {@link Codec}, with the result the parse path of
 * {@link ModelBinding} (the {@link ParseFilter} in front of JAXB's unmarshaller) gives, down to the messages and
 * positions of refusals, but without a JAXB context.
 *
 * <p>What it reproduces, step by step: the filter's root check, repeat check, positional aliases, union subtypes
 * and blank-text rules; then JAXB's handling of each element: attributes set through the adapters (unknown ones
 * kept in a hash map, as JAXB keeps them), text given to the adapters at the end tag (an empty element gives
 * them the empty string), the {@code afterUnmarshal} conversions, a locator snapshot per element, and unknown
 * content built into DOM by the same kind of transformer handler and event sequence JAXB's DOM loader uses.
 *
 * <p>Input only JAXB reads exactly (child elements inside text-only elements, {@code xsi:} attributes, an
 * adapter failing with something other than {@link InvalidValueException}) stops the reader with
 * {@link Unsupported}; the caller then parses the document with JAXB. One reader reads one document.
 */
final class DirectReader implements ContentHandler {
    /** Signals a document only the JAXB path reads exactly; carries no stack trace. */
    static final class Unsupported extends SAXException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super("left to JAXB");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The first problem in the document, as the JAXB path reports it. */
    static final class Failure extends SAXException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        Failure(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private static final int CLASS = 0;
    private static final int LEAF = 1;
    private static final int DOM = 2;

    /** One open element. */
    private static final class Frame {
        int kind;
        /** CLASS: the element's type id; LEAF and DOM: unused. */
        int type;
        /** LEAF: the slot in the parent. */
        int slot;
        /** CLASS: the model object. */
        Object object;
        String uri;
        String local;
        String qName;
        /** CLASS with {@link Codec#KEEP_ATTRIBUTES}: a copy of the element's attributes. */
        Attributes attributes;
        /** Single-valued slots seen so far. */
        long seen;
        boolean hasChildren;
        boolean firstChildText;
        boolean lastChildText;
        /** Namespace declarations passed on (to DOM content) in scope once this element started. */
        int nsDecl;
        /** Declarations passed on by this element. */
        int forwarded;
        /** DOM: the builder of the unknown subtree this element belongs to. */
        DomState dom;
    }

    /** One unknown subtree being built into DOM, as JAXB's DOM loader builds it. */
    private static final class DomState {
        final TransformerHandler handler;
        final DOMResult result = new DOMResult();
        int depth;

        DomState(TransformerHandler handler) {
            this.handler = handler;
            handler.setResult(result);
        }

        Element element() {
            Node n = result.getNode();
            if (n instanceof Document d) {
                return d.getDocumentElement();
            }
            if (n instanceof Element e) {
                return e;
            }
            return (Element) n.getChildNodes().item(0);
        }
    }

    private static volatile SAXTransformerFactory transformers;

    private final Codec codec;
    private final String libxmlElement;
    private Locator locator;
    private Frame[] stack = new Frame[16];
    private int depth;
    private Object result;
    private final StringBuilder text = new StringBuilder();
    private String[] pending = new String[8];
    private int pendingLen;
    /** Prefix and URI pairs passed on to DOM content, as JAXB's unmarshalling context keeps them. */
    private String[] ns = new String[16];
    private int nsLen;
    /** Depth inside the root's libxml2-dumped child; 0 outside it. */
    private int libxmlDepth;
    /** Elements the codec has no type for, directly inside one it has: each becomes a DOM document of its own. */
    private int unmodelled;

    DirectReader(Codec codec, String libxmlElement) {
        this.codec = codec;
        this.libxmlElement = libxmlElement;
    }

    /** The root object once the document has been read. */
    Object result() {
        return result;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startDocument() {
    }

    @Override
    public void endDocument() {
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        if (pendingLen == pending.length) {
            pending = java.util.Arrays.copyOf(pending, pendingLen * 2);
        }
        pending[pendingLen++] = prefix;
        pending[pendingLen++] = uri;
    }

    @Override
    public void endPrefixMapping(String prefix) {
        // the declarations passed on are ended with their element
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
        Frame parent = depth == 0 ? null : stack[depth - 1];
        if (parent != null && (parent.kind == LEAF
                || parent.kind == CLASS && (codec.flags(parent.type) & Codec.TEXT) != 0)) {
            // JAXB reports a child of a text-only element itself
            throw UNSUPPORTED;
        }
        String badName = ParseFilter.invalidName(local, atts);
        if (badName != null) {
            throw stop(badName);
        }
        String kept = flushText(false);
        if (parent != null) {
            parent.hasChildren = true;
            parent.lastChildText = false;
        }
        int kind;
        int type = -1;
        int slot = -1;
        if (parent == null) {
            if (!uri.isEmpty() || !local.equals(codec.rootName())) {
                throw stop("expected the root element <" + codec.rootName() + ">, found <" + qName + ">");
            }
            kind = CLASS;
            type = codec.rootType();
        } else if (parent.kind == CLASS) {
            slot = codec.child(parent.type, uri, local, parent.attributes);
            if (slot >= 0) {
                if (!codec.slotList(parent.type, slot)) {
                    long bit = 1L << slot;
                    if ((parent.seen & bit) != 0) {
                        throw stop("element <" + qName + "> may appear only once in <" + parent.qName + ">");
                    }
                    parent.seen |= bit;
                }
                type = codec.slotType(parent.type, slot);
                if (type == Codec.LEAF) {
                    if (atts.getLength() > 0) {
                        throw stop("unexpected attribute '" + atts.getQName(0) + "' on <" + qName + ">");
                    }
                    kind = LEAF;
                } else {
                    Union u = codec.union(type);
                    if (u != null) {
                        type = subtype(u, parent, qName, atts);
                    }
                    kind = CLASS;
                }
            } else if ((codec.flags(parent.type) & Codec.EXTENSIBLE) != 0) {
                if (++unmodelled > org.virtxml.xml.Limits.MAX_UNMODELLED_ELEMENTS) {
                    throw stop(ParseFilter.tooManyUnmodelled());
                }
                kind = DOM;
            } else {
                throw UNSUPPORTED;
            }
        } else {
            kind = DOM;
        }
        if (libxmlDepth > 0) {
            libxmlDepth++;
        } else if (depth == 1 && uri.isEmpty() && local.equals(libxmlElement)) {
            libxmlDepth = 1;
        }
        Attributes domAttributes = atts;
        if (kind == DOM && libxmlDepth > 1) {
            domAttributes = marked(atts);
        }
        Frame f = push();
        f.kind = kind;
        f.type = type;
        f.slot = slot;
        f.uri = uri;
        f.local = local;
        f.qName = qName;
        if (kind == DOM) {
            for (int i = 0; i < pendingLen; i += 2) {
                declare(pending[i], pending[i + 1]);
            }
            f.forwarded = pendingLen / 2;
        }
        pendingLen = 0;
        f.nsDecl = nsLen;

        // from here on, what JAXB's unmarshaller does with the element
        if (parent != null && parent.kind == DOM && !kept.isEmpty() && !isBlank(kept)) {
            parent.dom.handler.characters(kept.toCharArray(), 0, kept.length());
        }
        if (kind == CLASS) {
            Object o = codec.create(type);
            ((ModelObject) o).setLocator(new LocatorImpl(locator));
            f.object = o;
            if ((codec.flags(type) & Codec.KEEP_ATTRIBUTES) != 0) {
                f.attributes = new AttributesImpl(atts);
            }
            attributes(type, o, qName, atts);
            if (parent != null) {
                codec.attach(parent.type, parent.object, slot, o);
            } else {
                result = o;
            }
        } else if (kind == DOM) {
            DomState s;
            if (parent.kind == CLASS) {
                s = new DomState(transformerHandler());
                s.handler.setDocumentLocator(locator);
                s.handler.startDocument();
                declarePrefixes(s, 0, f.nsDecl);
            } else {
                s = parent.dom;
            }
            s.depth++;
            f.dom = s;
            declarePrefixes(s, parent.nsDecl, f.nsDecl);
            s.handler.startElement(uri, local, qName, domAttributes);
        }
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
        String kept = flushText(true);
        Frame f = stack[--depth];
        Frame parent = depth == 0 ? null : stack[depth - 1];
        if (libxmlDepth > 0) {
            libxmlDepth--;
        }
        switch (f.kind) {
            case CLASS -> {
                if ((codec.flags(f.type) & Codec.TEXT) != 0) {
                    try {
                        codec.text(f.type, f.object, kept);
                    } catch (InvalidValueException e) {
                        throw invalid(e, null, qName);
                    } catch (RuntimeException e) {
                        throw UNSUPPORTED;
                    }
                }
                try {
                    codec.end(f.type, f.object, parent == null ? null : parent.object);
                } catch (InvalidValueException e) {
                    throw invalid(e, null, qName);
                } catch (RuntimeException e) {
                    throw UNSUPPORTED;
                }
            }
            case LEAF -> {
                try {
                    codec.leaf(parent.type, parent.object, f.slot, kept);
                } catch (InvalidValueException e) {
                    throw invalid(e, null, qName);
                } catch (RuntimeException e) {
                    throw UNSUPPORTED;
                }
            }
            default -> {
                DomState s = f.dom;
                if (!kept.isEmpty()) {
                    s.handler.characters(kept.toCharArray(), 0, kept.length());
                }
                s.handler.endElement(f.uri, local, qName);
                undeclarePrefixes(s, parent.nsDecl, f.nsDecl);
                if (--s.depth == 0) {
                    undeclarePrefixes(s, 0, f.nsDecl);
                    s.handler.endDocument();
                    ((Extensible) parent.object).getOtherElements().add(s.element());
                }
            }
        }
        nsLen -= 2 * f.forwarded;
        f.object = null;
        f.attributes = null;
        f.dom = null;
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

    @Override
    public void processingInstruction(String target, String data) {
        // libvirt ignores processing instructions; so does the model
    }

    @Override
    public void skippedEntity(String name) {
        // DOCTYPE is refused, so no entity can be skipped
    }

    private Frame push() {
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        Frame f = stack[depth];
        if (f == null) {
            f = new Frame();
            stack[depth] = f;
        }
        depth++;
        f.seen = 0;
        f.hasChildren = false;
        f.firstChildText = false;
        f.lastChildText = false;
        f.forwarded = 0;
        f.attributes = null;
        f.object = null;
        f.dom = null;
        return f;
    }

    /**
     * The text read since the last tag if the parse filter passes it on (libxml2 drops blank text unless it is an
     * element's only content or its first child is text), else the empty string.
     */
    private String flushText(boolean atEnd) {
        if (text.length() == 0) {
            return "";
        }
        Frame f = depth == 0 ? null : stack[depth - 1];
        boolean keep;
        if (f == null) {
            keep = false;
        } else if (!isBlank(text)) {
            keep = true;
        } else {
            keep = (atEnd && !f.hasChildren) || f.lastChildText || f.firstChildText;
        }
        String kept = "";
        if (keep) {
            if (!f.hasChildren) {
                f.firstChildText = true;
            }
            f.hasChildren = true;
            f.lastChildText = true;
            kept = text.toString();
        }
        text.setLength(0);
        return kept;
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

    /** Sets the attributes of a new object the way JAXB's structure loader does. */
    private void attributes(int type, Object o, String qName, Attributes atts) throws SAXException {
        Map<QName, String> unknown = null;
        for (int i = 0; i < atts.getLength(); i++) {
            String auri = atts.getURI(i);
            String alocal = atts.getLocalName(i);
            if (alocal.isEmpty()) {
                alocal = atts.getQName(i);
            }
            String value = atts.getValue(i);
            if (auri.isEmpty()) {
                try {
                    if (codec.attribute(type, o, alocal, value)) {
                        continue;
                    }
                } catch (InvalidValueException e) {
                    throw invalid(e, atts, qName);
                } catch (RuntimeException e) {
                    throw UNSUPPORTED;
                }
            } else if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(auri)) {
                // xsi:type and xsi:nil steer JAXB itself
                throw UNSUPPORTED;
            }
            if (unknown == null) {
                // JAXB keeps unknown attributes in a HashMap; its order is the order they are written back in
                unknown = new HashMap<>();
            }
            String q = atts.getQName(i);
            int colon = q.indexOf(':');
            unknown.put(new QName(auri, alocal, colon < 0 ? "" : q.substring(0, colon)), value);
        }
        if (unknown != null) {
            ((ModelObject) o).getOtherAttributes().putAll(unknown);
        }
    }

    /** The subtype of a union element, from the discriminating attribute on it or on its parent. */
    private int subtype(Union u, Frame parent, String qName, Attributes atts) throws SAXException {
        Attributes source = u.onParent() ? parent.attributes : atts;
        String value = source.getValue("", u.attribute());
        String where = u.onParent() ? parent.qName : qName;
        if (value == null && u.absentType() >= 0) {
            return u.absentType();
        }
        if (value == null) {
            if (u.absent().isEmpty()) {
                throw stop("missing required attribute '" + u.attribute() + "' in element '" + where + "'");
            }
            value = u.absent();
        }
        int sub = u.typeOf(value);
        if (sub < 0) {
            throw stop("invalid value for attribute '" + u.attribute() + "' in element '" + where + "': '" + value
                    + "'; expected one of " + u.expected());
        }
        return sub;
    }

    /** The attributes of an unknown element inside the libxml2-dumped element, with the parse filter's marks. */
    private Attributes marked(Attributes input) {
        StringBuilder declared = new StringBuilder();
        for (int i = 0; i < pendingLen; i += 2) {
            declared.append(declared.length() == 0 ? "" : " ")
                    .append(pending[i].isEmpty() ? DeclaredNamespaces.DEFAULT : pending[i]);
        }
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < input.getLength(); i++) {
            order.append(i == 0 ? "" : " ").append(input.getQName(i));
        }
        AttributesImpl a = new AttributesImpl(input);
        a.addAttribute(DeclaredNamespaces.MARK_NS, DeclaredNamespaces.MARK, "vxdn:" + DeclaredNamespaces.MARK,
                "CDATA", declared.toString());
        a.addAttribute(DeclaredNamespaces.MARK_NS, DeclaredNamespaces.ORDER, "vxdn:" + DeclaredNamespaces.ORDER,
                "CDATA", order.toString());
        return a;
    }

    private void declare(String prefix, String uri) {
        if (nsLen == ns.length) {
            ns = java.util.Arrays.copyOf(ns, nsLen * 2);
        }
        ns[nsLen++] = prefix;
        ns[nsLen++] = uri;
    }

    /** The URI a prefix is bound to among the declarations passed on, as JAXB resolves it. */
    private String resolve(String prefix) {
        if (prefix.equals("xml")) {
            return XMLConstants.XML_NS_URI;
        }
        for (int i = nsLen - 2; i >= 0; i -= 2) {
            if (prefix.equals(ns[i])) {
                return ns[i + 1];
            }
        }
        return prefix.isEmpty() ? "" : null;
    }

    /** Declares to the DOM builder the prefixes passed on between two marks, last first (as JAXB does). */
    private void declarePrefixes(DomState s, int from, int to) throws SAXException {
        for (int i = to - 2; i >= from; i -= 2) {
            String uri = resolve(ns[i]);
            if (uri == null) {
                throw UNSUPPORTED;
            }
            s.handler.startPrefixMapping(ns[i], uri);
        }
    }

    private void undeclarePrefixes(DomState s, int from, int to) throws SAXException {
        for (int i = to - 2; i >= from; i -= 2) {
            s.handler.endPrefixMapping(ns[i]);
        }
    }

    /** A transformer handler building DOM, from a factory made as JAXB makes its own. */
    private static TransformerHandler transformerHandler() throws SAXException {
        SAXTransformerFactory f = transformers;
        if (f == null) {
            synchronized (DirectReader.class) {
                f = transformers;
                if (f == null) {
                    TransformerFactory tf = TransformerFactory.newInstance();
                    try {
                        tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                    } catch (TransformerConfigurationException e) {
                        throw UNSUPPORTED;
                    }
                    f = (SAXTransformerFactory) tf;
                    transformers = f;
                }
            }
        }
        try {
            synchronized (f) {
                return f.newTransformerHandler();
            }
        } catch (TransformerConfigurationException e) {
            throw UNSUPPORTED;
        }
    }

    /** A refusal of the parse filter's kind: at the current position, as the locator gives it. */
    private Failure stop(String message) {
        return new Failure(message, locator == null ? 0 : locator.getLineNumber(),
                locator == null ? 0 : locator.getColumnNumber());
    }

    /** A value an adapter refused, worded as {@link ModelBinding} words JAXB's event for it. */
    private Failure invalid(InvalidValueException bad, Attributes atts, String element) {
        String attribute = ModelBinding.attributeWithValue(atts, bad.value());
        String message = attribute != null
                ? "invalid value '" + bad.value() + "' for attribute '" + attribute + "' of <" + element
                  + ">: expected " + bad.expected()
                : "invalid value '" + bad.value() + "' in <" + element + ">: expected " + bad.expected();
        return new Failure(message, locator == null ? 0 : Math.max(0, locator.getLineNumber()),
                locator == null ? 0 : Math.max(0, locator.getColumnNumber()));
    }
}
