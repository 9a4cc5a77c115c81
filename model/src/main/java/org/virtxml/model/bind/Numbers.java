package org.virtxml.model.bind;

import java.math.BigInteger;

/**
 * Number parsing as libvirt's {@code virStrToLong_*} helpers do it: C {@code strtol} rules (optional leading
 * blanks, an optional sign, base 0 meaning {@code 0x} hex / leading-{@code 0} octal / decimal, base 16 allowing an
 * {@code 0x} prefix) and the whole string consumed.
 */
public final class Numbers {
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Numbers() {
    }

    /**
     * Parses an integer.
     *
     * @param text     the text as written
     * @param base     10, 16, or 0 for C's automatic base
     * @param negative whether a minus sign is accepted
     * @param min      smallest accepted value
     * @param max      largest accepted value; values above {@link Long#MAX_VALUE} need {@link #parseU64}
     * @return the value
     * @throws InvalidValueException when the text is not such a number or is out of range
     */
    public static long parse(String text, int base, boolean negative, long min, long max) {
        BigInteger v = parseBig(text, base, negative);
        if (v == null || v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidValueException(text, describe(base, min, max));
        }
        return v.longValue();
    }

    /** Parses an unsigned 64-bit integer; values above {@link Long#MAX_VALUE} come back negative (two's complement). */
    public static long parseU64(String text, int base) {
        BigInteger v = parseBig(text, base, false);
        if (v == null || v.signum() < 0 || v.compareTo(MAX_U64) > 0) {
            throw new InvalidValueException(text, "an unsigned 64-bit " + baseName(base) + " integer");
        }
        return v.longValue();
    }

    private static BigInteger parseBig(String text, int base, boolean negative) {
        if (text == null) {
            return null;
        }
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean minus = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            minus = text.charAt(i) == '-';
            i++;
        }
        int radix = base;
        if ((base == 0 || base == 16) && i + 1 < n && text.charAt(i) == '0'
                && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (base == 0) {
            radix = i < n && text.charAt(i) == '0' ? 8 : 10;
        }
        if (i >= n) {
            return null;
        }
        for (int j = i; j < n; j++) {
            if (Character.digit(text.charAt(j), radix) < 0 || text.charAt(j) > 0x7f) {
                return null;
            }
        }
        // short numbers (nearly all of them) fit a long; BigInteger is for the unsigned 64-bit edge
        BigInteger v = n - i <= 15 ? BigInteger.valueOf(Long.parseLong(text, i, n, radix))
                : new BigInteger(text.substring(i), radix);
        if (minus) {
            if (!negative && v.signum() != 0) {
                return null;
            }
            v = v.negate();
        }
        return v;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static String baseName(int base) {
        return base == 16 ? "hexadecimal" : base == 0 ? "(decimal, 0x-hex or 0-octal)" : "decimal";
    }

    private static String describe(int base, long min, long max) {
        return "a " + baseName(base) + " integer from " + min + " to " + max;
    }
}
