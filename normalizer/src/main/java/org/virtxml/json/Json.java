package org.virtxml.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON without a dependency: {@link #parse} turns text into plain Java values and {@link JsonWriter} turns them back.
 *
 * <p>The value model: an object is a {@code Map<String, Object>} that keeps member order (parsed objects are
 * {@link LinkedHashMap}s), an array a {@code List<Object>}, a string a {@link String}, an integer a {@link Long}
 * (a {@link java.math.BigDecimal} when it does not fit), any other number a {@link Double}, plus {@link Boolean}
 * and {@code null}. The typed getters below read that model and name the member that has the wrong shape.
 */
public final class Json {
    private Json() {
    }

    /** Parses a complete JSON text; throws {@link JsonException} with line and column on a syntax error. */
    public static Object parse(String text) {
        return new JsonParser(text).parseDocument();
    }

    /** Parses a UTF-8 JSON stream completely. */
    public static Object parse(InputStream in) throws IOException {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Parses a text that must be a JSON object. */
    public static Map<String, Object> parseObject(String text) {
        return asObject(parse(text), "$");
    }

    /** Compact libvirt-style JSON of a value. */
    public static String write(Object value) {
        return JsonWriter.compact().write(value);
    }

    /** An ordered object built from alternating names and values: {@code obj("driver", "e1000", "id", "net0")}. */
    public static Map<String, Object> obj(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("obj() needs name/value pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** {@code value} as an object, or a {@link JsonException} naming {@code what}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw shape(what, "an object", value);
    }

    /** {@code value} as an array. */
    @SuppressWarnings("unchecked")
    public static List<Object> asArray(Object value, String what) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw shape(what, "an array", value);
    }

    /** {@code value} as a string. */
    public static String asString(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw shape(what, "a string", value);
    }

    /** {@code value} as a boolean. */
    public static boolean asBoolean(Object value, String what) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw shape(what, "a boolean", value);
    }

    /** {@code value} as an integer that fits a long. */
    public static long asLong(Object value, String what) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer i) {
            return i;
        }
        throw shape(what, "an integer", value);
    }

    /** {@code value} as an object; the error names {@code what.name}, a name built only when it is needed. */
    public static Map<String, Object> asObject(Object value, String what, String name) {
        return value instanceof Map<?, ?> ? asObject(value, what) : asObject(value, what + "." + name);
    }

    /** {@code value} as a string; the error names {@code what.name}, a name built only when it is needed. */
    public static String asString(Object value, String what, String name) {
        return value instanceof String s ? s : asString(value, what + "." + name);
    }

    /** {@code value} as a boolean; the error names {@code what.name}, a name built only when it is needed. */
    public static boolean asBoolean(Object value, String what, String name) {
        return value instanceof Boolean b ? b : asBoolean(value, what + "." + name);
    }

    /** Member {@code name} of {@code object}, which must be present (it may be JSON null). */
    public static Object member(Map<String, Object> object, String name, String what) {
        if (!object.containsKey(name)) {
            throw new JsonException(what + ": member \"" + name + "\" is missing");
        }
        return object.get(name);
    }

    // The getters below name the member in their error only when it has the wrong shape: building that name for
    // every member read was most of the cost of loading a QEMU profile (thousands of members per profile).

    /** Required string member. */
    public static String string(Map<String, Object> object, String name, String what) {
        Object v = member(object, name, what);
        return v instanceof String str ? str : asString(v, what + "." + name);
    }

    /** Optional string member: null when absent or JSON null. */
    public static String optString(Map<String, Object> object, String name, String what) {
        Object v = object.get(name);
        return v == null || v instanceof String ? (String) v : asString(v, what + "." + name);
    }

    /** Optional boolean member with a default. */
    public static boolean optBoolean(Map<String, Object> object, String name, boolean dflt, String what) {
        Object v = object.get(name);
        return v == null ? dflt : v instanceof Boolean b ? b : asBoolean(v, what + "." + name);
    }

    /** Optional integer member: null when absent. */
    public static Long optLong(Map<String, Object> object, String name, String what) {
        Object v = object.get(name);
        return v == null ? null : v instanceof Long l ? l : asLong(v, what + "." + name);
    }

    /** Optional array member: an empty list when absent or null. */
    public static List<Object> optArray(Map<String, Object> object, String name, String what) {
        Object v = object.get(name);
        return v == null ? List.of() : v instanceof List<?> ? asArray(v, what) : asArray(v, what + "." + name);
    }

    /** Optional object member: null when absent or JSON null. */
    public static Map<String, Object> optObject(Map<String, Object> object, String name, String what) {
        Object v = object.get(name);
        return v == null ? null : v instanceof Map<?, ?> ? asObject(v, what) : asObject(v, what + "." + name);
    }

    /** Optional array of strings member. */
    public static List<String> optStrings(Map<String, Object> object, String name, String what) {
        List<Object> raw = optArray(object, name, what);
        String[] out = new String[raw.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = raw.get(i);
            out[i] = v instanceof String str ? str : asString(v, what + "." + name + "[" + i + "]");
        }
        return List.of(out);
    }

    private static JsonException shape(String what, String expected, Object actual) {
        String got = actual == null ? "null" : actual instanceof Map ? "an object" : actual instanceof List
                ? "an array" : actual instanceof String ? "a string" : actual instanceof Boolean ? "a boolean"
                : "a number";
        return new JsonException(what + ": expected " + expected + ", found " + got);
    }
}
