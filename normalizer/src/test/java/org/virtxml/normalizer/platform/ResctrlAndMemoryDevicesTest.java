package org.virtxml.normalizer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtxml.normalizer.PlatformTestSupport.domain;
import static org.virtxml.normalizer.PlatformTestSupport.normalized;
import static org.virtxml.normalizer.PlatformTestSupport.refusal;

import org.junit.jupiter.api.Test;

/** Cache/memory-bandwidth allocation groups, memory modules, and the name/title/firmware parse rules. */
class ResctrlAndMemoryDevicesTest {
    private static final String PC = "<type arch='x86_64' machine='pc'>hvm</type>";
    private static final String Q35 = "<type arch='x86_64' machine='q35'>hvm</type>";

    private static String tune(String cputune) {
        return domain("kvm", PC, "<vcpu>4</vcpu><cputune>" + cputune + "</cputune>", "");
    }

    private static String section(String xml, String from, String to) {
        int start = xml.indexOf(from);
        return xml.substring(start, xml.indexOf(to, start) + to.length());
    }

    @Test
    void allocationsAreGroupedSortedAndCutToTheVcpus() {
        // verified with libvirt 9.0.0: caches sorted by level/type/id in the largest unit, a <memorytune> with the
        // vCPUs of a <cachetune> joins it, vCPU sets cut to the 4 vCPUs, an element left without vCPUs dropped
        String out = normalized(tune("<cachetune vcpus='1,0'><cache id='1' level='3' type='data' size='1024'"
                + " unit='KiB'/><cache id='0' level='2' type='both' size='1536'/><monitor level='3' vcpus='1'/>"
                + "</cachetune><cachetune vcpus='8-9'><cache id='0' level='3' type='both' size='1'/></cachetune>"
                + "<memorytune vcpus='0-1'><node id='1' bandwidth='20'/><node id='0' bandwidth='0'/></memorytune>"
                + "<memorytune vcpus='3-7'><node id='0' bandwidth='50'/></memorytune>"));
        assertEquals("<cputune>\n"
                + "    <cachetune vcpus='0-1'>\n"
                + "      <cache id='0' level='2' type='both' size='1536' unit='KiB'/>\n"
                + "      <cache id='1' level='3' type='data' size='1' unit='MiB'/>\n"
                + "      <monitor level='3' vcpus='1'/>\n"
                + "    </cachetune>\n"
                + "    <memorytune vcpus='0-1'>\n"
                + "      <node id='0' bandwidth='0'/>\n"
                + "      <node id='1' bandwidth='20'/>\n"
                + "    </memorytune>\n"
                + "    <memorytune vcpus='3'>\n"
                + "      <node id='0' bandwidth='50'/>\n"
                + "    </memorytune>\n"
                + "  </cputune>", section(out, "<cputune>", "</cputune>"));
    }

    @Test
    void allocationConflictsAreRefusedWhileParsing() {
        assertEquals("XML error: Colliding cache allocations for cache level '3' id '0', type 'code'",
                refusal(tune("<cachetune vcpus='0'><cache id='0' level='3' type='both' size='12'/>"
                        + "<cache id='0' level='3' type='code' size='12'/></cachetune>")));
        assertEquals("XML error: Identical vcpus in cachetunes found", refusal(tune("<cachetune vcpus='0'><cache"
                + " id='0' level='3' type='code' size='12'/></cachetune><cachetune vcpus='0'/>")));
        assertEquals("XML error: Overlapping vcpus in resctrls", refusal(tune("<cachetune vcpus='0-1'><cache"
                + " id='0' level='3' type='code' size='12'/></cachetune><memorytune vcpus='1'><node id='0'"
                + " bandwidth='5'/></memorytune>")));
        assertEquals("XML error: Memory Bandwidth already defined for node 0", refusal(tune("<memorytune"
                + " vcpus='0'><node id='0' bandwidth='5'/><node id='0' bandwidth='6'/></memorytune>")));
        assertEquals("invalid argument: Monitor vcpus conflicts with allocation", refusal(tune("<cachetune"
                + " vcpus='0-1'><monitor level='3' vcpus='2'/></cachetune>")));
        assertEquals("invalid argument: vcpus overlaps in resctrl groups", refusal(tune("<cachetune vcpus='0-1'>"
                + "<monitor level='3' vcpus='0'/><monitor level='3' vcpus='0-1'/></cachetune>")));
        // the parser's refusals come before the driver's (TCG has no resctrl)
        assertEquals("unsupported configuration: cachetune is only supported for KVM domains",
                refusal(tune("<cachetune vcpus='0'><cache id='0' level='3' type='code' size='12'/></cachetune>")
                        .replace("type='kvm'", "type='qemu'")));
    }

    private static String mem(String devices) {
        return domain("kvm", Q35, "<maxMemory slots='4' unit='GiB'>8</maxMemory><vcpu>2</vcpu><cpu><numa><cell"
                + " id='0' cpus='0-1' memory='1' unit='GiB'/></numa></cpu>", devices);
    }

    @Test
    void memoryModulesKeepOnlyWhatTheirModelUses() {
        String out = normalized(mem("<memory model='dimm'><uuid>11111111-2222-3333-4444-555555555555</uuid>"
                + "<source><path>/tmp/x</path><nodemask>0</nodemask><pmem/></source><target><size unit='MiB'>512"
                + "</size><node>0</node><label><size unit='KiB'>256</size></label><readonly/></target></memory>"));
        String dimm = section(out, "<memory model='dimm'>", "</memory>");
        assertFalse(dimm.contains("uuid") || dimm.contains("path") || dimm.contains("label")
                || dimm.contains("readonly") || dimm.contains("pmem"), dimm);
        assertTrue(dimm.contains("<nodemask>0</nodemask>"), dimm);
        String vmem = section(normalized(mem("<memory model='virtio-mem'><target><size unit='MiB'>512</size>"
                + "<node>0</node><block unit='MiB'>2</block><current unit='KiB'>2048</current></target></memory>")),
                "<memory model='virtio-mem'>", "</memory>");
        assertTrue(vmem.contains("<requested unit='KiB'>0</requested>") && !vmem.contains("current"), vmem);
    }

    @Test
    void memoryModuleRules() {
        assertEquals("can't add memory backend for guest node '1' as the guest has only '1' NUMA nodes configured",
                refusal(mem("<memory model='dimm'><target><size unit='MiB'>512</size><node>1</node></target>"
                        + "</memory>")));
        assertEquals("XML error: nvdimm label must be at least 128KiB", refusal(mem("<memory model='nvdimm'>"
                + "<source><path>/tmp/x</path></source><target><size unit='MiB'>512</size><node>0</node><label>"
                + "<size unit='KiB'>64</size></label></target></memory>")));
        assertEquals("path is required for model 'virtio-pmem'", refusal(mem("<memory model='virtio-pmem'>"
                + "<target><size unit='MiB'>512</size></target></memory>")));
        assertEquals("unsupported configuration: shared access mode required for virtio-pmem device",
                refusal(mem("<memory model='virtio-pmem' access='private'><source><path>/tmp/x</path></source>"
                        + "<target><size unit='MiB'>512</size></target></memory>")));
        assertEquals("block size too small, must be at least 2048KiB", refusal(mem("<memory model='virtio-mem'>"
                + "<target><size unit='MiB'>512</size><node>0</node><block unit='KiB'>1024</block></target>"
                + "</memory>")));
        assertEquals("requested size must be an integer multiple of block size", refusal(mem("<memory"
                + " model='virtio-mem'><target><size unit='MiB'>512</size><node>0</node><block unit='KiB'>4096"
                + "</block><requested unit='KiB'>2048</requested></target></memory>")));
    }

    @Test
    void nameTitleAndNvramRules() {
        assertEquals("XML error: name a/b cannot contain '/'", refusal(domain("kvm", PC, "", "")
                .replace("<name>t</name>", "<name>a/b</name>")));
        assertEquals("XML error: Domain title can't contain newlines", refusal(domain("kvm", PC,
                "<title>a\nb</title>", "")));
        // an <nvram> alone makes a loader: bios has none, and without autoselection a loader needs a path
        assertEquals("firmware type 'bios' does not support nvram", refusal(domain("kvm", PC
                + "<nvram>/var/lib/libvirt/qemu/nvram/t.fd</nvram>", "", "").replace("<os>", "<os firmware='bios'>")));
        assertEquals("no loader path specified and firmware auto selection disabled", refusal(domain("kvm", PC
                + "<nvram>/var/lib/libvirt/qemu/nvram/t.fd</nvram>", "", "")));
    }

    @Test
    void firmwareFeaturesAreKeptInLibvirtsOrder() {
        String out = normalized(domain("kvm", Q35 + "<firmware><feature enabled='yes' name='secure-boot'/>"
                + "<feature enabled='no' name='enrolled-keys'/></firmware>", "<features><acpi/><smm state='on'/>"
                + "</features>", "").replace("<os>", "<os firmware='efi'>"));
        assertTrue(out.contains("<firmware>\n      <feature enabled='no' name='enrolled-keys'/>\n"
                + "      <feature enabled='yes' name='secure-boot'/>\n    </firmware>"), out);
    }
}
