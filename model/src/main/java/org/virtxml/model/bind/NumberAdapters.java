package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/**
 * The number spellings of libvirt's domain XML: how each kind of number is parsed ({@link Numbers}) and printed.
 * Each nested class is one parse base plus one print format, named after what libvirt prints.
 */
public final class NumberAdapters {
    private NumberAdapters() {
    }

    /**
     * {@code prefix}, then {@code digits} left-padded with zeros to {@code width}: what {@code %0Nx} and
     * {@code %0No} print (for negative numbers too, given the unsigned digits), without a formatter per value.
     */
    private static String pad(String prefix, String digits, int width) {
        StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    /** Signed 32-bit decimal ({@code %d}). */
    public static final class Int extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 10, true, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : Integer.toString(v);
        }
    }

    /**
     * Unsigned decimal that fits a Java int ({@code %u}); libvirt's unsigned ints beyond 2^31-1 never occur in
     * practice for the counts, indexes and ports this is used for.
     */
    public static final class UInt extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 10, false, 0, Integer.MAX_VALUE);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : Integer.toString(v);
        }
    }

    /** Unsigned int written in any C base ({@code 0x..}, {@code 0..} octal, decimal), printed decimal. */
    public static final class UIntAnyBase extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 0, false, 0, Integer.MAX_VALUE);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : Integer.toString(v);
        }
    }

    /** Signed 64-bit decimal ({@code %lld}). */
    public static final class Long extends XmlAdapter<String, java.lang.Long> {
        @Override
        public java.lang.Long unmarshal(String v) {
            return v == null ? null : Numbers.parse(v, 10, true, java.lang.Long.MIN_VALUE, java.lang.Long.MAX_VALUE);
        }

        @Override
        public String marshal(java.lang.Long v) {
            return v == null ? null : java.lang.Long.toString(v);
        }
    }

    /** Unsigned 64-bit decimal ({@code %llu}); values past 2^63-1 are held as negative longs. */
    public static final class ULong extends XmlAdapter<String, java.lang.Long> {
        @Override
        public java.lang.Long unmarshal(String v) {
            return v == null ? null : Numbers.parseU64(v, 10);
        }

        @Override
        public String marshal(java.lang.Long v) {
            return v == null ? null : java.lang.Long.toUnsignedString(v);
        }
    }

    /** A PCI domain: any C base in, {@code 0x%04x} out. */
    public static final class Hex4 extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 0, false, 0, 0xffffffffL);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : pad("0x", Integer.toHexString(v), 4);
        }
    }

    /** A PCI bus or slot: any C base in, {@code 0x%02x} out. */
    public static final class Hex2 extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 0, false, 0, 0xffffffffL);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : pad("0x", Integer.toHexString(v), 2);
        }
    }

    /**
     * A PCI function: any C base in, {@code 0x%d} out. libvirt really prints the function in decimal after an
     * {@code 0x} prefix; it is at most 7, so the two agree.
     */
    public static final class PciFunction extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 0, false, 0, 0xffffffffL);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : "0x" + v;
        }
    }

    /** Hexadecimal in (an {@code 0x} prefix optional), {@code 0x%x} out: ISA iobase and irq, CCW ids. */
    public static final class Hex extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 16, false, 0, 0xffffffffL);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : "0x" + Integer.toHexString(v);
        }
    }

    /** Hexadecimal in, {@code 0x%04x} out: a CCW device number. */
    public static final class Hex16To4 extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 16, false, 0, 0xffffffffL);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : pad("0x", Integer.toHexString(v), 4);
        }
    }

    /** Any C base in, {@code 0x%.4x} out: a zPCI uid, a USB vendor or product id. */
    public static final class AnyTo4 extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 0, false, 0, 0xffffffffL);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : pad("0x", Integer.toHexString(v), 4);
        }
    }

    /** Any C base in, {@code 0x%.8x} out: a zPCI fid. */
    public static final class AnyTo8 extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 0, false, 0, 0xffffffffL);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : pad("0x", Integer.toHexString(v), 8);
        }
    }

    /** Unsigned 64-bit hexadecimal in, {@code 0x%llx} out: a DIMM base address. */
    public static final class HexLong extends XmlAdapter<String, java.lang.Long> {
        @Override
        public java.lang.Long unmarshal(String v) {
            return v == null ? null : Numbers.parseU64(v, 16);
        }

        @Override
        public String marshal(java.lang.Long v) {
            return v == null ? null : "0x" + java.lang.Long.toHexString(v);
        }
    }

    /** Unsigned 64-bit hexadecimal in, {@code 0x%08llx} out: a spapr-vio register. */
    public static final class HexLong8 extends XmlAdapter<String, java.lang.Long> {
        @Override
        public java.lang.Long unmarshal(String v) {
            return v == null ? null : Numbers.parseU64(v, 16);
        }

        @Override
        public String marshal(java.lang.Long v) {
            return v == null ? null : pad("0x", java.lang.Long.toHexString(v), 8);
        }
    }

    /** Any C base in, {@code 0x%x} out: a PCI controller's target port. */
    public static final class AnyToHex extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 0, false, 0, Integer.MAX_VALUE);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : "0x" + Integer.toHexString(v);
        }
    }

    /** Octal in, {@code %04o} out: a filesystem file or directory mode. */
    public static final class Octal4 extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            return v == null ? null : (int) Numbers.parse(v, 8, false, 0, 0xffffffffL);
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : pad("", Integer.toOctalString(v), 4);
        }
    }

    /**
     * A USB redirection filter class: {@code -1} (any) or a byte in any C base; printed {@code 0x%02X}. libvirt
     * does not print "any", so {@code -1} reads as absent.
     */
    public static final class UsbClass extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            if (v == null) {
                return null;
            }
            int i = (int) Numbers.parse(v, 0, true, -1, 0xff);
            return i < 0 ? null : i;
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : pad("0x", Integer.toHexString(v).toUpperCase(java.util.Locale.ROOT), 2);
        }
    }

    /**
     * A USB redirection filter vendor or product id: {@code -1} (any) or a number in any C base; printed
     * {@code 0x%04X}; {@code -1} reads as absent because libvirt does not print it.
     */
    public static final class UsbId extends XmlAdapter<String, Integer> {
        @Override
        public Integer unmarshal(String v) {
            if (v == null) {
                return null;
            }
            int i = (int) Numbers.parse(v, 0, true, -1, Integer.MAX_VALUE);
            return i < 0 ? null : i;
        }

        @Override
        public String marshal(Integer v) {
            return v == null ? null : pad("0x", Integer.toHexString(v).toUpperCase(java.util.Locale.ROOT), 4);
        }
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
