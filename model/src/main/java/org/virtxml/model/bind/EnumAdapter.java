package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.XmlEnumValue;
import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps an enum to and from its XML spellings, read from the constants' {@link XmlEnumValue} annotations so that
 * one table serves parsing and formatting.
 *
 * <p>JAXB's own enum handling turns an unknown value into {@code null} without a word; this adapter refuses it
 * with libvirt's message instead, so a typo is reported at its line rather than silently dropped.
 *
 * @param <E> the enum type
 */
public abstract class EnumAdapter<E extends Enum<E>> extends XmlAdapter<String, E> {
    private static final Map<Class<?>, Table<?>> TABLES = new ConcurrentHashMap<>();

    private final Table<E> table;

    /** Creates the adapter for one enum type. */
    protected EnumAdapter(Class<E> type) {
        this.table = table(type);
    }

    @Override
    public E unmarshal(String value) {
        if (value == null) {
            return null;
        }
        E e = table.byXml.get(value);
        if (e == null) {
            throw new InvalidValueException(value, "one of " + String.join(", ", table.byXml.keySet()));
        }
        return e;
    }

    @Override
    public String marshal(E value) {
        return value == null ? null : table.byEnum.get(value);
    }

    /** The XML spelling of an enum constant. */
    public static <E extends Enum<E>> String xmlName(E value) {
        return table(value.getDeclaringClass()).byEnum.get(value);
    }

    /** The constant spelled {@code xml} in XML, or null when there is none. */
    public static <E extends Enum<E>> E fromXml(Class<E> type, String xml) {
        return xml == null ? null : table(type).byXml.get(xml);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Enum<E>> Table<E> table(Class<E> type) {
        return (Table<E>) TABLES.computeIfAbsent(type, t -> new Table<>(type));
    }

    /** Both directions of one enum's spelling table. */
    private static final class Table<E extends Enum<E>> {
        final Map<E, String> byEnum;
        final Map<String, E> byXml;

        Table(Class<E> type) {
            Map<E, String> forward = new EnumMap<>(type);
            // insertion-ordered so that messages list the values in declaration order
            Map<String, E> backward = new LinkedHashMap<>();
            for (E e : type.getEnumConstants()) {
                String xml;
                try {
                    XmlEnumValue v = type.getField(e.name()).getAnnotation(XmlEnumValue.class);
                    xml = v == null ? e.name() : v.value();
                } catch (NoSuchFieldException ex) {
                    throw new IllegalStateException(ex);
                }
                forward.put(e, xml);
                backward.put(xml, e);
            }
            this.byEnum = Collections.unmodifiableMap(forward);
            this.byXml = Collections.unmodifiableMap(backward);
        }
    }
}
