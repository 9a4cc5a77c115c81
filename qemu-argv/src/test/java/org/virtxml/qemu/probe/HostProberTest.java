package org.virtxml.qemu.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.caps.HostFacts;

/** Host facts read from a fake /proc and /sys tree. */
class HostProberTest {
    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void fakeHost() throws IOException {
        write("/proc/cpuinfo", """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                cpu family\t: 25
                model\t\t: 17
                stepping\t: 1
                microcode\t: 0x1000065
                cpu MHz\t\t: 2596.140
                flags\t\t: fpu pni x2apic tsc_deadline_timer sse4_1 constant_tsc nonstop_tsc xsave
                address sizes\t: 48 bits physical, 48 bits virtual

                processor\t: 1
                vendor_id\t: AuthenticAMD
                flags\t\t: something else
                """);
        write("/sys/devices/system/cpu/online", "0-1\n");
        for (int cpu = 0; cpu < 2; cpu++) {
            String t = "/sys/devices/system/cpu/cpu" + cpu + "/topology/";
            write(t + "physical_package_id", "0\n");
            write(t + "die_id", "0\n");
            write(t + "core_id", cpu + "\n");
            write(t + "thread_siblings_list", cpu + "\n");
            String c = "/sys/devices/system/cpu/cpu" + cpu + "/cache/";
            write(c + "index0/level", "1\n");
            write(c + "index3/level", "3\n");
            write(c + "index3/type", "Unified\n");
            write(c + "index3/id", "0\n");
            write(c + "index3/size", "32768K\n");
            write(c + "index3/shared_cpu_list", "0-1\n");
        }
        Files.createDirectories(root.resolve("sys/kernel/mm/hugepages/hugepages-2048kB"));
        write("/sys/devices/system/node/node0/meminfo", "Node 0 MemTotal:       5203740 kB\nNode 0 MemFree: 1 kB\n");
        write("/sys/devices/system/node/node0/distance", "10\n");
        write("/sys/devices/system/node/node0/cpulist", "0-1\n");
        write("/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages", "2\n");
        write("/proc/mounts", "proc /proc proc rw 0 0\nhugetlbfs /dev/hugepages hugetlbfs rw 0 0\n");
        write("/etc/machine-id", "3d1219c7c4c5404aaa1f6d2a48adfda4\n");
        write("/etc/libvirt/qemu.conf", "# comment\nsecurity_driver = \"none\"\nspice_tls = 1\nuser = \"qemu\"\n");
        write("/etc/passwd", "root:x:0:0::/root:/bin/sh\nqemu:x:64055:108::/:/bin/false\n");
        write("/etc/group", "root:x:0:\nlibvirt-qemu:x:1002:\n");
        write("/etc/libvirt/secrets/0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f.xml", "<secret/>");
        write("/etc/libvirt/secrets/0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f.base64", "c2VjcmV0");
        write("/usr/share/OVMF/OVMF_CODE.fd", "x");
        String fw = """
                {"interface-types": ["uefi"], "mapping": {"device": "flash",
                  "executable": {"filename": "%s", "format": "raw"},
                  "nvram-template": {"filename": "/usr/share/OVMF/OVMF_VARS.fd", "format": "raw"}},
                 "targets": [{"architecture": "x86_64", "machines": ["pc-q35-*"]}], "features": ["%s"]}""";
        write("/usr/share/qemu/firmware/50-b.json", String.format(fw, "/usr/share/OVMF/OVMF_CODE.fd", "acpi-s3"));
        write("/usr/share/qemu/firmware/40-a.json", String.format(fw, "/usr/share/OVMF/missing.fd", "requires-smm"));
        write("/usr/share/qemu/firmware/60-c.json", String.format(fw, "/usr/share/OVMF/OVMF_CODE.fd", "x"));
        // the system directory overrides a descriptor of the same name; an empty file hides it
        write("/etc/qemu/firmware/50-b.json", String.format(fw, "/usr/share/OVMF/OVMF_CODE.fd", "secure-boot"));
        write("/etc/qemu/firmware/60-c.json", "");
    }

    @Test
    void readsTheHostFromProcAndSys() throws Exception {
        fakeHost();
        HostFacts h = new HostProber(root).probe(null);
        assertEquals("3d1219c7-c4c5-404a-aa1f-6d2a48adfda4", h.uuid());
        HostFacts.Cpu c = h.cpu();
        assertEquals("AMD", c.vendor());
        assertEquals(25, c.family());
        assertEquals(17, c.modelNumber());
        assertEquals(16777317L, c.microcode());
        assertEquals(2596140000L, c.tscFrequency());
        assertEquals(Boolean.FALSE, c.tscScaling());
        assertEquals(48, c.maxPhysAddrBits());
        assertEquals(List.of(1, 1, 2, 1), List.of(c.sockets(), c.dies(), c.cores(), c.threads()));
        assertEquals(List.of(4L, 2048L), c.pageSizesKiB());
        assertNull(c.model(), "no CPU map: no model");
        assertEquals(List.of("fpu", "pni", "x2apic", "tsc-deadline", "sse4.1", "constant_tsc", "nonstop_tsc", "xsave",
                "invtsc", "osxsave"), c.features());
        HostFacts.NumaCell cell = h.numa().get(0);
        assertEquals(5203740L, cell.memoryKiB());
        assertEquals(List.of(new HostFacts.Pages(4, (5203740 - 4096) / 4), new HostFacts.Pages(2048, 2)),
                cell.pages());
        assertEquals("1", cell.cpus().get(1).siblings());
        assertEquals(List.of(new HostFacts.CacheBank(0, 3, "both", 32, "MiB", "0-1")), h.cache());
        assertEquals(List.of("/dev/hugepages"), h.hugetlbfsMounts());
        assertEquals(List.of("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"), h.secrets());
        assertTrue(h.qemuConf().spiceTls());
        assertEquals("+64055:+1002", h.secModels().get(1).baseLabels().get("kvm"), "user from qemu.conf, default group");
        assertEquals("none", h.secModels().get(0).model());
        assertFalse(h.iommu());
        assertFalse(h.vfio());
        assertEquals(List.of("/usr/share/qemu/firmware/40-a.json", "/etc/qemu/firmware/50-b.json"),
                h.firmware().stream().map(HostFacts.Firmware::path).toList());
        assertFalse(h.firmware().get(0).executableExists());
        assertEquals(List.of("secure-boot"), h.firmware().get(1).features());
        assertTrue(h.qemuConf().nvram().get(0).loaderExists());
        assertFalse(h.qemuConf().nvram().get(2).loaderExists());
    }

    @Test
    void decodesTheHostCpuWithACpuMap() throws Exception {
        fakeHost();
        CpuMapX86 map = CpuMapX86.load(Path.of(getClass().getResource("cpumap/index.xml").toURI()).getParent());
        HostFacts.Cpu c = new HostProber(root).probe(map).cpu();
        assertEquals("base64", c.model());
        assertEquals(List.of("x2apic", "invtsc"), c.features(), "only features libvirt's map knows, beyond the model");
    }

    @Test
    void qemuConfNvramListsMaySpanLines() throws Exception {
        write("/etc/libvirt/qemu.conf", "nvram = [\n  \"/fw/CODE.fd:/fw/VARS.fd\",\n  \"/fw/OTHER.fd:/fw/OV.fd\"\n]\n");
        write("/fw/OTHER.fd", "x");
        List<HostFacts.Loader> nvram = new HostProber(root).qemuConf().nvram();
        assertEquals(List.of(new HostFacts.Loader("/fw/CODE.fd", "/fw/VARS.fd", false),
                new HostFacts.Loader("/fw/OTHER.fd", "/fw/OV.fd", true)), nvram);
        assertEquals("libvirt-qemu", new HostProber(root).qemuConf().user(), "Debian's default");
    }

    @Test
    void expandsKernelRangeLists() {
        assertEquals(List.of(0, 1, 2, 3, 8), HostProber.ranges("0-3,8\n"));
        assertEquals(List.of(), HostProber.ranges(""));
    }
}
