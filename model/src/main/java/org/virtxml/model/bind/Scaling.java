package org.virtxml.model.bind;

import java.util.Locale;

/**
 * libvirt's scaled integers ({@code <memory unit='MiB'>512</memory>}): the unit suffixes it accepts and the
 * conversion it applies while parsing, before any default is filled in. libvirt stores such sizes in one unit
 * (KiB for guest memory, bytes for some caches) and prints them in that unit, so the model does the same.
 */
public final class Scaling {
    private Scaling() {
    }

    /**
     * The multiplier of a unit suffix: {@code b}/{@code byte}/{@code bytes} = 1, a one-letter or {@code XiB}
     * suffix = a power of 1024, {@code XB} = a power of 1000 (letters k m g t p e, case-insensitive); no suffix
     * means {@code defaultScale}.
     *
     * @throws InvalidValueException for any other suffix
     */
    public static long multiplier(String unit, long defaultScale) {
        if (unit == null || unit.isEmpty()) {
            return defaultScale;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
            return 1;
        }
        long base;
        if (u.length() == 1 || u.substring(1).equals("ib")) {
            base = 1024;
        } else if (u.length() == 2 && u.charAt(1) == 'b') {
            base = 1000;
        } else {
            throw new InvalidValueException(unit, "a unit such as B, KiB, MiB, GiB, KB, MB or GB");
        }
        int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
        if (power == 0) {
            throw new InvalidValueException(unit, "a unit such as B, KiB, MiB, GiB, KB, MB or GB");
        }
        long m = 1;
        for (int i = 0; i < power; i++) {
            m *= base;
        }
        return m;
    }

    /**
     * Scales {@code value} given in {@code unit} to bytes, refusing results above {@code limit} bytes
     * (libvirt's "value too large").
     */
    public static long toBytes(long value, String unit, long defaultScale, long limit) {
        long m = multiplier(unit, defaultScale);
        if (value != 0 && Long.compareUnsigned(value, Long.divideUnsigned(limit, m)) > 0) {
            throw new InvalidValueException(value + (unit == null ? "" : unit), "a size of at most " + limit + " bytes");
        }
        return value * m;
    }

    /** Scales to KiB, rounding up as libvirt does for guest memory sizes; no unit means KiB. */
    public static long toKiB(long value, String unit) {
        long bytes = toBytes(value, unit, 1024, -1L);
        return Long.divideUnsigned(bytes, 1024) + (Long.remainderUnsigned(bytes, 1024) == 0 ? 0 : 1);
    }

    private static final String[] PRETTY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    /** The unit {@code virFormatIntPretty} prints a byte count in: the largest (up to PiB) that divides it. */
    public static String prettyUnit(long bytes) {
        return PRETTY_UNITS[prettyPower(bytes)];
    }

    /** The byte count expressed in {@link #prettyUnit}. */
    public static long prettyValue(long bytes) {
        return Long.divideUnsigned(bytes, 1L << (10 * prettyPower(bytes)));
    }

    private static int prettyPower(long bytes) {
        int p = 0;
        while (p < PRETTY_UNITS.length - 1 && bytes != 0 && Long.remainderUnsigned(bytes, 1L << (10 * (p + 1))) == 0) {
            p++;
        }
        return p;
    }
}
