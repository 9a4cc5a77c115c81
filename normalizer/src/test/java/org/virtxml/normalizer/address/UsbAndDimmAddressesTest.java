package org.virtxml.normalizer.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.virtxml.normalizer.PlatformTestSupport.domain;
import static org.virtxml.normalizer.PlatformTestSupport.normalize;
import static org.virtxml.normalizer.PlatformTestSupport.refusal;
import static org.virtxml.normalizer.PlatformTestSupport.x86;

import org.junit.jupiter.api.Test;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainDevice;

class UsbAndDimmAddressesTest {
    private static final String TABLET = "<input type='tablet' bus='usb'/>";

    private static String port(DomainDevice d) {
        DomainAddressUsb u = (DomainAddressUsb) d.getAddress();
        return u.getBus() + ":" + u.getPort();
    }

    @Test
    void usbDevicesTakeTheFirstFreePortAndAHubWhenPortsRunOut() {
        // piix3-uhci has two ports; the third device needs a hub, which takes port 2 and gives 1 to its devices
        Domain d = normalize(x86("pc", TABLET + TABLET.replace("tablet", "mouse") + TABLET.replace("tablet",
                "keyboard")));
        assertEquals(1, d.getDevices().getHubs().size());
        assertEquals("0:1", port(d.getDevices().getHubs().get(0)));
        assertEquals("0:2", port(d.getDevices().getInputs().get(0)));
        assertEquals("0:1.1", port(d.getDevices().getInputs().get(1)));
        assertEquals("0:1.2", port(d.getDevices().getInputs().get(2)));
    }

    @Test
    void givenPortsAreReserved() {
        Domain d = normalize(x86("pc", TABLET.replace("/>", "><address type='usb' bus='0' port='1'/></input>")
                + TABLET.replace("tablet", "mouse")));
        assertEquals("0:1", port(d.getDevices().getInputs().get(0)));
        assertEquals("0:2", port(d.getDevices().getInputs().get(1)));
    }

    @Test
    void usbRefusals() {
        assertEquals("XML error: Duplicate USB address bus 0 port 1", refusal(x86("pc",
                TABLET.replace("/>", "><address type='usb' bus='0' port='1'/></input>")
                        + TABLET.replace("tablet", "mouse").replace("/>",
                        "><address type='usb' bus='0' port='1'/></input>"))));
        assertEquals("XML error: there is no hub at port 1 in USB address bus: 0 port: 1.2", refusal(x86("pc",
                TABLET.replace("/>", "><address type='usb' bus='0' port='1.2'/></input>"))));
        assertEquals("internal error: Cannot parse <address> 'port' attribute", refusal(x86("pc",
                TABLET.replace("/>", "><address type='usb' bus='0' port='1.x'/></input>"))));
    }

    @Test
    void dimmsGetTheLowestFreeSlot() {
        String dimm = "<memory model='dimm'><target><size unit='MiB'>128</size><node>0</node></target></memory>";
        Domain d = normalize(domain("kvm", "<type arch='x86_64' machine='pc'>hvm</type>",
                "<maxMemory slots='4' unit='GiB'>4</maxMemory><cpu><numa><cell id='0' cpus='0' memory='1'"
                        + " unit='GiB'/></numa></cpu>", dimm.replace("</memory>",
                        "<address type='dimm' slot='0'/></memory>") + dimm));
        assertEquals(1, ((DomainAddressDimm) d.getDevices().getMemories().get(1).getAddress()).getSlot());
    }
}
