package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.util.BitSet;

/**
 * A CPU or NUMA node set ({@code cpuset='0-3,^2,8'}) as libvirt reads it into a bitmap and prints it back:
 * ascending, ranges merged, exclusions applied ({@code 0-1,3,8}).
 */
public final class CpuSetAdapter extends XmlAdapter<String, String> {
    /** Highest bit accepted; libvirt's own CPU masks stop at 4096 bits, node sets are smaller still. */
    static final int MAX_BIT = 65535;

    @Override
    public String unmarshal(String text) {
        if (text == null) {
            return null;
        }
        BitSet bits = parse(text);
        // A set that excludes all it includes ('0,^0') is well-formed but empty; libvirt refuses it later, when
        // checking the configuration. Keep it as written so that the refusal can quote it and the document
        // still reads back (an empty attribute would not).
        return bits.isEmpty() ? text : format(bits);
    }

    @Override
    public String marshal(String value) {
        return value;
    }

    /**
     * Parses a set: comma-separated {@code N}, {@code N-M} (N &le; M) and {@code ^N} (remove N), blanks allowed
     * around the parts.
     *
     * @throws InvalidValueException when the text is not such a set
     */
    public static BitSet parse(String text) {
        BitSet bits = new BitSet();
        int i = skip(text, 0);
        if (i >= text.length()) {
            throw bad(text);
        }
        while (i < text.length()) {
            boolean neg = false;
            if (text.charAt(i) == '^') {
                neg = true;
                i++;
            }
            int start = i;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            int first = number(text, start, i);
            i = skip(text, i);
            if (i < text.length() && text.charAt(i) == '-') {
                if (neg) {
                    throw bad(text);
                }
                i = skip(text, i + 1);
                start = i;
                while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                int last = number(text, start, i);
                if (last < first) {
                    throw bad(text);
                }
                bits.set(first, last + 1);
                i = skip(text, i);
            } else if (neg) {
                bits.clear(first);
            } else {
                bits.set(first);
            }
            if (i < text.length()) {
                if (text.charAt(i) != ',') {
                    throw bad(text);
                }
                i = skip(text, i + 1);
            }
        }
        return bits;
    }

    /** The canonical spelling of a set. */
    public static String format(BitSet bits) {
        StringBuilder b = new StringBuilder();
        for (int s = bits.nextSetBit(0); s >= 0; ) {
            int e = bits.nextClearBit(s) - 1;
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(s);
            if (e > s) {
                b.append('-').append(e);
            }
            s = bits.nextSetBit(e + 1);
        }
        return b.toString();
    }

    private static int number(String text, int from, int to) {
        if (from == to || to - from > 6) {
            throw bad(text);
        }
        int v = Integer.parseInt(text.substring(from, to));
        if (v > MAX_BIT) {
            throw bad(text);
        }
        return v;
    }

    private static int skip(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static InvalidValueException bad(String text) {
        return new InvalidValueException(text, "a set such as 0-3,^2,8");
    }
}
