package org.virtxml.normalizer.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.device.DeviceTestSupport.domain;
import static org.virtxml.normalizer.device.DeviceTestSupport.normalize;
import static org.virtxml.normalizer.device.DeviceTestSupport.refusal;
import static org.virtxml.normalizer.device.DeviceTestSupport.refusalXml;

import org.junit.jupiter.api.Test;

class HostdevAndOtherDevicesTest {
    private static final String SCSI = "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/>"
            + "<address bus='0' target='0' unit='%d'/></source></hostdev>";

    @Test
    void scsiHostDevicesTakeFreeUnitsAndManagedIsSpelledOut() {
        String out = normalize("<disk type='file'><source file='/a'/><target dev='sda'/></disk>"
                + String.format(SCSI, 1) + String.format(SCSI, 2));
        assertTrue(out.contains("<hostdev mode='subsystem' type='scsi' managed='no'>"), out);
        // sda holds unit 0, so the host devices get units 1 and 2
        assertTrue(out.contains("unit='1'/>\n      </source>\n      <address type='drive' controller='0' bus='0'"
                + " target='0' unit='1'/>"), out);
        assertTrue(out.contains("<address type='drive' controller='0' bus='0' target='0' unit='2'/>"), out);
    }

    @Test
    void smallDevicesGetTheirDefaults() {
        String out = normalize("<tpm><backend type='emulator'/></tpm><panic/><vsock/>"
                + "<rng model='virtio'><backend model='random'/></rng><watchdog model='ib700'/>"
                + "<filesystem><source dir='/s'/><target dir='t'/></filesystem>");
        assertTrue(out.contains("<tpm model='tpm-tis'>\n      <backend type='emulator' version='1.2'/>"), out);
        assertTrue(out.contains("<panic model='isa'/>"), out);
        assertTrue(out.contains("<cid auto='yes'/>"), out);
        assertTrue(out.contains("<backend model='random'>/dev/random</backend>"), out);
        assertTrue(out.contains("<watchdog model='ib700' action='reset'/>"), out);
        assertTrue(out.contains("<filesystem type='mount' accessmode='passthrough'>"), out);
    }

    @Test
    void refusals() {
        assertEquals("XML error: Hostdev already exists in the domain configuration",
                refusal(String.format(SCSI, 1) + String.format(SCSI, 1)));
        assertEquals("unsupported configuration: ivshmem device is not supported with this QEMU binary",
                refusal("<shmem name='s'/>"));
        assertEquals("unsupported configuration: IOMMU device: 'intel' is only supported with Q35 machines",
                refusal("<iommu model='intel'/>"));
        assertEquals("unsupported configuration: IOMMU device: 'virtio' requires ACPI",
                refusalXml(domain("q35", "", "<iommu model='virtio'/>")));
        assertEquals("unsupported configuration: 'virtiofs' requires shared memory",
                refusal("<filesystem><driver type='virtiofs'/><source dir='/s'/><target dir='t'/></filesystem>"));
    }
}
