package org.virtxml.xml;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

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

    /** A new namespace-aware SAX reader with every protection on. Not thread-safe; one parse at a time. */
    public static XMLReader newReader() {
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
            r.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed: " + systemId);
            });
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
