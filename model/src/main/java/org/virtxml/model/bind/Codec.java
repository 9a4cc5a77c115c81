package org.virtxml.model.bind;

import org.xml.sax.Attributes;

/**
 * What {@link DirectReader} and {@link DirectWriter} need to know about a model's element types, by type id:
 * generated as plain code from the spec the JAXB annotations are generated from, so reading and writing need no
 * JAXB context (whose reflection over every class costs half a second of CPU at start-up).
 *
 * <p>A type id names a concrete element class or a union ({@link Discriminated}). Each class numbers its child
 * elements (its slots) in the order the spec lists them; a slot holds a class, a union, or a plain value
 * ({@link #LEAF}: text converted by the property's adapter).
 */
public abstract class Codec {
    /** Flag: the element holds text ({@code @XmlValue}, or mixed content for {@link #MIXED}). */
    public static final int TEXT = 1;
    /** Flag: the text is kept as JAXB mixed content (a text-only member of a union). */
    public static final int MIXED = 2;
    /** Flag: the element's attributes decide how its children are read (positional aliases, unions on the parent). */
    public static final int KEEP_ATTRIBUTES = 4;
    /** Flag: unknown child elements are kept ({@code Extensible}). */
    public static final int EXTENSIBLE = 8;
    /** The slot type of a child bound to a plain value. */
    public static final int LEAF = -1;

    /** The type id of the root element. */
    public abstract int rootType();

    /** The root element's name (no namespace). */
    public abstract String rootName();

    /** The flags of a class. */
    public abstract int flags(int type);

    /** How a union picks its subtype, or null when the type is a class. */
    public abstract Union union(int type);

    /** The declared type of a slot: a type id or {@link #LEAF}. */
    public abstract int slotType(int type, int slot);

    /** Whether a slot holds a list (repeats allowed). */
    public abstract boolean slotList(int type, int slot);

    /** A new, empty instance of a class. */
    public abstract Object create(int type);

    /**
     * Sets a known attribute ({@code name} without namespace) from its XML spelling.
     *
     * @return false when the class has no such attribute
     * @throws InvalidValueException when the value is not a valid spelling
     */
    public abstract boolean attribute(int type, Object object, String name, String value);

    /**
     * The slot of a child element, or -1 when the class does not know it.
     *
     * @param parentAttributes the parent's attributes, kept when its flags say {@link #KEEP_ATTRIBUTES}
     */
    public abstract int child(int type, String uri, String local, Attributes parentAttributes);

    /** Stores a finished child object in its slot (sets it, or appends to the list). */
    public abstract void attach(int type, Object parent, int slot, Object child);

    /** Converts a plain-value child's text and stores it in its slot. */
    public abstract void leaf(int type, Object parent, int slot, String text);

    /** Converts and stores the text of an element whose class holds text. */
    public abstract void text(int type, Object object, String text);

    /** Runs the conversion libvirt applies once an element is read ({@code afterUnmarshal}), if the class has one. */
    public abstract void end(int type, Object object, Object parent);

    /** Writes a root object through the writer. */
    public abstract void write(Object root, DirectWriter writer);
}
