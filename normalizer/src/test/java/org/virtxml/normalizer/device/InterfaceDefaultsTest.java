package org.virtxml.normalizer.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.device.DeviceTestSupport.normalize;
import static org.virtxml.normalizer.device.DeviceTestSupport.refusal;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InterfaceDefaultsTest {

    @Test
    void generatedMacsHaveQemusPrefixAndAreUnique() {
        StringBuilder nics = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            nics.append("<interface type='user'/>");
        }
        String out = normalize(nics.toString());
        Matcher m = Pattern.compile("<mac address='([^']*)'/>").matcher(out);
        Set<String> macs = new HashSet<>();
        while (m.find()) {
            assertTrue(m.group(1).matches("52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}"), m.group(1));
            macs.add(m.group(1));
        }
        assertEquals(40, macs.size());
    }

    @Test
    void defaultModelIsTheFirstNicQemuHas() {
        assertTrue(normalize("<interface type='user'/>").contains("<model type='rtl8139'/>"));
        assertTrue(normalize("<interface type='vdpa'><source dev='/dev/vhost-vdpa-0'/></interface>")
                .contains("<model type='virtio'/>"));
    }

    @Test
    void onlyVirtioNicsKeepDriverTuningAndGeneratedTapNamesAreDropped() {
        String out = normalize("<interface type='bridge'><source bridge='br0'/><target dev='vnet3'/>"
                + "<model type='e1000'/><driver name='vhost' queues='2'/></interface>"
                + "<interface type='ethernet'><target dev='mytap'/><model type='virtio'/>"
                + "<driver name='vhost' queues='1'/></interface>");
        assertFalse(out.contains("vnet3"), out);
        assertFalse(out.contains("queues="), out);
        assertTrue(out.contains("<target dev='mytap'/>"), out);
        assertTrue(out.contains("<model type='virtio'/>\n      <driver name='vhost'/>"), out);
    }

    @Test
    void openVswitchPortsGetAnInterfaceId() {
        String out = normalize("<interface type='bridge'><source bridge='ovsbr'/>"
                + "<virtualport type='openvswitch'/></interface>");
        assertTrue(out.matches("(?s).*<virtualport type='openvswitch'>\\s*<parameters interfaceid='[0-9a-f-]{36}'/>.*"),
                out);
    }

    @Test
    void refusals() {
        assertEquals("unsupported configuration: coalesce settings on interface type user are not supported",
                refusal("<interface type='user'><model type='virtio'/><coalesce><rx><frames max='7'/></rx>"
                        + "</coalesce></interface>"));
        assertEquals("XML error: Invalid value for attribute 'type' in element 'backend': 'passt'.",
                refusal("<interface type='user'><backend type='passt'/></interface>"));
    }
}
