package org.virtxml.normalizer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.PlatformTestSupport.domain;
import static org.virtxml.normalizer.PlatformTestSupport.normalize;
import static org.virtxml.normalizer.PlatformTestSupport.refusal;

import org.junit.jupiter.api.Test;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;

class MachineAndEmulatorTest {

    @Test
    void aliasesBecomeTheVersionedMachine() {
        assertEquals("pc-i440fx-7.2", normalize(domain("kvm", "<type arch='x86_64' machine='pc'>hvm</type>", "", ""))
                .getOs().getType().getMachine());
        assertEquals("pc-q35-7.2", normalize(domain("kvm", "<type arch='x86_64' machine='q35'>hvm</type>", "", ""))
                .getOs().getType().getMachine());
    }

    @Test
    void aDomainWithoutMachineGetsThePreferredOne() {
        Domain d = normalize(domain("qemu", "<type>hvm</type>", "", ""));
        assertEquals("x86_64", d.getOs().getType().getArch());
        assertEquals("pc-i440fx-7.2", d.getOs().getType().getMachine());
    }

    @Test
    void anI686GuestWithoutEmulatorUsesTheI386Binary() {
        String xml = "<domain type='qemu'><name>t</name><memory>1024</memory><os><type arch='i686'>hvm</type></os>"
                + "</domain>";
        Domain d = new org.virtxml.normalizer.Normalizer().normalize(DomainXml.parse(xml));
        assertEquals("/usr/bin/qemu-system-i386", d.getDevices().getEmulator());
        // the i386 binary's PC machines default to the 32-bit CPU model
        assertEquals("qemu32", d.getCpu().getModel().getValue());
    }

    @Test
    void anI686GuestOfTheX8664BinaryGetsThatBinarysDefaultCpu() {
        Domain d = normalize(domain("qemu", "<type arch='i686' machine='pc'>hvm</type>", "", ""));
        assertEquals("qemu64", d.getCpu().getModel().getValue());
    }

    @Test
    void emulatorAndPlatformRefusals() {
        assertEquals("Cannot check QEMU binary /usr/bin/qemu-system-ppc64: No such file or directory",
                refusal(domain("kvm", "<type arch='x86_64' machine='pc'>hvm</type>", "", "")
                        .replace("qemu-system-x86_64", "qemu-system-ppc64")));
        assertEquals("unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support arch 'alpha'",
                refusal(domain("qemu", "<type arch='alpha' machine='pc'>hvm</type>", "", "")));
        assertEquals("unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support virt type"
                + " 'hvf'", refusal(domain("hvf", "<type arch='x86_64' machine='q35'>hvm</type>", "", "")));
        assertEquals("unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support machine type"
                + " 'pc-i440fx-99.0'", refusal(domain("kvm", "<type arch='x86_64' machine='pc-i440fx-99.0'>hvm</type>",
                "", "")));
        assertEquals("unsupported configuration: bootloader is not supported by QEMU",
                refusal(domain("kvm", "<type arch='x86_64' machine='pc'>hvm</type>", "<bootloader>/bin/x</bootloader>",
                        "")));
    }

    @Test
    void lifecycleClockAndBootDefaultsArePrinted() {
        String out = org.virtxml.normalizer.PlatformTestSupport.normalized(
                domain("kvm", "<type arch='x86_64' machine='pc'>hvm</type>", "", ""));
        assertTrue(out.contains("<boot dev='hd'/>"), out);
        assertTrue(out.contains("<clock offset='utc'/>"), out);
        assertTrue(out.contains("<on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n"
                + "  <on_crash>destroy</on_crash>"), out);
        assertTrue(out.contains("<currentMemory unit='KiB'>1048576</currentMemory>"), out);
        assertTrue(out.contains("<vcpu placement='static'>1</vcpu>"), out);
    }

    @Test
    void aDomainWithoutUuidGetsOneAndTheSmbiosUuidWins() {
        String xml = "<domain type='kvm'><name>t</name><memory>1024</memory><sysinfo type='smbios'><system>"
                + "<entry name='uuid'>C7A5FDBD-EDAF-9455-926A-D65C16DB1809</entry></system></sysinfo>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>";
        assertEquals("c7a5fdbd-edaf-9455-926a-d65c16db1809", normalize(xml).getUuid());
        String none = "<domain type='kvm'><name>t</name><memory>1024</memory>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>";
        assertTrue(normalize(none).getUuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }
}
