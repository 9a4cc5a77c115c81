package org.virtxml.model.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a child element to this property only when the parent element's attribute has one of the given values,
 * because libvirt writes the element at a different position then.
 *
 * <p>The case this exists for: in {@code <interface type='hostdev'>} libvirt writes the PCI backend's
 * {@code <driver name='vfio'/>} right after {@code <mac>}, while in every other interface the virtio
 * {@code <driver>} comes after {@code <model>}. A JAXB property has one position, so the model has two
 * properties. The property carrying this annotation is mapped to the element name in {@link #NAMESPACE}; the
 * parse filter moves matching children into that namespace and the formatter writes them without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface PositionalAlias {
    /** The private namespace of aliased element names; never written out. */
    String NAMESPACE = "urn:virtxml:positional-alias";

    /** The parent's attribute that decides. */
    String attribute();

    /** The values of that attribute for which this property takes the element. */
    String[] values();
}
