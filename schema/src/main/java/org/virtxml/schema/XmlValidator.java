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
 * (or forced), a Jing validator is made for that document, and every error is collected with its location.
 * Instances are stateless and thread-safe.
 */
public final class XmlValidator {

    /** Validates a document, detecting its kind from the root element unless {@code forced} is given. */
    public ValidationResult validate(SourceText source, SchemaKind forced) {
        Collector errors = new Collector(source);
        Dispatcher dispatcher = new Dispatcher(forced, errors);
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
        private final List<String[]> prefixes = new ArrayList<>();
        private Locator locator;
        private ContentHandler target;
        SchemaKind kind;
        boolean sawRoot;

        Dispatcher(SchemaKind forced, Collector errors) {
            this.forced = forced;
            this.errors = errors;
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
            PropertyMapBuilder props = new PropertyMapBuilder();
            props.put(ValidateProperty.ERROR_HANDLER, errors);
            Validator v = Schemas.get(kind).createValidator(props.toPropertyMap());
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
