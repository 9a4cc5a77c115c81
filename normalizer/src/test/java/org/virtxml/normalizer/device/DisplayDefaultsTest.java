package org.virtxml.normalizer.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.device.DeviceTestSupport.normalize;
import static org.virtxml.normalizer.device.DeviceTestSupport.refusal;

import org.junit.jupiter.api.Test;

class DisplayDefaultsTest {

    @Test
    void vncGetsAnAutomaticPortAListenAndACirrusAdapter() {
        String out = normalize("<graphics type='vnc' listen='127.0.0.1' passwd='x'/>");
        assertTrue(out.contains("<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>\n"
                + "      <listen type='address' address='127.0.0.1'/>"), out);
        assertFalse(out.contains("passwd"), "passwords are not dumped: " + out);
        assertTrue(out.contains("<model type='cirrus' vram='16384' heads='1' primary='yes'/>"), out);
        assertTrue(out.contains("<audio id='1' type='none'/>"), out);
    }

    @Test
    void spiceWithoutPortsListensNowhereAndPlaysThroughSpice() {
        String out = normalize("<graphics type='spice'/><video><model type='qxl'/></video>");
        assertTrue(out.contains("<graphics type='spice'>\n      <listen type='none'/>"), out);
        assertTrue(out.contains("<audio id='1' type='spice'/>"), out);
        assertTrue(out.contains("<model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1'"
                + " primary='yes'/>"), out);
    }

    @Test
    void noVideoMeansNoneOfTheDefaults() {
        String out = normalize("<video><model type='none' vram='1'/></video>");
        assertTrue(out.contains("<video>\n      <model type='none'/>\n    </video>"), out);
    }

    @Test
    void refusals() {
        assertEquals("unsupported configuration: spice TLS port set in XML configuration, but TLS is disabled in "
                + "qemu.conf", refusal("<graphics type='spice' port='5900' tlsPort='5901' autoport='no'/>"));
        assertEquals("unsupported configuration: graphics type 'egl-headless' is only supported with one of: 'vnc',"
                + " 'spice' graphics types", refusal("<graphics type='sdl'/><graphics type='egl-headless'/>"));
        assertEquals("unsupported configuration: video type 'vga' is only valid as primary video device",
                refusal("<video><model type='qxl'/></video><video><model type='vga'/></video>"));
    }
}
