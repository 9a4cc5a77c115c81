package org.virtxml.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes plain Java values (see {@link Json}) as JSON text. Members are written in the map's iteration order, so a
 * {@link java.util.LinkedHashMap} decides the key order; the {@link Style} decides escaping and separators, the
 * {@link DoubleFormat} how floating-point numbers look, and {@link JsonLiteral} gives full control of one number.
 * Instances are immutable and thread-safe.
 */
public final class JsonWriter {

    /** Whose JSON generator the output imitates. */
    public enum Style {
        /**
         * libvirt's (yajl): no spaces in compact form; escapes only {@code "}, {@code \}, the five named control
         * characters and other code points below U+0020 (as six-character &#92;u00XX escapes); everything else, including {@code /}
         * and non-ASCII text, is written as is. This is what {@code -device '{"driver":...}'} arguments look like.
         */
        LIBVIRT,
        /**
         * QEMU's (qobject json-writer): {@code ", "} and {@code ": "} separators even in compact form, and every code
         * point below U+0020 or from U+007F on written as &#92;uXXXX escapes (surrogate pairs above U+FFFF).
         */
        QEMU
    }

    /** How {@link Double} and {@link Float} values are written. */
    public enum DoubleFormat {
        /** The shortest text that reads back as the same double ({@code 0.5}, {@code 1.0E20}). */
        SHORTEST,
        /** C's {@code "%lf"}: six decimals ({@code 0.500000}), as libvirt formats doubles it sends to QEMU. */
        FIXED6,
        /** C's {@code "%.17g"}, as QEMU formats doubles. */
        G17
    }

    private final Style style;
    private final String indent;
    private final int inlineArrayWidth;
    private final DoubleFormat doubles;

    private JsonWriter(Style style, String indent, int inlineArrayWidth, DoubleFormat doubles) {
        this.style = style;
        this.indent = indent;
        this.inlineArrayWidth = inlineArrayWidth;
        this.doubles = doubles;
    }

    /** Compact, libvirt style: {@code {"driver":"virtio-blk-pci","id":"virtio-disk0"}}. */
    public static JsonWriter compact() {
        return new JsonWriter(Style.LIBVIRT, null, 0, DoubleFormat.SHORTEST);
    }

    /** Compact, QEMU style: {@code {"execute": "qmp_capabilities", "id": 1}}. */
    public static JsonWriter qemu() {
        return new JsonWriter(Style.QEMU, null, 0, DoubleFormat.G17);
    }

    /** Indented by two spaces, one member or element per line, {@code "key": value}. */
    public static JsonWriter pretty() {
        return new JsonWriter(Style.LIBVIRT, "  ", 0, DoubleFormat.SHORTEST);
    }

    /** The same writer with another escaping style. */
    public JsonWriter withStyle(Style s) {
        return new JsonWriter(s, indent, inlineArrayWidth, doubles);
    }

    /** The same writer with another floating-point format. */
    public JsonWriter withDoubleFormat(DoubleFormat f) {
        return new JsonWriter(style, indent, inlineArrayWidth, f);
    }

    /**
     * For indented output: arrays and objects holding only scalars are kept on one line when that line (without
     * indentation) is at most {@code width} characters, which keeps long name lists readable. 0 disables it.
     */
    public JsonWriter withInlineScalarContainers(int width) {
        return new JsonWriter(style, indent, width, doubles);
    }

    /** The JSON text of {@code value}; indented output ends without a newline. */
    public String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(value, b);
        return b.toString();
    }

    /** Appends the JSON text of {@code value}. */
    public void write(Object value, Appendable out) {
        try {
            value(value, out, 0, "$");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void value(Object v, Appendable out, int level, String path) throws IOException {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else if (v instanceof Number n) {
            out.append(number(n, path));
        } else if (v instanceof JsonLiteral lit) {
            out.append(lit.text());
        } else if (v instanceof Map<?, ?> map) {
            object(map, out, level, path);
        } else if (v instanceof Iterable<?> it) {
            array(it, out, level, path);
        } else if (v instanceof Object[] arr) {
            array(List.of(arr), out, level, path);
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON at " + path);
        }
    }

    private void object(Map<?, ?> map, Appendable out, int level, String path) throws IOException {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        if (indent != null && inlineArrayWidth > 0) {
            String inline = inlineScalars(map, path);
            if (inline != null) {
                out.append(inline);
                return;
            }
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON member names must be strings at " + path);
            }
            if (!first) {
                out.append(indent == null && style == Style.LIBVIRT ? "," : indent == null ? ", " : ",");
            }
            first = false;
            newline(out, level + 1);
            string(key, out);
            out.append(indent == null && style == Style.LIBVIRT ? ":" : ": ");
            value(e.getValue(), out, level + 1, path + "." + key);
        }
        newline(out, level);
        out.append('}');
    }

    private void array(Iterable<?> items, Appendable out, int level, String path) throws IOException {
        Iterator<?> it = items.iterator();
        if (!it.hasNext()) {
            out.append("[]");
            return;
        }
        if (indent != null && inlineArrayWidth > 0) {
            String inline = inlineScalars(items, path);
            if (inline != null) {
                out.append(inline);
                return;
            }
        }
        out.append('[');
        int i = 0;
        while (it.hasNext()) {
            if (i > 0) {
                out.append(indent == null && style == Style.QEMU ? ", " : ",");
            }
            newline(out, level + 1);
            value(it.next(), out, level + 1, path + "[" + i + "]");
            i++;
        }
        newline(out, level);
        out.append(']');
    }

    /** The one-line form of an array or object of scalars, or null when it holds containers or is too wide. */
    private String inlineScalars(Object container, String path) throws IOException {
        boolean isMap = container instanceof Map<?, ?>;
        StringBuilder b = new StringBuilder(isMap ? "{" : "[");
        Iterable<?> items = isMap ? ((Map<?, ?>) container).entrySet() : (Iterable<?>) container;
        int i = 0;
        for (Object o : items) {
            Object v = o;
            if (i > 0) {
                b.append(", ");
            }
            if (isMap) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON member names must be strings at " + path);
                }
                string(key, b);
                b.append(": ");
                v = e.getValue();
            }
            if (v instanceof Map || v instanceof Iterable || v instanceof Object[]) {
                return null;
            }
            value(v, b, 0, path + "[" + i + "]");
            i++;
            if (b.length() > inlineArrayWidth) {
                return null;
            }
        }
        return b.append(isMap ? '}' : ']').toString();
    }

    private void newline(Appendable out, int level) throws IOException {
        if (indent == null) {
            return;
        }
        out.append('\n');
        for (int i = 0; i < level; i++) {
            out.append(indent);
        }
    }

    private String number(Number n, String path) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            return n.toString();
        }
        if (n instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for " + d + " at " + path);
            }
            return switch (doubles) {
                case SHORTEST -> n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d);
                case FIXED6 -> String.format(Locale.ROOT, "%f", d);
                case G17 -> cG17(d);
            };
        }
        throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as a JSON number at " + path);
    }

    /** C's {@code %.17g}: 17 significant digits, trailing zeros removed, exponent form outside 1e-4..1e17. */
    private static String cG17(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(d).round(new java.math.MathContext(17));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 17) {
            BigDecimal mant = bd.movePointLeft(exp).stripTrailingZeros();
            String m = mant.toPlainString();
            String e = String.format(Locale.ROOT, "%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
            return m + "e" + e;
        }
        String s = bd.stripTrailingZeros().toPlainString();
        return s;
    }

    private void string(String s, Appendable out) throws IOException {
        out.append('"');
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String esc = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 || (style == Style.QEMU && c >= 0x7f) ? String.format("\\u%04X", (int) c) : null;
            };
            if (esc != null) {
                out.append(s, start, i).append(esc);
                start = i + 1;
            }
        }
        out.append(s, start, n).append('"');
    }
}
