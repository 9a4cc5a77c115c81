package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;

/**
 * What the parse filter needs to know about the model's JAXB mapping: which Java type each child element of a
 * type is bound to, and how the unions ({@link Discriminated}) choose their subtypes. Read from the same
 * annotations JAXB reads, once per type, so the two cannot disagree.
 */
final class ElementTypes {
    private final Map<Class<?>, Map<QName, Binding>> children = new ConcurrentHashMap<>();
    private final Map<Class<?>, Optional<Union>> unions = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<Alias>> aliases = new ConcurrentHashMap<>();

    /** The Java type a child element is bound to, and whether the property holds a list of them. */
    record Binding(Class<?> type, boolean list) {
    }

    /** A child element name that moves to a positional alias when the parent's attribute has one of some values. */
    record Alias(String localName, String attribute, List<String> values) {
    }

    /** How one union picks its subtype. */
    record Union(String attribute, boolean onParent, String absent, Class<?> absentType,
                 Map<String, Class<?>> cases, Map<Class<?>, String> typeNames) {
    }

    /** The qualified name of a root type's element. */
    static QName rootName(Class<?> root) {
        XmlRootElement r = root.getAnnotation(XmlRootElement.class);
        if (r == null) {
            throw new IllegalArgumentException(root + " is not a root element type");
        }
        String ns = "##default".equals(r.namespace()) ? "" : r.namespace();
        return new QName(ns, r.name());
    }

    /** The binding of child element {@code name} of {@code parent}, or null when it is unknown content. */
    Binding child(Class<?> parent, QName name) {
        return children.computeIfAbsent(parent, ElementTypes::scan).get(name);
    }

    /** The positional aliases of {@code parent}'s children; usually empty. */
    List<Alias> aliases(Class<?> parent) {
        return aliases.computeIfAbsent(parent, ElementTypes::scanAliases);
    }

    private static List<Alias> scanAliases(Class<?> type) {
        List<Alias> list = new java.util.ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                PositionalAlias a = f.getAnnotation(PositionalAlias.class);
                XmlElement e = f.getAnnotation(XmlElement.class);
                if (a != null && e != null) {
                    list.add(new Alias(e.name(), a.attribute(), List.of(a.values())));
                }
            }
        }
        return List.copyOf(list);
    }

    /** The union table of {@code type}, or null when it is not a union. */
    Union union(Class<?> type) {
        return unions.computeIfAbsent(type, t -> Optional.ofNullable(readUnion(t))).orElse(null);
    }

    private static Map<QName, Binding> scan(Class<?> type) {
        Map<QName, Binding> map = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                XmlElement e = f.getAnnotation(XmlElement.class);
                boolean list = List.class.isAssignableFrom(f.getType());
                if (e != null) {
                    map.putIfAbsent(qname(e, f),
                            new Binding(e.type() != XmlElement.DEFAULT.class ? e.type() : valueType(f), list));
                }
                XmlElements es = f.getAnnotation(XmlElements.class);
                if (es != null) {
                    for (XmlElement x : es.value()) {
                        map.putIfAbsent(qname(x, f),
                                new Binding(x.type() != XmlElement.DEFAULT.class ? x.type() : valueType(f), list));
                    }
                }
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static QName qname(XmlElement e, Field f) {
        String name = "##default".equals(e.name()) ? f.getName() : e.name();
        String ns = "##default".equals(e.namespace()) ? "" : e.namespace();
        return new QName(ns, name);
    }

    private static Class<?> valueType(Field f) {
        if (List.class.isAssignableFrom(f.getType())) {
            Type t = ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
            return (Class<?>) t;
        }
        return f.getType();
    }

    private static Union readUnion(Class<?> type) {
        Discriminated d = type.getAnnotation(Discriminated.class);
        if (d == null) {
            return null;
        }
        Map<String, Class<?>> cases = new LinkedHashMap<>();
        Map<Class<?>, String> names = new HashMap<>();
        for (Discriminated.Case c : d.cases()) {
            cases.put(c.value(), c.type());
            names.put(c.type(), typeName(type, c.type()));
        }
        Class<?> absentType = d.absentType() == Void.class ? null : d.absentType();
        if (absentType != null) {
            names.put(absentType, typeName(type, absentType));
        }
        return new Union(d.attribute(), d.onParent(), d.absent(), absentType, Collections.unmodifiableMap(cases),
                Collections.unmodifiableMap(names));
    }

    private static String typeName(Class<?> base, Class<?> sub) {
        if (!base.isAssignableFrom(sub)) {
            throw new IllegalStateException(sub + " is not a subtype of " + base);
        }
        XmlType xt = sub.getAnnotation(XmlType.class);
        if (xt == null || "##default".equals(xt.name())) {
            throw new IllegalStateException(sub + " needs an explicit @XmlType name to be chosen by xsi:type");
        }
        return xt.name();
    }
}
