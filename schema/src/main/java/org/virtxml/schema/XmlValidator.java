package org.virtxml.schema;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.Limits;
import org.virtxml.xml.SafeXml;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Validates documents against the schema of their kind, in one parse: the kind is chosen from the root element
 * (or forced), the document goes through a Jing validator of that schema, and every error is collected with its
 * location. Instances are stateless and thread-safe (each thread reuses Jing validators of its own).
 */
public final class XmlValidator {

    /** Validates a document, detecting its kind from the root element unless {@code forced} is given. */
    public ValidationResult validate(SourceText source, SchemaKind forced) {
        ValidationResult r = validate(source, forced, true);
        // A reused validator gives the same verdict, but how it words an error (the order in which it lists the
        // alternatives it expected) depends on what it validated before; a document with errors is validated again
        // by a fresh one, so that its messages are the same whatever came before it.
        return r.errors().isEmpty() && r.omitted() == 0 ? r : validate(source, forced, false);
    }

    private ValidationResult validate(SourceText source, SchemaKind forced, boolean reuse) {
        Collector errors = new Collector(source);
        Dispatcher dispatcher = new Dispatcher(forced, errors, reuse);
        SafeXml.parse(source, dispatcher, errors);
        if (errors.list.isEmpty() && !dispatcher.sawRoot) {
            errors.add(0, 0, "the document has no root element");
        }
        return new ValidationResult(source, source.name(), dispatcher.kind, List.copyOf(errors.list), errors.omitted,
                false);
    }

    /** Reads and validates a file; an unreadable file gives an {@code unreadable} result, never an exception. */
    public ValidationResult validate(java.nio.file.Path path, SchemaKind forced) {
        SourceText source;
        try {
            source = SourceText.read(path);
        } catch (SourceText.UnreadableInputException e) {
            return new ValidationResult(null, path.toString(), forced, List.of(e.diagnostic()), 0, true);
        } catch (XmlInputException e) {
            return new ValidationResult(null, path.toString(), forced, List.of(e.diagnostic()), 0, false);
        }
        return validate(source, forced);
    }

    /**
     * A validator of the kind's schema for this thread, reset and reporting to {@code errors}. Validators are kept
     * per thread and reused: Jing memoizes the derivatives it computes per validator, so a fresh one per document
     * redid nearly all of that work (most of the CPU of validating a batch), and reset() only rewinds the match.
     * Only verdicts are taken from them (see {@link #validate(SourceText, SchemaKind)}).
     */
    private static Validator validator(SchemaKind kind, ErrorHandler errors) {
        Reusable[] mine = REUSABLE.get();
        Reusable r = mine[kind.ordinal()];
        if (r == null || r.uses >= MAX_REUSES) {
            Forwarding forwarding = new Forwarding();
            PropertyMapBuilder props = new PropertyMapBuilder();
            props.put(ValidateProperty.ERROR_HANDLER, forwarding);
            r = new Reusable(Schemas.get(kind).createValidator(props.toPropertyMap()), forwarding);
            mine[kind.ordinal()] = r;
        } else {
            r.validator.reset();
        }
        r.uses++;
        r.errors.target = errors;
        return r.validator;
    }

    /** Documents one validator serves before a fresh one replaces it, bounding what its memo tables can grow to. */
    private static final int MAX_REUSES = 5000;

    private static final ThreadLocal<Reusable[]> REUSABLE =
            ThreadLocal.withInitial(() -> new Reusable[SchemaKind.values().length]);

    /** A validator and the error handler it reports to, which forwards to the current document's collector. */
    private static final class Reusable {
        final Validator validator;
        final Forwarding errors;
        int uses;

        Reusable(Validator validator, Forwarding errors) {
            this.validator = validator;
            this.errors = errors;
        }
    }

    /** Passes a reused validator's reports on to the document being validated now. */
    private static final class Forwarding implements ErrorHandler {
        ErrorHandler target;

        @Override
        public void warning(SAXParseException e) throws SAXException {
            target.warning(e);
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            target.error(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            target.fatalError(e);
        }
    }

    /** Collects errors from the parser and from Jing, placing each caret as precisely as the source allows. */
    private static final class Collector implements ErrorHandler {
        private final SourceText source;
        private final List<Diagnostic> list = new ArrayList<>();
        private int omitted;

        Collector(SourceText source) {
            this.source = source;
        }

        void add(int line, int col, String message) {
            if (list.size() >= Limits.MAX_ERRORS_PER_DOCUMENT) {
                omitted++;
                return;
            }
            list.add(new Diagnostic(source.name(), Math.max(line, 0), Math.max(col, 0), message));
        }

        @Override
        public void warning(SAXParseException e) {
            // warnings do not change the verdict and libvirt's validator does not show them
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            if (list.size() >= Limits.MAX_ERRORS_PER_DOCUMENT) {
                // only counted: placing the caret scans the line, which on a one-line document is all of it
                if (++omitted >= Limits.MAX_ERRORS_COUNTED) {
                    // ends the parse; the caller takes a SAXParseException as already reported
                    throw new SAXParseException("validation stopped after " + omitted + " more errors", null);
                }
                return;
            }
            String msg = Messages.rewrite(e.getMessage());
            int[] at = Locations.refine(source, e.getLineNumber(), e.getColumnNumber(), msg);
            add(at[0], at[1], msg);
        }

        @Override
        public void fatalError(SAXParseException e) {
            add(e.getLineNumber(), e.getColumnNumber(), SafeXml.cleanMessage(e.getMessage()));
        }
    }

    /**
     * Holds back the events before the root element, picks the schema when the root arrives, then forwards
     * everything to that schema's validator.
     */
    private static final class Dispatcher extends DefaultHandler {
        private final SchemaKind forced;
        private final Collector errors;
        private final boolean reuse;
        private final List<String[]> prefixes = new ArrayList<>();
        private Locator locator;
        private ContentHandler target;
        SchemaKind kind;
        boolean sawRoot;

        Dispatcher(SchemaKind forced, Collector errors, boolean reuse) {
            this.forced = forced;
            this.errors = errors;
            this.reuse = reuse;
            this.kind = forced;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            if (target == null) {
                prefixes.add(new String[] {prefix, uri});
            } else {
                target.startPrefixMapping(prefix, uri);
            }
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            if (target != null) {
                target.endPrefixMapping(prefix);
            }
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (!sawRoot) {
                sawRoot = true;
                target = begin(uri, localName, qName);
                for (String[] p : prefixes) {
                    target.startPrefixMapping(p[0], p[1]);
                }
            }
            target.startElement(uri, localName, qName, atts);
        }

        private ContentHandler begin(String uri, String localName, String qName) throws SAXException {
            if (kind == null) {
                kind = uri.isEmpty() ? SchemaKind.byRootElement(localName) : null;
                if (kind == null) {
                    errors.add(locator.getLineNumber(), Locations.tagStart(errors.source, locator), "unknown root "
                            + "element <" + qName + ">: not a libvirt document kind (use --schema KIND to choose one)");
                    return new DefaultHandler();
                }
            }
            if (!Schemas.available(kind)) {
                errors.add(0, 0, "no schema for kind '" + kind + "' in this build");
                return new DefaultHandler();
            }
            Validator v;
            if (reuse) {
                v = validator(kind, errors);
            } else {
                PropertyMapBuilder props = new PropertyMapBuilder();
                props.put(ValidateProperty.ERROR_HANDLER, errors);
                v = Schemas.get(kind).createValidator(props.toPropertyMap());
            }
            ContentHandler h = v.getContentHandler();
            if (locator != null) {
                h.setDocumentLocator(locator);
            }
            h.startDocument();
            return h;
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            target.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (target != null) {
                target.characters(ch, start, length);
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            if (target != null) {
                target.ignorableWhitespace(ch, start, length);
            }
        }

        @Override
        public void processingInstruction(String target0, String data) throws SAXException {
            if (target != null) {
                target.processingInstruction(target0, data);
            }
        }

        @Override
        public void endDocument() throws SAXException {
            if (target != null) {
                target.endDocument();
            }
        }
    }
}
