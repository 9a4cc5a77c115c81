package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/**
 * The number spellings of libvirt's domain XML: how each kind of number is parsed ({@link Numbers}) and printed.
 * Each nested class is one parse base plus one print format, named after what libvirt prints.
 */
public final class NumberAdapters {
    private NumberAdapters() {
    }

    /** The parse base that takes any C spelling: {@code 0x..} hexadecimal, {@code 0..} octal, else decimal. */
    private static final int ANY_BASE = 0;

    /** The largest value a C unsigned int holds; values above 2^31-1 are kept as negative ints. */
    private static final long U32 = 0xffffffffL;

    /**
     * {@code prefix}, then {@code digits} left-padded with zeros to {@code width}: what {@code %0Nx} and
     * {@code %0No} print (for negative numbers too, given the unsigned digits), without a formatter per value.
     */
    private static String pad(String prefix, String digits, int width) {
        if (digits.length() >= width) {
            return prefix.isEmpty() ? digits : prefix.concat(digits);
        }
        StringBuilder b = new StringBuilder(prefix.length() + width).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    /**
     * An int spelling: parsed in one base within bounds (a negative lower bound admits a sign), printed as a
     * prefix and digits padded to a width. Decimal digits are printed signed, as {@code %d} does; other radixes
     * unsigned, as {@code %x} and {@code %o} do.
     */
    abstract static class IntSpelling extends XmlAdapter<String, Integer> {
        private final int base;
        private final long min;
        private final long max;
        private final String prefix;
        private final int radix;
        private final int width;
        private final boolean upper;

        IntSpelling(int base, long min, long max, String prefix, int radix, int width, boolean upper) {
            this.base = base;
            this.min = min;
            this.max = max;
            this.prefix = prefix;
            this.radix = radix;
            this.width = width;
            this.upper = upper;
        }

        IntSpelling(int base, long min, long max, String prefix, int radix, int width) {
            this(base, min, max, prefix, radix, width, false);
        }

        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, base, min < 0, min, max);
        }

        @Override
        public final String marshal(Integer v) {
            if (v == null) {
                return null;
            }
            String digits = radix == 10 ? Integer.toString(v) : Integer.toUnsignedString(v, radix);
            return pad(prefix, upper ? digits.toUpperCase(java.util.Locale.ROOT) : digits, width);
        }
    }

    /**
     * A 64-bit spelling: signed decimal, or unsigned in one base (values past 2^63-1 held as negative longs),
     * printed as a prefix and unsigned digits padded to a width.
     */
    abstract static class LongSpelling extends XmlAdapter<String, java.lang.Long> {
        private final boolean signed;
        private final int base;
        private final String prefix;
        private final int width;

        LongSpelling(boolean signed, int base, String prefix, int width) {
            this.signed = signed;
            this.base = base;
            this.prefix = prefix;
            this.width = width;
        }

        @Override
        public final java.lang.Long unmarshal(String v) {
            if (v == null) {
                return null;
            }
            return signed ? Numbers.parse(v, base, true, java.lang.Long.MIN_VALUE, java.lang.Long.MAX_VALUE)
                    : Numbers.parseU64(v, base);
        }

        @Override
        public final String marshal(java.lang.Long v) {
            if (v == null) {
                return null;
            }
            return pad(prefix, signed ? java.lang.Long.toString(v, base) : java.lang.Long.toUnsignedString(v, base),
                    width);
        }
    }

    /** Signed 32-bit decimal ({@code %d}). */
    public static final class Int extends IntSpelling {
        public Int() {
            super(10, Integer.MIN_VALUE, Integer.MAX_VALUE, "", 10, 0);
        }
    }

    /**
     * Unsigned decimal that fits a Java int ({@code %u}); libvirt's unsigned ints beyond 2^31-1 never occur in
     * practice for the counts, indexes and ports this is used for.
     */
    public static final class UInt extends IntSpelling {
        public UInt() {
            super(10, 0, Integer.MAX_VALUE, "", 10, 0);
        }
    }

    /** Unsigned int written in any C base ({@code 0x..}, {@code 0..} octal, decimal), printed decimal. */
    public static final class UIntAnyBase extends IntSpelling {
        public UIntAnyBase() {
            super(ANY_BASE, 0, Integer.MAX_VALUE, "", 10, 0);
        }
    }

    /** Signed 64-bit decimal ({@code %lld}). */
    public static final class Long extends LongSpelling {
        public Long() {
            super(true, 10, "", 0);
        }
    }

    /** Unsigned 64-bit decimal ({@code %llu}); values past 2^63-1 are held as negative longs. */
    public static final class ULong extends LongSpelling {
        public ULong() {
            super(false, 10, "", 0);
        }
    }

    /** A PCI domain: any C base in, {@code 0x%04x} out. */
    public static final class Hex4 extends IntSpelling {
        public Hex4() {
            super(ANY_BASE, 0, U32, "0x", 16, 4);
        }
    }

    /** A PCI bus or slot: any C base in, {@code 0x%02x} out. */
    public static final class Hex2 extends IntSpelling {
        public Hex2() {
            super(ANY_BASE, 0, U32, "0x", 16, 2);
        }
    }

    /**
     * A PCI function: any C base in, {@code 0x%d} out. libvirt really prints the function in decimal after an
     * {@code 0x} prefix; it is at most 7, so the two agree.
     */
    public static final class PciFunction extends IntSpelling {
        public PciFunction() {
            super(ANY_BASE, 0, U32, "0x", 10, 0);
        }
    }

    /** Hexadecimal in (an {@code 0x} prefix optional), {@code 0x%x} out: ISA iobase and irq, CCW ids. */
    public static final class Hex extends IntSpelling {
        public Hex() {
            super(16, 0, U32, "0x", 16, 0);
        }
    }

    /** Hexadecimal in, {@code 0x%04x} out: a CCW device number. */
    public static final class Hex16To4 extends IntSpelling {
        public Hex16To4() {
            super(16, 0, U32, "0x", 16, 4);
        }
    }

    /** Any C base in, {@code 0x%.4x} out: a zPCI uid, a USB vendor or product id. */
    public static final class AnyTo4 extends IntSpelling {
        public AnyTo4() {
            super(ANY_BASE, 0, U32, "0x", 16, 4);
        }
    }

    /** Any C base in, {@code 0x%.8x} out: a zPCI fid. */
    public static final class AnyTo8 extends IntSpelling {
        public AnyTo8() {
            super(ANY_BASE, 0, U32, "0x", 16, 8);
        }
    }

    /** Unsigned 64-bit hexadecimal in, {@code 0x%llx} out: a DIMM base address. */
    public static final class HexLong extends LongSpelling {
        public HexLong() {
            super(false, 16, "0x", 0);
        }
    }

    /** Unsigned 64-bit hexadecimal in, {@code 0x%08llx} out: a spapr-vio register. */
    public static final class HexLong8 extends LongSpelling {
        public HexLong8() {
            super(false, 16, "0x", 8);
        }
    }

    /** Any C base in, {@code 0x%x} out: a PCI controller's target port. */
    public static final class AnyToHex extends IntSpelling {
        public AnyToHex() {
            super(ANY_BASE, 0, Integer.MAX_VALUE, "0x", 16, 0);
        }
    }

    /** Octal in, {@code %04o} out: a filesystem file or directory mode. */
    public static final class Octal4 extends IntSpelling {
        public Octal4() {
            super(8, 0, U32, "", 8, 4);
        }
    }

    /**
     * A USB redirection filter class: {@code -1} (any) or a byte in any C base; printed {@code 0x%02X}. libvirt
     * does not print "any", so {@code -1} reads as absent.
     */
    public static final class UsbClass extends IntSpelling {
        public UsbClass() {
            super(ANY_BASE, -1, 0xff, "0x", 16, 2, true);
        }

        @Override
        public Integer unmarshal(String v) {
            return anyAsAbsent(super.unmarshal(v));
        }
    }

    /**
     * A USB redirection filter vendor or product id: {@code -1} (any) or a number in any C base; printed
     * {@code 0x%04X}; {@code -1} reads as absent because libvirt does not print it.
     */
    public static final class UsbId extends IntSpelling {
        public UsbId() {
            super(ANY_BASE, -1, Integer.MAX_VALUE, "0x", 16, 4, true);
        }

        @Override
        public Integer unmarshal(String v) {
            return anyAsAbsent(super.unmarshal(v));
        }
    }

    /** A USB filter value as held: {@code -1} ("any") is not printed by libvirt, so it reads as absent. */
    private static Integer anyAsAbsent(Integer i) {
        return i == null || i < 0 ? null : i;
    }

    /**
     * A USB redirection filter device version {@code major.minor} (each below 100; one minor digit means tens),
     * held as libvirt holds it (BCD) and printed {@code %d.%02d}; {@code -1} (any) reads as absent.
     */
    public static final class UsbVersion extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            if (v == null || v.equals("-1")) {
                return null;
            }
            int dot = v.indexOf('.');
            if (dot < 0) {
                throw new InvalidValueException(v, "a USB version such as 1.10");
            }
            String minorText = v.substring(dot + 1);
            long major = Numbers.parse(v.substring(0, dot), 10, false, 0, 99);
            long minor = Numbers.parse(minorText, 10, false, 0, 99);
            if (minorText.length() == 1) {
                minor *= 10;
            }
            return (int) ((major / 10) << 12 | (major % 10) << 8 | (minor / 10) << 4 | (minor % 10));
        }

        @Override
        public String marshal(Integer v) {
            if (v == null) {
                return null;
            }
            int major = ((v & 0xf000) >> 12) * 10 + ((v & 0x0f00) >> 8);
            int minor = ((v & 0x00f0) >> 4) * 10 + (v & 0x000f);
            return String.format("%d.%02d", major, minor);
        }
    }
}
