package org.virtxml.normalizer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.virtxml.normalizer.PlatformTestSupport.domain;
import static org.virtxml.normalizer.PlatformTestSupport.refusal;
import static org.virtxml.normalizer.PlatformTestSupport.x86;

import org.junit.jupiter.api.Test;

class PlatformChecksTest {
    private static final String PC = "<type arch='x86_64' machine='pc'>hvm</type>";

    @Test
    void topologyMustMatchTheVcpuCount() {
        assertEquals("unsupported configuration: CPU topology doesn't match maximum vcpu count", refusal(domain("kvm",
                PC, "<vcpu>4</vcpu><cpu><topology sockets='1' cores='2' threads='1'/></cpu>", "")));
    }

    @Test
    void platformFeaturesOfOtherMachinesAreRefused() {
        assertEquals("unsupported configuration: The 'hpt' feature is not supported for architecture 'x86_64' or"
                + " machine type 'pc-i440fx-7.2'", refusal(domain("kvm", PC,
                "<features><hpt resizing='required'/></features>", "")));
        assertEquals("unsupported configuration: SMM TSEG is only supported with q35 machine type", refusal(domain(
                "kvm", PC, "<features><smm state='on'><tseg unit='MiB'>48</tseg></smm></features>", "")));
    }

    @Test
    void hugePagesMustNameExistingNodesAndOneDefault() {
        assertEquals("two master hugepages detected: 2048 and 1048576", refusal(domain("kvm", PC,
                "<memoryBacking><hugepages><page size='1' unit='GiB'/><page size='2' unit='MiB'/></hugepages>"
                        + "</memoryBacking>", "")));
        assertEquals("hugepages: node 1 not found", refusal(domain("kvm", PC,
                "<memoryBacking><hugepages><page size='2' unit='MiB' nodeset='1'/></hugepages></memoryBacking>"
                        + "<cpu><numa><cell id='0' cpus='0' memory='1' unit='GiB'/></numa></cpu>", "")));
    }

    @Test
    void firmwareAndLoaderRules() {
        assertEquals("Only EFI firmware permits NVRAM", refusal(domain("kvm", PC + "<loader stateless='no'/>", "", "")
                .replace("<os>", "<os firmware='bios'>")));
        assertEquals("NVRAM is not permitted when loader is stateless", refusal(domain("kvm", PC
                + "<loader readonly='yes' type='pflash' stateless='yes'>/usr/share/OVMF/OVMF_CODE.fd</loader>"
                + "<nvram>/var/lib/libvirt/qemu/nvram/t_VARS.fd</nvram>", "<features><acpi/></features>", "")));
    }

    @Test
    void launchSecurityAndIommuNeedTheirMachineAndEmulator() {
        assertEquals("unsupported configuration: SEV launch security is not supported with this QEMU binary",
                refusal(domain("kvm", PC, "", "").replace("</devices>", "</devices><launchSecurity type='sev'>"
                        + "<cbitpos>47</cbitpos><reducedPhysBits>1</reducedPhysBits><policy>0x0001</policy>"
                        + "</launchSecurity>")));
        assertEquals("unsupported configuration: IOMMU device: 'intel' is only supported with Q35 machines",
                refusal(x86("pc", "<iommu model='intel'/>")));
        assertEquals("unsupported configuration: IOMMU device: 'virtio' requires ACPI",
                refusal(x86("q35", "<iommu model='virtio'/>")));
    }

    @Test
    void controllerRules() {
        assertEquals("XML error: The PCI controller with index='0' must be model='pcie-root' for this machine type,"
                + " but model='pci-root' was found instead", refusal(x86("q35",
                "<controller type='pci' index='0' model='pci-root'/>")));
        assertEquals("unsupported configuration: pci-root and pcie-root controllers should not have an address",
                refusal(x86("pc", "<controller type='pci' index='0' model='pci-root'>"
                        + "<address type='pci' domain='0' bus='0' slot='3' function='0'/></controller>")));
        assertEquals("XML error: Multiple 'pci' controllers with index '1'", refusal(x86("pc",
                "<controller type='pci' index='1' model='pci-bridge'/><controller type='pci' index='1'"
                        + " model='pci-bridge'/>")));
        assertEquals("unsupported configuration: 'qemu-xhci' controller only supports up to '15' ports",
                refusal(x86("q35", "<controller type='usb' index='0' model='qemu-xhci' ports='16'/>")));
        assertEquals("Can't add another USB controller: USB is disabled for this domain", refusal(x86("pc",
                "<controller type='usb' index='0' model='none'/><controller type='usb' index='1'"
                        + " model='piix3-uhci'/>")));
    }
}
