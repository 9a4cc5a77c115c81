package org.virtxml.schema;

import com.thaiopensource.datatype.xsd.DatatypeLibraryFactoryImpl;
import com.thaiopensource.resolver.Identifier;
import com.thaiopensource.resolver.Input;
import com.thaiopensource.resolver.Resolver;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.prop.rng.RngProperty;
import com.thaiopensource.validate.rng.SAXSchemaReader;
import java.io.IOException;
import java.net.URL;
import java.util.EnumMap;
import java.util.Map;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The compiled schemas, one per kind, each compiled on first use and then shared: a Jing {@link Schema} is
 * immutable and thread-safe, while validators made from it are per document.
 */
public final class Schemas {
    private static final Map<SchemaKind, Schema> CACHE = new EnumMap<>(SchemaKind.class);

    private Schemas() {
    }

    /** Whether this build ships a schema for the kind. */
    public static boolean available(SchemaKind kind) {
        return Schemas.class.getResource(kind.resource()) != null;
    }

    /** The compiled schema for a kind. */
    public static synchronized Schema get(SchemaKind kind) {
        Schema s = CACHE.get(kind);
        if (s == null) {
            URL url = Schemas.class.getResource(kind.resource());
            if (url == null) {
                throw new IllegalStateException("no schema for kind '" + kind + "' in this build");
            }
            s = load(url);
            CACHE.put(kind, s);
        }
        return s;
    }

    /** Compiles the RELAX NG (XML syntax) schema at {@code url}; includes resolve relative to it. */
    public static Schema load(URL url) {
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, FAIL_ON_ERROR);
        props.put(RngProperty.DATATYPE_LIBRARY_FACTORY, new DatatypeLibraryFactoryImpl());
        props.put(ValidateProperty.RESOLVER, URL_RESOLVER);
        try {
            InputSource in = new InputSource(url.toExternalForm());
            return SAXSchemaReader.getInstance().createSchema(in, props.toPropertyMap());
        } catch (IOException | SAXException | IncorrectSchemaException e) {
            throw new IllegalStateException("schema " + url + " cannot be compiled: " + e.getMessage(), e);
        }
    }

    /**
     * Resolves includes with {@link URL}'s own rules, which understand {@code jar:} URLs (Jing's URI resolution
     * does not, and would look for included schemas in the working directory).
     */
    private static final Resolver URL_RESOLVER = new Resolver() {
        @Override
        public void resolve(Identifier id, Input input) throws IOException {
            if (input.isResolved()) {
                return;
            }
            URL resolved = id.getBase() == null ? new URL(id.getUriReference())
                    : new URL(new URL(id.getBase()), id.getUriReference());
            input.setUri(resolved.toExternalForm());
        }

        @Override
        public void open(Input input) throws IOException {
            if (!input.isOpen()) {
                input.setByteStream(new URL(input.getUri()).openStream());
            }
        }
    };

    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw new SAXException(e.getSystemId() + ":" + e.getLineNumber() + ": " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            error(e);
        }
    };
}
