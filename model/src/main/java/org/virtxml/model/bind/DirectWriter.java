package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.virtxml.model.ModelObject;
import org.w3c.dom.Element;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Feeds {@link LibvirtWriter} the element, attribute and text events JAXB's marshaller would, straight from a
 * {@link Codec}'s generated writing code: attributes in the spec's order followed by the unknown ones, then text,
 * then children in the spec's order followed by the unknown ones.
 *
 * <p>A model the writer cannot render exactly as JAXB would (unknown child elements outside the libxml2-dumped
 * element, unknown attributes in a namespace, subclasses the spec does not know) makes the generated code throw
 * {@link #unsupported()}; {@link ModelBinding} then formats that model with JAXB.
 */
public final class DirectWriter {
    /** Signals a model that only the JAXB marshaller writes exactly; carries no stack trace. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super("left to JAXB", null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final LibvirtWriter out;
    private final AttributesImpl attributes = new AttributesImpl();
    /** The element whose start tag is still collecting attributes, or null. */
    private String pendingUri;
    private String pendingLocal;

    DirectWriter(LibvirtWriter out) {
        this.out = out;
    }

    /** The exception generated code throws for a model only JAXB writes exactly. */
    public RuntimeException unsupported() {
        return UNSUPPORTED;
    }

    /**
     * A value spelled by its adapter; null for null. An adapter that fails leaves the model to JAXB, which
     * reports the failure its own way.
     */
    public static <V> String marshal(XmlAdapter<String, V> adapter, V value) {
        if (value == null) {
            return null;
        }
        try {
            return adapter.marshal(value);
        } catch (Exception e) {
            throw UNSUPPORTED;
        }
    }

    /** Starts an element; its attributes follow. */
    public void start(String uri, String local) {
        flush();
        pendingUri = uri;
        pendingLocal = local;
        attributes.clear();
    }

    /** Adds an attribute of the element just started; a null value is absent. */
    public void attribute(String name, String value) {
        if (value != null) {
            attributes.addAttribute("", name, name, "CDATA", value);
        }
    }

    /** Adds the unknown attributes of the element just started, in the map's order (as JAXB writes them). */
    public void otherAttributes(ModelObject o) {
        if (!o.hasOtherAttributes()) {
            return;
        }
        for (Map.Entry<QName, String> e : o.getOtherAttributes().entrySet()) {
            QName q = e.getKey();
            if (!q.getNamespaceURI().isEmpty() || e.getValue() == null) {
                // JAXB declares the namespace itself, with prefixes of its choosing
                throw UNSUPPORTED;
            }
            attributes.addAttribute("", q.getLocalPart(), q.getLocalPart(), "CDATA", e.getValue());
        }
    }

    /** The element's text; null is none. */
    public void text(String text) {
        if (text != null) {
            flush();
            out.characters(text.toCharArray(), 0, text.length());
        }
    }

    /** JAXB mixed content: text is written, an unknown element is left to JAXB. */
    public void mixed(List<Object> content) {
        if (content == null) {
            return;
        }
        for (Object o : content) {
            if (o instanceof String s) {
                text(s);
            } else {
                throw UNSUPPORTED;
            }
        }
    }

    /** A child element holding a plain value; a null value is absent. */
    public void leaf(String uri, String local, String value) {
        if (value != null) {
            start(uri, local);
            text(value);
            end(uri, local);
        }
    }

    /**
     * The unknown child elements of the current element: nothing to do inside the element LibvirtWriter dumps
     * from the DOM itself ({@code <metadata>}), else left to JAXB.
     */
    public void unknown(List<Element> elements) {
        flush();
        if (!elements.isEmpty() && !out.dumpingLibxml()) {
            throw UNSUPPORTED;
        }
    }

    /** Ends the current element. */
    public void end(String uri, String local) {
        flush();
        out.endElement(uri, local, local);
    }

    private void flush() {
        if (pendingLocal != null) {
            out.startElement(pendingUri, pendingLocal, pendingLocal, attributes);
            pendingLocal = null;
        }
    }
}
