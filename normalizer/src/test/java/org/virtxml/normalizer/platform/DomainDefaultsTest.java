package org.virtxml.normalizer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.PlatformTestSupport.domain;
import static org.virtxml.normalizer.PlatformTestSupport.normalize;
import static org.virtxml.normalizer.PlatformTestSupport.normalized;
import static org.virtxml.normalizer.PlatformTestSupport.refusal;

import org.junit.jupiter.api.Test;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpuCheck;
import org.virtxml.model.DomainCpuMode;
import org.virtxml.model.OnOff;

class DomainDefaultsTest {
    private static final String PC = "<type arch='x86_64' machine='pc'>hvm</type>";

    @Test
    void cpuDefaultsDependOnModeAndAccelerator() {
        Domain none = normalize(domain("qemu", PC, "", ""));
        assertEquals(DomainCpuMode.CUSTOM, none.getCpu().getMode());
        assertEquals(DomainCpuCheck.NONE, none.getCpu().getCheck());
        assertEquals("qemu64", none.getCpu().getModel().getValue());
        // a custom model is compared with the host under KVM only
        assertEquals(DomainCpuCheck.PARTIAL, normalize(domain("kvm", PC,
                "<cpu><model>Westmere</model></cpu>", "")).getCpu().getCheck());
        assertEquals(DomainCpuCheck.NONE, normalize(domain("qemu", PC,
                "<cpu><model>Westmere</model></cpu>", "")).getCpu().getCheck());
        Domain pt = normalize(domain("kvm", PC, "<cpu mode='host-passthrough'/>", ""));
        assertEquals(OnOff.ON, pt.getCpu().getMigratable());
        assertEquals(DomainCpuCheck.NONE, pt.getCpu().getCheck());
        assertEquals(DomainCpuCheck.PARTIAL, normalize(domain("kvm", PC, "<cpu mode='host-model'/>", ""))
                .getCpu().getCheck());
    }

    @Test
    void cpuIsPrintedAsLibvirtPrintsIt() {
        String out = normalized(domain("kvm", PC, "<cpu match='exact'><model>Westmere</model>"
                + "<feature name='aes' policy='disable'/><topology sockets='1' cores='1' threads='1'/></cpu>", ""));
        assertTrue(out.contains("<cpu mode='custom' match='exact' check='partial'>\n"
                + "    <model fallback='allow'>Westmere</model>\n"
                + "    <topology sockets='1' dies='1' cores='1' threads='1'/>\n"
                + "    <feature policy='disable' name='aes'/>\n  </cpu>"), out);
        assertTrue(normalized(domain("kvm", PC, "<cpu mode='host-model'><model fallback='forbid'/></cpu>", ""))
                .contains("<cpu mode='host-model' check='partial'/>"));
    }

    @Test
    void memoryComesFromTheNumaCellsAndTheBalloonDefaultsToIt() {
        Domain d = normalize(domain("kvm", PC, "<vcpu>2</vcpu><cpu><numa><cell cpus='1' memory='512' unit='MiB'/>"
                + "<cell id='0' cpus='0' memory='256' unit='MiB'/></numa></cpu>", "").replace(
                "<cell cpus='1'", "<cell id='1' cpus='1'"));
        assertEquals(786432L, d.getMemory().getValue());
        assertEquals(786432L, d.getCurrentMemory().getValue());
        // cells are kept in id order
        assertEquals(0, d.getCpu().getNuma().getCells().get(0).getId());
        assertEquals("0", d.getCpu().getNuma().getCells().get(0).getCpus());
    }

    @Test
    void vcpusNotInAnyCellGoToCellZero() {
        Domain d = normalize(domain("kvm", PC, "<vcpu>4</vcpu><cpu><numa><cell id='0' cpus='0' memory='512' "
                + "unit='MiB'/><cell id='1' cpus='1' memory='512' unit='MiB'/></numa></cpu>", ""));
        assertEquals("0,2-3", d.getCpu().getNuma().getCells().get(0).getCpus());
    }

    @Test
    void automaticVcpuPlacementMakesMemoryPlacementAutomatic() {
        String out = normalized(domain("kvm", PC, "<vcpu placement='auto'>2</vcpu>", ""));
        assertTrue(out.contains("<numatune>\n    <memory mode='strict' placement='auto'/>\n  </numatune>"), out);
    }

    @Test
    void iothreadIdsAreFilledInAndSchedulersSplitPerThread() {
        String out = normalized(domain("kvm", PC, "<vcpu>2</vcpu><iothreads>3</iothreads><iothreadids>"
                + "<iothread id='5'/></iothreadids><cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>"
                + "<iothreadpin iothread='1' cpuset='2'/><iothreadpin iothread='5' cpuset='1'/></cputune>", ""));
        assertTrue(out.contains("<iothreads>3</iothreads>\n  <iothreadids>\n    <iothread id='5'/>\n"
                + "    <iothread id='1'/>\n    <iothread id='2'/>\n  </iothreadids>"), out);
        // pins follow the thread list, schedulers are one per vCPU
        assertTrue(out.contains("<iothreadpin iothread='5' cpuset='1'/>\n    <iothreadpin iothread='1' cpuset='2'/>\n"
                + "    <vcpusched vcpus='0' scheduler='fifo' priority='1'/>\n"
                + "    <vcpusched vcpus='1' scheduler='fifo' priority='1'/>"), out);
    }

    @Test
    void aDynamicLabelWithoutModelBecomesTheHostsNoneLabel() {
        assertTrue(normalized(domain("kvm", PC, "", "")
                .replace("</devices>", "</devices>\n  <seclabel type='dynamic' relabel='yes'/>"))
                .contains("<seclabel type='none' model='none'/>"));
    }

    @Test
    void featuresPrintTheirState() {
        String out = normalized(domain("kvm", PC, "<features><acpi/><pmu/><hyperv><relaxed state='on'/></hyperv>"
                + "<ioapic/></features>", ""));
        assertTrue(out.contains("<features>\n    <acpi/>\n    <hyperv mode='custom'>\n"
                + "      <relaxed state='on'/>\n    </hyperv>\n    <pmu state='on'/>\n  </features>"), out);
    }

    @Test
    void unlimitedMemoryLimitsAreNotPrinted() {
        Domain d = normalize(domain("kvm", PC, "<memtune><hard_limit unit='KiB'>9007199254740991</hard_limit>"
                + "</memtune>", ""));
        assertNull(d.getMemtune());
    }

    @Test
    void parseAndPostParseRefusals() {
        assertEquals("XML error: Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or"
                + " ranges not starting from 0 are not allowed", refusal(domain("kvm", PC,
                "<cpu><numa><cell id='1' cpus='0' memory='512' unit='MiB'/></numa></cpu>", "")));
        assertEquals("XML error: Element 'memnode' is invalid without any guest NUMA cells", refusal(domain("kvm", PC,
                "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>", "")));
        assertEquals("unsupported configuration: Cannot find 'iothread' : 2", refusal(domain("kvm", PC,
                "<iothreads>1</iothreads><cputune><iothreadsched iothreads='2' scheduler='batch'/></cputune>", "")));
        assertEquals("seclabel for model selinux is already provided", refusal(domain("kvm", PC, "", "")
                .replace("</devices>", "</devices><seclabel model='selinux' type='dynamic'/>"
                        + "<seclabel model='selinux' type='dynamic'/>")));
        assertEquals("UUID mismatch between <uuid> and <sysinfo>", refusal(domain("kvm", PC,
                "<sysinfo type='smbios'><system><entry name='uuid'>00000000-0000-0000-0000-000000000001</entry>"
                        + "</system></sysinfo>", "")));
        assertEquals("Invalid BIOS 'date' format", refusal(domain("kvm", PC,
                "<sysinfo type='smbios'><bios><entry name='date'>13/01/2020</entry></bios></sysinfo>", "")));
        assertEquals("firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is"
                + " disabled", refusal(domain("kvm", PC + "<firmware><feature enabled='yes' name='enrolled-keys'/>"
                + "<feature enabled='no' name='secure-boot'/></firmware>", "", "").replace("<os>", "<os firmware='efi'>")));
    }
}
