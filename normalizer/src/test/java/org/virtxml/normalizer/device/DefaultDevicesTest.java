package org.virtxml.normalizer.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.device.DeviceTestSupport.normalize;
import static org.virtxml.normalizer.device.DeviceTestSupport.refusal;

import org.junit.jupiter.api.Test;

class DefaultDevicesTest {

    @Test
    void aPcGetsPs2InputsABalloonAndSilentAudio() {
        String out = normalize("");
        assertTrue(out.contains("<input type='mouse' bus='ps2'/>\n    <input type='keyboard' bus='ps2'/>"), out);
        assertTrue(out.contains("<memballoon model='virtio'"), out);
        assertTrue(out.contains("<audio id='1' type='none'/>"), out);
    }

    @Test
    void userChoicesAreKept() {
        String out = normalize("<input type='mouse'/><memballoon model='none'/><audio id='1' type='alsa'/>");
        assertEquals(1, out.split("type='mouse'", -1).length - 1, out);
        assertTrue(out.contains("<memballoon model='none'/>"), out);
        assertFalse(out.contains("type='none'/>\n    <memballoon"), out);
    }

    @Test
    void sdlPassesHostAudioThroughOnlyWhenLibvirtdHasABackend() {
        // QEMU_AUDIO_DRV is unset for the corpus host's libvirtd, so nothing is added
        assertFalse(normalize("<graphics type='sdl'/>").contains("<audio"));
    }

    @Test
    void usbDisabledRefusesUsbInputsAndHubs() {
        assertEquals("unsupported configuration: Can't add USB input device. USB bus is disabled",
                refusal("<controller type='usb' model='none'/><input type='tablet'/>"));
        assertEquals("unsupported configuration: Can't add USB hub: USB is disabled for this domain",
                refusal("<controller type='usb' model='none'/><hub type='usb'/>"));
    }
}
