package org.virtxml.model.bind;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SafeXml;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The JAXB plumbing of one root type: a context created once on first use and shared (JAXB contexts are
 * thread-safe; marshallers and unmarshallers are made per call), the safe parse path and the libvirt-style
 * formatter.
 *
 * @param <T> the root element type
 */
public final class ModelBinding<T> {
    private final Class<T> rootType;
    private final String libxmlElement;
    private final ElementTypes types = new ElementTypes();
    private final Codec codec;
    private volatile JAXBContext context;
    /** Documents the codec left to JAXB to read. */
    private final AtomicLong jaxbParses = new AtomicLong();
    /** Models the codec left to JAXB to write. */
    private final AtomicLong jaxbFormats = new AtomicLong();

    /**
     * Creates the binding; the JAXB context is built on first use.
     *
     * @param rootType      the root element type
     * @param libxmlElement the root's child that libvirt has libxml2 dump ({@code metadata}), whose DOM content
     *                      must keep its namespace declarations where the input had them
     */
    public ModelBinding(Class<T> rootType, String libxmlElement) {
        this(rootType, libxmlElement, null);
    }

    /**
     * Creates the binding with a generated codec that reads and writes without JAXB; JAXB then only serves the
     * documents and models the codec leaves to it (see {@link DirectReader} and {@link DirectWriter}), and its
     * context is built only when one comes.
     *
     * @param rootType      the root element type
     * @param libxmlElement the root's child that libvirt has libxml2 dump
     * @param codec         the generated codec of the root type's model, or null to use JAXB throughout
     */
    public ModelBinding(Class<T> rootType, String libxmlElement, Codec codec) {
        this.rootType = rootType;
        this.libxmlElement = libxmlElement;
        this.codec = codec;
    }

    /** How many documents the codec has left to JAXB to read so far (tests check that it stays rare). */
    public long jaxbParses() {
        return jaxbParses.get();
    }

    /** How many models the codec has left to JAXB to write so far. */
    public long jaxbFormats() {
        return jaxbFormats.get();
    }

    /** The JAXB context, created on first call. */
    public JAXBContext context() {
        JAXBContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    try {
                        c = JAXBContext.newInstance(rootType);
                    } catch (JAXBException e) {
                        throw new IllegalStateException("the model's JAXB mapping is broken: " + e, e);
                    }
                    context = c;
                }
            }
        }
        return c;
    }

    /**
     * Parses a document with the safe reader (no DOCTYPE, no external entities) through the parse filter into
     * the model.
     *
     * @throws XmlInputException at the first problem, with its location
     */
    public T parse(SourceText source) {
        if (codec != null) {
            T direct = parseDirect(source);
            if (direct != null) {
                return direct;
            }
            jaxbParses.incrementAndGet();
        }
        return parseJaxb(source);
    }

    /** Parses without JAXB; null when the document is one only the JAXB path reads exactly. */
    private T parseDirect(SourceText source) {
        DirectReader handler = new DirectReader(codec, libxmlElement);
        XMLReader reader = READERS.get();
        reader.setContentHandler(handler);
        try {
            reader.parse(new InputSource(source.open()));
        } catch (DirectReader.Unsupported e) {
            return null;
        } catch (DirectReader.Failure e) {
            throw new XmlInputException(new Diagnostic(source.name(), e.line, e.column, e.getMessage()));
        } catch (SAXParseException e) {
            throw new XmlInputException(new Diagnostic(source.name(), Math.max(0, e.getLineNumber()),
                    Math.max(0, e.getColumnNumber()), SafeXml.cleanMessage(e.getMessage())));
        } catch (SAXException | IOException e) {
            throw new XmlInputException(new Diagnostic(source.name(), 0, 0, SafeXml.cleanMessage(e.getMessage())));
        } finally {
            reader.setContentHandler(null);
        }
        return rootType.cast(handler.result());
    }

    /**
     * One safe reader per thread, reused: making a reader costs several times what parsing a domain document
     * does, and a reader resets itself at the start of each parse.
     */
    private static final ThreadLocal<XMLReader> READERS = ThreadLocal.withInitial(() -> {
        XMLReader r = SafeXml.newReader();
        r.setErrorHandler(ModelBinding.QUIET);
        return r;
    });

    /** Reports fatal errors only by throwing them (the parser's default handler would print them). */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            // validity errors; the reader does not validate, and libvirt ignores them too
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private T parseJaxb(SourceText source) {
        Unmarshaller u;
        try {
            u = context().createUnmarshaller();
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
        UnmarshallerHandler handler = u.getUnmarshallerHandler();
        ParseFilter filter = new ParseFilter(handler, types, rootType, libxmlElement);
        Diagnostic[] first = new Diagnostic[1];
        try {
            u.setEventHandler(event -> {
                if (event.getSeverity() == ValidationEvent.WARNING) {
                    return true;
                }
                if (first[0] == null) {
                    first[0] = describe(source.name(), event, filter);
                }
                return false;
            });
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
        XMLReader reader = SafeXml.newReader();
        reader.setContentHandler(filter);
        // the parser's default handler prints fatal errors to stderr itself; report them only through ours
        reader.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                // validity errors; the reader does not validate, and libvirt ignores them too
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        try {
            reader.parse(new InputSource(source.open()));
        } catch (ParseFilter.Stop e) {
            throw new XmlInputException(new Diagnostic(source.name(), e.line, e.column, e.getMessage()));
        } catch (SAXParseException e) {
            if (first[0] != null) {
                throw new XmlInputException(first[0]);
            }
            throw new XmlInputException(new Diagnostic(source.name(), Math.max(0, e.getLineNumber()),
                    Math.max(0, e.getColumnNumber()), SafeXml.cleanMessage(e.getMessage())));
        } catch (SAXException | IOException e) {
            if (first[0] != null) {
                throw new XmlInputException(first[0]);
            }
            throw new XmlInputException(new Diagnostic(source.name(), 0, 0, SafeXml.cleanMessage(e.getMessage())));
        }
        if (first[0] != null) {
            throw new XmlInputException(first[0]);
        }
        try {
            return rootType.cast(handler.getResult());
        } catch (JAXBException | IllegalStateException e) {
            throw new XmlInputException(new Diagnostic(source.name(), 0, 0, "cannot read the document: " + e));
        }
    }

    /** Turns a JAXB event into a diagnostic, naming the attribute and element when an adapter refused a value. */
    private static Diagnostic describe(String name, ValidationEvent event, ParseFilter filter) {
        ValidationEventLocator loc = event.getLocator();
        int line = loc == null ? 0 : Math.max(0, loc.getLineNumber());
        int col = loc == null ? 0 : Math.max(0, loc.getColumnNumber());
        InvalidValueException bad = null;
        for (Throwable t = event.getLinkedException(); t != null && bad == null; t = t.getCause()) {
            if (t instanceof InvalidValueException i) {
                bad = i;
            }
        }
        String message;
        if (bad != null) {
            String element = filter.currentElement();
            String attribute = attributeWithValue(filter.currentAttributes(), bad.value());
            message = attribute != null
                    ? "invalid value '" + bad.value() + "' for attribute '" + attribute + "' of <" + element
                      + ">: expected " + bad.expected()
                    : "invalid value '" + bad.value() + "' in <" + element + ">: expected " + bad.expected();
        } else {
            message = event.getMessage() == null ? "cannot read the document" : event.getMessage();
            message = message.replace('\n', ' ');
        }
        return new Diagnostic(name, line, col, message);
    }

    static String attributeWithValue(Attributes atts, String value) {
        if (atts == null) {
            return null;
        }
        for (int i = 0; i < atts.getLength(); i++) {
            if (atts.getValue(i).equals(value)) {
                return atts.getQName(i);
            }
        }
        return null;
    }

    /**
     * Writes a model as libvirt formats it.
     *
     * @param root           the model
     * @param rootNamespaces namespace declarations for the root element, prefix to URI
     * @param fixedPrefixes  namespace URI to the prefix libvirt always writes it with
     * @param libxmlElement  the root's child element that libxml2, not libvirt, dumps ({@code metadata})
     * @param libxmlContent  that element's children as the model holds them (empty when it is absent)
     * @param openWhenEmpty  paths of elements libvirt writes with open and close tags even when empty
     */
    public String format(T root, Map<String, String> rootNamespaces, Map<String, String> fixedPrefixes,
                         String libxmlElement, List<Element> libxmlContent, Set<String> openWhenEmpty) {
        if (codec != null) {
            StringBuilder out = new StringBuilder(4096);
            try {
                codec.write(root, new DirectWriter(new LibvirtWriter(out, rootNamespaces, fixedPrefixes,
                        libxmlElement, libxmlContent, openWhenEmpty)));
                return out.toString();
            } catch (DirectWriter.Unsupported e) {
                // a model only JAXB writes exactly: start over with JAXB
                jaxbFormats.incrementAndGet();
            }
        }
        StringBuilder out = new StringBuilder(4096);
        try {
            Marshaller m = context().createMarshaller();
            m.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            m.marshal(root, new LibvirtWriter(out, rootNamespaces, fixedPrefixes, libxmlElement, libxmlContent,
                    openWhenEmpty));
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot format the model: " + e, e);
        }
        return out.toString();
    }
}
