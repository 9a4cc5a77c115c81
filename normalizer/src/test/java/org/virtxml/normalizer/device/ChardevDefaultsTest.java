package org.virtxml.normalizer.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.device.DeviceTestSupport.normalize;
import static org.virtxml.normalizer.device.DeviceTestSupport.refusal;

import org.junit.jupiter.api.Test;

class ChardevDefaultsTest {

    @Test
    void serialPortsAreIsaWithPortsAndTheFirstHasAConsoleAlias() {
        String out = normalize("<serial type='pty'><target port='2'/></serial><serial type='file'>"
                + "<source path='/tmp/s'/></serial>");
        assertTrue(out.contains("<serial type='pty'>\n      <target type='isa-serial' port='2'>\n"
                + "        <model name='isa-serial'/>"), out);
        // ports are numbered after the highest one used
        assertTrue(out.contains("<source path='/tmp/s'/>\n      <target type='isa-serial' port='3'>"), out);
        assertTrue(out.contains("<console type='pty'>\n      <target type='serial' port='2'/>\n    </console>"), out);
    }

    @Test
    void aConsoleAloneBecomesTheFirstSerialPort() {
        String out = normalize("<console type='file'><source path='/tmp/c'/></console>");
        assertTrue(out.contains("<serial type='file'>\n      <source path='/tmp/c'/>\n"
                + "      <target type='isa-serial' port='0'>"), out);
        assertTrue(out.contains("<console type='file'>\n      <source path='/tmp/c'/>\n"
                + "      <target type='serial' port='0'/>"), out);
    }

    @Test
    void isaSerialPortsFillTheGapsOfNumberedOnes() {
        String out = normalize("<serial type='pty'><target type='isa-serial'/></serial>"
                + "<serial type='pty'><target type='isa-serial' port='0'/></serial>");
        assertTrue(out.indexOf("port='1'") < out.indexOf("port='0'"), out);
    }

    @Test
    void virtioChannelsGetPortsOnAnAddedController() {
        String out = normalize("<channel type='pty'><target type='virtio' name='a'/></channel>"
                + "<channel type='pty'><target type='virtio' name='b'/>"
                + "<address type='virtio-serial' controller='0' bus='0' port='1'/></channel>"
                + "<console type='pty'><target type='virtio'/></console>");
        assertTrue(out.contains("<controller type='virtio-serial' index='0'"), out);
        // port 0 goes to the console (not written), port 1 was taken: the first channel gets 2
        assertTrue(out.contains("<target type='virtio' name='a'/>\n      <address type='virtio-serial' controller='0'"
                + " bus='0' port='2'/>"), out);
        assertTrue(out.contains("<console type='pty'>\n      <target type='virtio' port='0'/>\n    </console>"), out);
    }

    @Test
    void hostSidesAreWrittenAsLibvirtKeepsThem() {
        String out = normalize("<serial type='tcp'><source host='h' service='1'/></serial>"
                + "<channel type='unix'><source mode='bind' path='/var/lib/libvirt/qemu/channel/target/t.org.a'/>"
                + "<target type='virtio' name='org.a'/></channel>"
                + "<parallel type='pty'><source path='/dev/pts/3'/></parallel>");
        assertTrue(out.contains("<source mode='connect' host='h' service='1'/>\n      <protocol type='raw'/>"), out);
        // a socket path libvirt generated itself is forgotten (it makes a new one)
        assertFalse(out.contains("t.org.a"), out);
        assertFalse(out.contains("/dev/pts/3"), out);
    }

    @Test
    void refusals() {
        assertEquals("invalid argument: chardev reconnect source timeout cannot be '0'",
                refusal("<serial type='tcp'><source host='h' service='1'><reconnect enabled='yes' timeout='0'/>"
                        + "</source></serial>"));
        assertEquals("internal error: Missing source path attribute for char device",
                refusal("<serial type='file'/>"));
        assertEquals("unsupported configuration: Serial device with target type 'system-serial' and target model "
                + "'pl011' not compatible with guest architecture or machine type",
                refusal("<serial type='pty'><target type='system-serial'><model name='pl011'/></target></serial>"));
    }
}
