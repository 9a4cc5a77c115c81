package org.virtxml.caps;

import java.util.ArrayDeque;
import java.util.Deque;

/** A tiny writer for libvirt-style XML: two-space indentation, single-quoted attributes, escaped text. */
final class Xml {
    private final StringBuilder b = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens {@code <name>}. */
    void open(String name) {
        open(name, name);
    }

    /** Opens {@code <tagWithAttributes>} that {@link #close()} ends as {@code </name>}. */
    void open(String tagWithAttributes, String name) {
        line("<" + tagWithAttributes + ">");
        open.push(name);
    }

    /** Closes the innermost open element. */
    void close() {
        String name = open.pop();
        line("</" + name + ">");
    }

    /** {@code <name>text</name>}. */
    void text(String name, String text) {
        line("<" + name + ">" + escape(text) + "</" + name + ">");
    }

    /** A raw line at the current depth. */
    void line(String s) {
        b.append("  ".repeat(open.size())).append(s).append('\n');
    }

    /** libvirt's escaping for text and single-quoted attributes. */
    static String escape(String s) {
        StringBuilder o = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '&' -> o.append("&amp;");
                case '\'' -> o.append("&apos;");
                case '"' -> o.append("&quot;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
