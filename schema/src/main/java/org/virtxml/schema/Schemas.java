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
import com.thaiopensource.validate.SchemaReader;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import com.thaiopensource.validate.rng.SAXSchemaReader;
import java.io.IOException;
import java.net.URL;
import java.util.EnumMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
    private static final Map<SchemaKind, FutureTask<Schema>> CACHE = new EnumMap<>(SchemaKind.class);

    static {
        for (SchemaKind k : SchemaKind.values()) {
            CACHE.put(k, new FutureTask<>(() -> {
                URL url = location(k);
                if (url == null) {
                    throw new IllegalStateException("no schema for kind '" + k + "' in this build");
                }
                return load(url);
            }));
        }
    }

    private Schemas() {
    }

    /**
     * For schema development: when set, schemas are compiled straight from {@code DIR/<kind>.rnc} (compact
     * syntax) instead of the {@code .rng} files built into the jar, so an edit shows without a rebuild.
     */
    public static final String DEV_DIR_PROPERTY = "virtxml.schema.dir";

    /** Whether this build ships a schema for the kind. */
    public static boolean available(SchemaKind kind) {
        return location(kind) != null;
    }

    private static URL location(SchemaKind kind) {
        String dev = System.getProperty(DEV_DIR_PROPERTY);
        if (dev != null) {
            java.nio.file.Path p = java.nio.file.Path.of(dev, kind.kindName() + ".rnc");
            try {
                return java.nio.file.Files.exists(p) ? p.toUri().toURL() : null;
            } catch (java.net.MalformedURLException e) {
                return null;
            }
        }
        return Schemas.class.getResource(kind.resource());
    }

    /** The compiled schema for a kind; compiles it on first use (once, even when threads race). */
    public static Schema get(SchemaKind kind) {
        FutureTask<Schema> task = CACHE.get(kind);
        task.run(); // no-op when already run or running elsewhere
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the " + kind + " schema", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
        }
    }

    /**
     * Starts compiling a kind's schema on a background thread. A single-file run spends most of its time
     * compiling the schema; started first thing, that overlaps JVM warm-up, option parsing and file reading.
     */
    public static void prefetch(SchemaKind kind) {
        if (!available(kind)) {
            return;
        }
        Thread t = new Thread(CACHE.get(kind), "schema-" + kind);
        t.setDaemon(true);
        t.start();
    }

    /** Compiles the RELAX NG (XML syntax) schema at {@code url}; includes resolve relative to it. */
    public static Schema load(URL url) {
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, FAIL_ON_ERROR);
        props.put(RngProperty.DATATYPE_LIBRARY_FACTORY, new DatatypeLibraryFactoryImpl());
        props.put(ValidateProperty.RESOLVER, URL_RESOLVER);
        try {
            InputSource in = new InputSource(url.toExternalForm());
            SchemaReader reader = url.getPath().endsWith(".rnc") ? CompactSchemaReader.getInstance()
                    : SAXSchemaReader.getInstance();
            return reader.createSchema(in, props.toPropertyMap());
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
