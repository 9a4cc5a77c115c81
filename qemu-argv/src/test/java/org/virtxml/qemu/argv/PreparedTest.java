package org.virtxml.qemu.argv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Facts libvirt derives before building: short names in paths, disk indexes in aliases. */
class PreparedTest {

    @Test
    void shortNameKeepsTwentyCharacters() {
        assertEquals("QEMUGuest1", Prepared.shortName("QEMUGuest1"));
        assertEquals("abcdefghijklmnopqrst", Prepared.shortName("abcdefghijklmnopqrstuvwxyz"));
        assertEquals("ééééééééééééééééééé€", Prepared.shortName("ééééééééééééééééééé€xyz"));
    }

    @Test
    void diskNamesMapToIndexesAsLibvirtCountsThem() {
        assertEquals(0, DeviceAliases.diskNameToIndex("vda"));
        assertEquals(1, DeviceAliases.diskNameToIndex("sdb"));
        assertEquals(25, DeviceAliases.diskNameToIndex("hdz"));
        assertEquals(26, DeviceAliases.diskNameToIndex("hdaa"));
        assertEquals(2, DeviceAliases.diskNameToIndex("xvdc3"));
        assertEquals(-1, DeviceAliases.diskNameToIndex("nvme0"));
        assertEquals(-1, DeviceAliases.diskNameToIndex("vdb1x"));
    }
}
