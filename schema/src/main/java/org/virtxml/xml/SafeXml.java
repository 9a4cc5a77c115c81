package org.virtxml.xml;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The one place where XML parsers are made. Every parser refuses DOCTYPE (so no external entities, no entity
 * expansion), loads nothing from the network or disk, does not process XInclude, and enforces
 * {@link Limits}. Parser messages are rewritten into short, plain sentences.
 */
public final class SafeXml {
    private static final String JDK_PROPS = "http://www.oracle.com/xml/jaxp/properties/";
    private static final SAXParserFactory FACTORY = makeFactory();

    private SafeXml() {
    }

    private static SAXParserFactory makeFactory() {
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        try {
            // the other features are set on each reader (newReader): the factory builds a whole throw-away parser
            // to test every feature it is given, which cost a single-file run about 20 ms
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException | SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
        return f;
    }

    /**
     * A new namespace-aware SAX reader with every protection on, including the bounds the JDK's parser has no
     * setting for (element count, attribute value length; {@link Limits}) and the refusal of XInclude elements.
     * Not thread-safe; one parse at a time.
     */
    public static XMLReader newReader() {
        XMLReader r = new Bounded(newJdkReader());
        // a filter puts itself between the parser and the client's resolver: the refusing one goes on the filter
        r.setEntityResolver(SafeXml::refuseEntity);
        return r;
    }

    private static InputSource refuseEntity(String publicId, String systemId) throws SAXException {
        throw new SAXException("external entities are not allowed: " + systemId);
    }

    private static XMLReader newJdkReader() {
        try {
            XMLReader r = FACTORY.newSAXParser().getXMLReader();
            r.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            r.setFeature("http://xml.org/sax/features/external-general-entities", false);
            r.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            r.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            r.setFeature("http://xml.org/sax/features/namespace-prefixes", false);
            r.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            r.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            r.setProperty(JDK_PROPS + "maxElementDepth", Integer.toString(Limits.MAX_ELEMENT_DEPTH));
            r.setProperty(JDK_PROPS + "elementAttributeLimit", Integer.toString(Limits.MAX_ATTRIBUTES));
            r.setProperty(JDK_PROPS + "entityExpansionLimit", "0");
            r.setProperty(JDK_PROPS + "maxXMLNameLimit", Integer.toString(Limits.MAX_NAME_CHARS));
            r.setEntityResolver(SafeXml::refuseEntity);
            return r;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot configure the XML parser", e);
        }
    }

    /**
     * Parses a document into a content handler. Well-formedness errors end the parse and are reported to
     * {@code errors} as fatal errors; this method then returns normally.
     */
    public static void parse(SourceText source, ContentHandler handler, ErrorHandler errors) {
        Cached cached = CACHED.get();
        // a parse started from inside another one on this thread gets a reader of its own
        XMLReader r = cached.busy ? newReader() : cached.reader;
        boolean reused = r == cached.reader;
        cached.busy |= reused;
        r.setContentHandler(handler);
        r.setErrorHandler(errors);
        InputSource in = new InputSource(source.open());
        in.setSystemId(null);
        try {
            r.parse(in);
        } catch (SAXParseException e) {
            // already reported through the error handler
        } catch (SAXException e) {
            reportQuietly(errors, new SAXParseException(cleanMessage(e.getMessage()), null));
        } catch (IOException e) {
            // malformed encodings surface as IOExceptions (CharConversionException) from the reader
            reportQuietly(errors, new SAXParseException(cleanMessage(e.getMessage()), null));
        } catch (RuntimeException e) {
            reportQuietly(errors, new SAXParseException("cannot parse: " + e, null));
        } finally {
            if (reused) {
                r.setContentHandler(null);
                r.setErrorHandler(null);
                cached.busy = false;
            }
        }
    }

    /** The namespace of XInclude elements, which virtxml (like libvirt) never processes. */
    static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";

    /**
     * Passes the parse through, ending it at the first element over {@link Limits#MAX_ELEMENTS}, attribute value
     * over {@link Limits#MAX_ATTRIBUTE_CHARS} or XInclude element: reported as a fatal error with its location, as
     * the parser reports its own limits.
     */
    private static final class Bounded extends XMLFilterImpl {
        private Locator locator;
        private int elements;

        Bounded(XMLReader parent) {
            super(parent);
        }

        @Override
        public void parse(InputSource input) throws SAXException, IOException {
            // the reader is reused from parse to parse (see CACHED): the count is per document
            elements = 0;
            locator = null;
            super.parse(input);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            super.setDocumentLocator(locator);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (++elements > Limits.MAX_ELEMENTS) {
                fail("the document has more elements than the limit of " + Limits.MAX_ELEMENTS);
            }
            if (XINCLUDE_NS.equals(uri)) {
                fail("XInclude is not supported: <" + qName + "> would make the document load another file");
            }
            for (int i = 0; i < atts.getLength(); i++) {
                if (atts.getValue(i).length() > Limits.MAX_ATTRIBUTE_CHARS) {
                    fail("attribute '" + atts.getQName(i) + "' of <" + qName + "> is longer than the limit of "
                            + Limits.MAX_ATTRIBUTE_CHARS + " characters");
                }
            }
            super.startElement(uri, localName, qName, atts);
        }

        private void fail(String message) throws SAXException {
            SAXParseException e = new SAXParseException(message, locator);
            ErrorHandler h = getErrorHandler();
            if (h != null) {
                h.fatalError(e);
            }
            throw e;
        }
    }

    /**
     * One reader per thread for {@link #parse}: making a reader costs several times what parsing a typical
     * document does, and a reader resets itself at the start of each parse.
     */
    private static final ThreadLocal<Cached> CACHED = ThreadLocal.withInitial(Cached::new);

    /** A thread's reusable reader and whether a parse is using it. */
    private static final class Cached {
        final XMLReader reader = newReader();
        boolean busy;
    }

    private static void reportQuietly(ErrorHandler errors, SAXParseException e) {
        try {
            errors.fatalError(e);
        } catch (SAXException ignored) {
            // the handler chose to stop; nothing more to do
        }
    }

    private static final Pattern DOCTYPE = Pattern.compile("DOCTYPE is disallowed.*", Pattern.DOTALL);
    private static final Pattern DEPTH = Pattern.compile(".*maxElementDepth.*", Pattern.DOTALL);
    private static final Pattern ATTRS = Pattern.compile(".*elementAttributeLimit.*|.*more than \"\\d+\" attributes.*",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile(".*JAXP00010005.*\\[xml\\].*", Pattern.DOTALL);
    private static final Pattern BAD_CHAR = Pattern.compile(
            "An invalid XML character \\(Unicode: 0x([0-9a-fA-F]+)\\) was found in (.*)\\.");
    private static final Pattern BAD_UTF8 = Pattern.compile("Invalid byte (\\d) of (\\d)-byte UTF-8 sequence\\.");

    /** Turns a parser message into a short sentence a user can act on. */
    public static String cleanMessage(String msg) {
        if (msg == null || msg.isBlank()) {
            return "not well-formed XML";
        }
        String m = msg.strip();
        if (DOCTYPE.matcher(m).matches()) {
            return "DOCTYPE declarations are not allowed (they can define entities and load external files)";
        }
        if (DEPTH.matcher(m).matches()) {
            return "elements are nested deeper than the limit of " + Limits.MAX_ELEMENT_DEPTH;
        }
        if (ATTRS.matcher(m).matches()) {
            return "an element has more attributes than the limit of " + Limits.MAX_ATTRIBUTES;
        }
        if (NAME.matcher(m).matches()) {
            return "an element or attribute name is longer than the limit of " + Limits.MAX_NAME_CHARS
                    + " characters";
        }
        Matcher c = BAD_CHAR.matcher(m);
        if (c.matches()) {
            return "invalid XML character U+" + String.format("%04X", Integer.parseInt(c.group(1), 16))
                    + " in " + c.group(2);
        }
        if (BAD_UTF8.matcher(m).matches()) {
            return "invalid UTF-8 byte sequence (" + m.replace(".", "") + ")";
        }
        if (m.startsWith("Premature end of file")) {
            return "the document is empty or ends before its root element is closed";
        }
        if (m.startsWith("Content is not allowed in prolog")) {
            return "not XML: text before the root element";
        }
        if (m.startsWith("external entities are not allowed")) {
            return m;
        }
        return m.replace('\n', ' ');
    }
}
