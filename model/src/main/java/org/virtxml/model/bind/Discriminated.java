package org.virtxml.model.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the abstract base of a union of element types that share one element name and are told apart by an
 * attribute, such as {@code <address type='pci'>} versus {@code <address type='drive'>}.
 *
 * <p>JAXB has no discriminator support. The parse filter reads this table, picks the subtype from the attribute
 * (on the element itself, or on its parent for {@code <source>} elements whose shape follows the device's
 * {@code type}) and tells JAXB which subtype to build by adding an {@code xsi:type} attribute to the event
 * stream. The formatter drops {@code xsi:type} again. The values are libvirt's XML spellings.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Discriminated {
    /** The name of the attribute whose value picks the subtype. */
    String attribute();

    /** True when the attribute is on the parent element rather than on this element. */
    boolean onParent() default false;

    /**
     * The value assumed when the attribute is absent, as libvirt's parser assumes it; empty when absence is an
     * error.
     */
    String absent() default "";

    /**
     * The subtype used when the attribute is absent, for unions whose absent form has no value of its own (an
     * {@code <nvram>} holding a path as text rather than a typed {@code <source>}); {@code Void} when unused.
     */
    Class<?> absentType() default Void.class;

    /** The subtypes, by attribute value. */
    Case[] cases();

    /** One attribute value and the subtype it selects. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Case {
        /** The attribute value (several values may select the same type). */
        String value();

        /** The subtype, a concrete subclass of the annotated type. */
        Class<?> type();
    }
}
