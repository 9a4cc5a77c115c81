package org.virtxml.normalizer.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.PlatformTestSupport.normalize;
import static org.virtxml.normalizer.PlatformTestSupport.normalized;
import static org.virtxml.normalizer.PlatformTestSupport.refusal;
import static org.virtxml.normalizer.PlatformTestSupport.x86;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerType;

class PciAddressesTest {
    private static final String DISK = "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
            + "<source file='/tmp/a.img'/><target dev='vda' bus='virtio'/></disk>";
    private static final String BALLOON = "<memballoon model='virtio'/>";

    private static String addr(DomainAddressPci p) {
        return String.format("%02x:%02x.%d", p.getBus(), p.getSlot(), p.getFunction());
    }

    private static List<String> pciControllers(Domain d) {
        List<String> out = new ArrayList<>();
        for (DomainController c : d.getDevices().getControllers()) {
            if (c.getType() == DomainControllerType.PCI) {
                out.add(c.getIndex() + ":" + c.getModel().xml());
            }
        }
        return out;
    }

    @Test
    void i440fxKeepsThePiix3AtSlotOneAndAssignsFromSlotTwo() {
        Domain d = normalize(x86("pc", DISK + BALLOON));
        DomainController usb = d.getDevices().getControllers().get(0);
        assertEquals("00:01.2", addr((DomainAddressPci) usb.getAddress()));
        // no video: the disk takes the first free slot, the balloon the next
        assertEquals("00:02.0", addr((DomainAddressPci) d.getDevices().getDisks().get(0).getAddress()));
        assertEquals("00:03.0", addr((DomainAddressPci) d.getDevices().getMemballoon().getAddress()));
    }

    @Test
    void theFirstVideoGetsSlotTwoOnI440fxAndSlotOneOnQ35() {
        String video = "<video><model type='vga' vram='16384' heads='1' primary='yes'/></video>";
        assertEquals("00:02.0", addr((DomainAddressPci) normalize(x86("pc", BALLOON + video))
                .getDevices().getVideos().get(0).getAddress()));
        assertEquals("00:01.0", addr((DomainAddressPci) normalize(x86("q35", BALLOON + video))
                .getDevices().getVideos().get(0).getAddress()));
    }

    @Test
    void q35AddsARootPortPerPcieDeviceAndOneSpare() {
        Domain d = normalize(x86("q35", DISK + BALLOON));
        // qemu-xhci, the disk and the balloon each get a root port, plus one for hotplug
        assertEquals(List.of("0:pcie-root", "1:pcie-root-port", "2:pcie-root-port", "3:pcie-root-port",
                "4:pcie-root-port"), pciControllers(d));
        String out = normalized(x86("q35", DISK + BALLOON));
        assertTrue(out.contains("<controller type='pci' index='1' model='pcie-root-port'>\n"
                + "      <model name='pcie-root-port'/>\n      <target chassis='1' port='0x8'/>\n"
                + "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'"
                + " multifunction='on'/>"), out);
        assertTrue(out.contains("<controller type='sata' index='0'>\n      <address type='pci' domain='0x0000'"
                + " bus='0x00' slot='0x1f' function='0x2'/>"), out);
        assertEquals("02:00.0", addr((DomainAddressPci) d.getDevices().getDisks().get(0).getAddress()));
    }

    @Test
    void aConventionalPciDeviceOnQ35GetsABridgeBehindARootPort() {
        Domain d = normalize(x86("q35", "<interface type='user'><mac address='52:54:00:11:22:33'/>"
                + "<model type='rtl8139'/></interface>"));
        // (verified with libvirt 9.0.0) root ports for the bridge, qemu-xhci, the implicit balloon and a spare
        assertEquals(List.of("0:pcie-root", "1:pcie-root-port", "2:pcie-to-pci-bridge", "3:pcie-root-port",
                "4:pcie-root-port", "5:pcie-root-port"), pciControllers(d));
        assertEquals("02:01.0", addr((DomainAddressPci) d.getDevices().getInterfaces().get(0).getAddress()));
    }

    @Test
    void aFullPciRootGetsAPciBridge() {
        StringBuilder nics = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            nics.append(String.format("<interface type='user'><mac address='52:54:00:00:00:%02x'/>"
                    + "<model type='e1000'/></interface>", i));
        }
        Domain d = normalize(x86("pc", nics.toString()));
        // slots 2-31 could hold 30 NICs, but one slot is kept for a bridge; the bridge the first pass adds is
        // addressed first (PCI controllers come first), the 30th NIC goes behind it
        assertEquals(List.of("0:pci-root", "1:pci-bridge"), pciControllers(d));
        assertEquals("00:02.0", addr((DomainAddressPci) d.getDevices().getControllers().get(2).getAddress()));
        assertEquals("00:03.0", addr((DomainAddressPci) d.getDevices().getInterfaces().get(0).getAddress()));
        assertEquals("01:01.0", addr((DomainAddressPci) d.getDevices().getInterfaces().get(29).getAddress()));
    }

    @Test
    void givenAddressesAreKeptAndFunctionZeroBecomesMultifunction() {
        Domain d = normalize(x86("pc", DISK.replace("</disk>", "<address type='pci' domain='0x0000' bus='0x00'"
                + " slot='0x05' function='0x1'/></disk>") + "<memballoon model='virtio'><address type='pci'"
                + " slot='5'/></memballoon>"));
        DomainAddressPci balloon = (DomainAddressPci) d.getDevices().getMemballoon().getAddress();
        assertEquals("00:05.0", addr(balloon));
        assertEquals(org.virtxml.model.OnOff.ON, balloon.getMultifunction());
    }

    @Test
    void pciRefusals() {
        assertEquals("XML error: Invalid PCI address bus='0x100', must be <= 0xFF", refusal(x86("pc",
                BALLOON.replace("/>", "><address type='pci' bus='0x100' slot='1'/></memballoon>"))));
        assertEquals("XML error: Attempted double use of PCI Address 0000:00:05.0", refusal(x86("pc",
                DISK.replace("</disk>", "<address type='pci' slot='5'/></disk>")
                        + BALLOON.replace("/>", "><address type='pci' slot='5'/></memballoon>"))));
        assertEquals("XML error: The device at PCI address 0000:01:00.0 cannot be plugged into the PCI controller"
                + " with index='1'. It requires a controller that accepts a dmi-to-pci-bridge.", refusal(x86("q35",
                "<controller type='pci' index='1' model='dmi-to-pci-bridge'><address type='pci' bus='1' slot='0'/>"
                        + "</controller><controller type='pci' index='2' model='pcie-root-port'/>")));
    }
}
