package org.virtxml.model.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The value spellings libvirt reads and prints: numbers in C bases, sizes, sets, UUIDs, MACs, USB ids. */
class ValueSpellingTest {

    @Test
    void readsNumbersInTheBasesCDoes() {
        assertEquals(18, Numbers.parse("18", 0, false, 0, 100));
        assertEquals(18, Numbers.parse("0x12", 0, false, 0, 100));
        assertEquals(10, Numbers.parse("012", 0, false, 0, 100));
        assertEquals(0x3f8, Numbers.parse("3f8", 16, false, 0, 0xffff));
        assertEquals(0x3f8, Numbers.parse("0x3F8", 16, false, 0, 0xffff));
        assertEquals(-1, Numbers.parse("-1", 10, true, -1, 10));
        assertThrows(InvalidValueException.class, () -> Numbers.parse("-1", 10, false, 0, 10));
        assertThrows(InvalidValueException.class, () -> Numbers.parse("1 ", 10, false, 0, 10));
        assertThrows(InvalidValueException.class, () -> Numbers.parse("", 10, false, 0, 10));
        assertThrows(InvalidValueException.class, () -> Numbers.parse("11", 10, false, 0, 10));
        assertEquals(-1L, Numbers.parseU64("18446744073709551615", 10));
    }

    @Test
    void printsPciAndIsaNumbersAsLibvirtDoes() throws Exception {
        assertEquals("0x0000", new NumberAdapters.Hex4().marshal(0));
        assertEquals("0x1f", new NumberAdapters.Hex2().marshal(31));
        assertEquals("0x7", new NumberAdapters.PciFunction().marshal(7));
        assertEquals("0x3f8", new NumberAdapters.Hex().marshal(0x3f8));
        assertEquals("0x00002000", new NumberAdapters.HexLong8().marshal(0x2000L));
        assertEquals("0644", new NumberAdapters.Octal4().marshal(0644));
    }

    @Test
    void scalesSizesAsVirScaleIntegerDoes() {
        assertEquals(1024, Scaling.multiplier("KiB", 1));
        assertEquals(1024, Scaling.multiplier("k", 1));
        assertEquals(1000, Scaling.multiplier("KB", 1));
        assertEquals(1L << 30, Scaling.multiplier("G", 1));
        assertEquals(1, Scaling.multiplier("bytes", 1024));
        assertEquals(1024, Scaling.multiplier(null, 1024));
        assertThrows(InvalidValueException.class, () -> Scaling.multiplier("KiBs", 1));
        assertThrows(InvalidValueException.class, () -> Scaling.multiplier("x", 1));
        assertEquals(524288, Scaling.toKiB(512, "MiB"));
        assertEquals(1, Scaling.toKiB(1, "b"), "rounded up to whole KiB");
        assertEquals("MiB", Scaling.prettyUnit(48L << 20));
        assertEquals(48, Scaling.prettyValue(48L << 20));
        assertEquals("B", Scaling.prettyUnit(1000));
    }

    @Test
    void canonicalisesSetsUuidsAndMacs() throws Exception {
        CpuSetAdapter sets = new CpuSetAdapter();
        assertEquals("1-2,5,7", sets.unmarshal("1-2,5-7,^6"));
        assertEquals("0-3", sets.unmarshal(" 3 , 0 - 2 "));
        assertEquals("0,^0", sets.unmarshal("0,^0"), "an empty set is kept as written");
        assertThrows(InvalidValueException.class, () -> sets.unmarshal("2-1"));
        assertThrows(InvalidValueException.class, () -> sets.unmarshal("^1-3"));
        assertEquals("c7a5fdbd-edaf-9455-926a-d65c16db1809",
                UuidAdapter.canonical(" C7A5FDBD EDAF 9455-926A-D65C16DB1809 "));
        assertThrows(InvalidValueException.class, () -> UuidAdapter.canonical("c7a5fdbd"));
        assertEquals("52:54:00:0a:bc:01", new MacAdapter().unmarshal("52:54:0:A:bc:1"));
        assertThrows(InvalidValueException.class, () -> new MacAdapter().unmarshal("52:54:00:0a:bc"));
    }

    @Test
    void readsUsbFilterValuesWithAnyAsAbsent() throws Exception {
        assertNull(new NumberAdapters.UsbClass().unmarshal("-1"));
        assertEquals("0x08", new NumberAdapters.UsbClass().marshal(new NumberAdapters.UsbClass().unmarshal("8")));
        assertEquals("0x15E1", new NumberAdapters.UsbId().marshal(new NumberAdapters.UsbId().unmarshal("0x15e1")));
        NumberAdapters.UsbVersion v = new NumberAdapters.UsbVersion();
        assertEquals("1.10", v.marshal(v.unmarshal("1.1")));
        assertEquals("2.05", v.marshal(v.unmarshal("2.05")));
        assertThrows(InvalidValueException.class, () -> v.unmarshal("100.0"));
    }

    @Test
    void canonicalisesIpAddressesAsGlibcDoes() {
        // the first two are what libvirt 9.0.0 printed for these inputs
        assertEquals("2001:db8::1", IpAddressAdapter.canonical("2001:DB8:0:0::1"));
        assertEquals("8.1.2.3", IpAddressAdapter.canonical("010.1.2.3"));
        assertEquals("10.0.0.1", IpAddressAdapter.canonical("10.1"));
        assertEquals("::", IpAddressAdapter.canonical("0:0:0:0:0:0:0:0"));
        assertEquals("::1", IpAddressAdapter.canonical("0:0:0:0:0:0:0:1"));
        assertEquals("::ffff:1.2.3.4", IpAddressAdapter.canonical("::FFFF:0102:0304"));
        assertEquals("1:0:2::", IpAddressAdapter.canonical("1:0:2:0:0:0:0:0"));
        assertEquals("1:0:0:2::3", IpAddressAdapter.canonical("1:0:0:2:0:0:0:3"));
        assertEquals("1::2:0:0:3:4", IpAddressAdapter.canonical("1:0:0:2:0:0:3:4"), "first of equal runs");
        assertEquals("ffff:1234:567:abc::f", IpAddressAdapter.canonical("ffff:1234:567:abc::0f"));
        assertThrows(InvalidValueException.class, () -> IpAddressAdapter.canonical("1.2.3.256"));
        assertThrows(InvalidValueException.class, () -> IpAddressAdapter.canonical("1::2::3"));
        assertThrows(InvalidValueException.class, () -> IpAddressAdapter.canonical("host.example"));
    }
}
