package org.virtxml.normalizer.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.device.DeviceTestSupport.normalize;
import static org.virtxml.normalizer.device.DeviceTestSupport.refusal;

import org.junit.jupiter.api.Test;

class DiskDefaultsTest {

    @Test
    void busComesFromTheTargetNameAndControllerBusesGetDriveAddresses() {
        String out = normalize("<disk type='file'><source file='/a'/><target dev='hdd'/></disk>"
                + "<disk type='file'><source file='/b'/><target dev='sdj'/></disk>"
                + "<disk type='file'><source file='/c'/><target dev='vdb'/></disk>"
                + "<disk type='file' device='floppy'><source file='/d'/><target dev='fdb'/></disk>"
                + "<disk type='file'><source file='/e'/><target dev='sdh' bus='sata'/></disk>");
        // hdd: index 3 -> controller 0, bus 1, unit 1
        assertTrue(out.contains("<target dev='hdd' bus='ide'/>\n      <address type='drive' controller='0' bus='1'"
                + " target='0' unit='1'/>"), out);
        // sdj: index 9 on a narrow SCSI bus of 7 units -> controller 1, unit 2
        assertTrue(out.contains("<target dev='sdj' bus='scsi'/>\n      <address type='drive' controller='1' bus='0'"
                + " target='0' unit='2'/>"), out);
        // virtio is not controller based: no drive address (it gets a PCI one)
        String vdb = out.substring(out.indexOf("<target dev='vdb'"), out.indexOf("</disk>", out.indexOf("dev='vdb'")));
        assertTrue(vdb.contains("bus='virtio'") && !vdb.contains("type='drive'"), out);
        assertTrue(out.contains("<target dev='fdb' bus='fdc'/>\n      <address type='drive' controller='0' bus='0'"
                + " target='0' unit='1'/>"), out);
        // sdh on SATA: index 7, six units per controller -> controller 1, unit 1
        assertTrue(out.contains("<target dev='sdh' bus='sata'/>\n      <address type='drive' controller='1' bus='0'"
                + " target='0' unit='1'/>"), out);
    }

    @Test
    void qemuDriverAndRawFormatAreTheDefaults() {
        String out = normalize("<disk type='file'><source file='/a'/><target dev='vda'/></disk>"
                + "<disk type='file'><driver type='qcow2'/><source file='/b'/><target dev='vdb'/></disk>");
        assertTrue(out.contains("<driver name='qemu' type='raw'/>\n      <source file='/a'/>"), out);
        assertTrue(out.contains("<driver name='qemu' type='qcow2'/>\n      <source file='/b'/>"), out);
    }

    @Test
    void cdromsAreReadOnlyAndAnEmptySourceIsNoMedium() {
        String out = normalize("<disk type='file' device='cdrom'><source file=''/><target dev='hdc'/></disk>");
        assertTrue(out.contains("<disk type='file' device='cdrom'>\n      <driver name='qemu' type='raw'/>\n"
                + "      <target dev='hdc' bus='ide'/>\n      <readonly/>"), out);
        assertFalse(out.contains("snapshot="), "implied by read-only media: " + out);
    }

    @Test
    void disksOnOneBusAreOrderedByTargetIndex() {
        // no bus written is one bus for the parser, so hda (index 0) goes before vdb (index 1), vda after hda
        String out = normalize("<disk type='file'><source file='/b'/><target dev='vdb'/></disk>"
                + "<disk type='file'><source file='/x'/><target dev='hda'/></disk>"
                + "<disk type='file'><source file='/a'/><target dev='vda'/></disk>");
        assertTrue(out.indexOf("/x'") < out.indexOf("/a'") && out.indexOf("/a'") < out.indexOf("/b'"), out);
    }

    @Test
    void networkHostsGetTheProtocolPortAndIscsiTheFirstLun() {
        String out = normalize("<disk type='network'><source protocol='nbd'><host name='h'/></source>"
                + "<target dev='vda'/></disk><disk type='network'><source protocol='iscsi' name='iqn.x'>"
                + "<host name='i' transport='tcp'/></source><target dev='vdb'/></disk>");
        assertTrue(out.contains("<host name='h' port='10809'/>"), out);
        assertTrue(out.contains("name='iqn.x/0'"), out);
        assertTrue(out.contains("<host name='i' port='3260'/>"), out);
    }

    @Test
    void nameToIndexFollowsLibvirt() {
        assertEquals(0, Disks.nameToIndex("sda"));
        assertEquals(25, Disks.nameToIndex("hdz"));
        assertEquals(26, Disks.nameToIndex("vdaa"));
        assertEquals(1, Disks.nameToIndex("xvdb3"));
        assertEquals(-1, Disks.nameToIndex("sd1"));
        assertEquals(-1, Disks.nameToIndex("foo"));
    }

    @Test
    void refusals() {
        assertEquals("XML error: target 'sda' duplicated for disk sources '/a' and '/b'",
                refusal("<disk type='file'><source file='/a'/><target dev='sda'/></disk>"
                        + "<disk type='file'><source file='/b'/><target dev='sda' bus='usb'/></disk>"));
        assertEquals("unsupported configuration: storage format 'iso' is not directly supported by QEMU, use 'raw'"
                + " instead", refusal("<disk type='file'><driver name='qemu' type='iso'/><source file='/a'/>"
                        + "<target dev='vda'/></disk>"));
        assertEquals("unsupported configuration: Invalid address type 'pci' for the disk 'hda' with the bus type "
                + "'ide'", refusal("<disk type='file'><source file='/a'/><target dev='hda'/>"
                        + "<address type='pci' domain='0' bus='0' slot='5' function='0'/></disk>"));
        assertEquals("missing target information for device /a",
                refusal("<disk type='file'><source file='/a'/></disk>"));
        assertEquals("unsupported configuration: Only scsi disk supports vendor and product",
                refusal("<disk type='file'><source file='/a'/><target dev='vda'/><vendor>v</vendor></disk>"));
        assertEquals("XML error: Unknown disk name 'foo' and no address specified",
                refusal("<disk type='file' device='cdrom'><source file='/a'/><target dev='foo'/></disk>"));
    }
}
