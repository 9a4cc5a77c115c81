package org.virtxml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/**
 * The base of every element type of the model: where the element was read from, and the attributes this model
 * does not know.
 *
 * <p>Unknown attributes are kept so that nothing a newer libvirt (or a user) wrote is lost on a round trip; the
 * formatter writes them after the known attributes, in the order they were read. The class is
 * {@link XmlTransient} so that JAXB folds these properties into each subclass instead of making a type of its own.
 */
@XmlTransient
@XmlAccessorType(XmlAccessType.FIELD)
public abstract class ModelObject implements Located {

    @XmlLocation
    @XmlTransient
    private Locator locator;

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes;

    /**
     * Records where the element was read: a snapshot of the parser's position just after its start tag. The
     * model's readers call this (JAXB sets the same field itself, through {@code @XmlLocation}).
     */
    public void setLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public int line() {
        return locator == null ? 0 : Math.max(0, locator.getLineNumber());
    }

    @Override
    public int column() {
        return locator == null ? 0 : Math.max(0, locator.getColumnNumber());
    }

    /** Attributes of this element that the model does not know, by qualified name; never null, mutable. */
    public Map<QName, String> getOtherAttributes() {
        if (otherAttributes == null) {
            otherAttributes = new LinkedHashMap<>();
        }
        return otherAttributes;
    }

    /** Whether any unknown attribute was read (or added); does not create the map. */
    public boolean hasOtherAttributes() {
        return otherAttributes != null && !otherAttributes.isEmpty();
    }
}
