package org.virtxml.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Unit checks of the derivation; the byte-for-byte comparison with the real libvirt is the golden test in the tests
 * module.
 */
class DomainCapabilitiesTest {
    private final QemuCaps caps = QemuCaps.builtin();
    private final List<QemuCaps> all = new ArrayList<>(QemuCaps.builtinAll().values());

    private static DomainCapabilities.CapsEnum enumOf(DomainCapabilities dc, String block, String name) {
        return dc.devices().stream().filter(b -> b.element().equals(block)).findFirst().orElseThrow().enums()
                .stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void ideIsABuiltInBusOnlyOnI440fx() {
        assertTrue(enumOf(DomainCapabilities.of(caps, VirtType.KVM, "pc"), "disk", "bus").values().contains("ide"));
        assertFalse(enumOf(DomainCapabilities.of(caps, VirtType.KVM, "q35"), "disk", "bus").values()
                .contains("ide"));
        assertEquals(List.of("fdc", "scsi", "virtio", "usb", "sata"),
                enumOf(DomainCapabilities.of(caps, VirtType.KVM, "isapc"), "disk", "bus").values());
    }

    @Test
    void enumsAreListedInLibvirtsOrderNotInDiscoveryOrder() {
        assertEquals(List.of("vga", "cirrus", "vmvga", "qxl", "virtio", "none", "bochs", "ramfb"),
                enumOf(DomainCapabilities.of(caps, VirtType.KVM, null), "video", "modelType").values());
        assertEquals(List.of("random", "egd", "builtin"),
                enumOf(DomainCapabilities.of(caps, VirtType.KVM, null), "rng", "backendModel").values());
    }

    @Test
    void firmwareComesFromMatchingDescriptorsElseTheNvramList() {
        assertEquals(List.of("/usr/share/OVMF/OVMF_CODE_4M.fd"),
                DomainCapabilities.of(caps, VirtType.KVM, "pc").loaderValues());
        assertEquals(List.of("/usr/share/OVMF/OVMF_CODE_4M.ms.fd", "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd",
                "/usr/share/OVMF/OVMF_CODE_4M.fd"), DomainCapabilities.of(caps, VirtType.KVM, "q35").loaderValues());
        // no descriptor is for i686: libvirt falls back to qemu.conf's nvram list, skipping missing images
        assertEquals(List.of("/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_CODE.secboot.fd"),
                DomainCapabilities.of(caps, "i686", VirtType.KVM, "pc").loaderValues());
        String q35 = DomainCapabilities.of(caps, VirtType.KVM, "q35").toXml();
        assertTrue(q35.contains("<enum name='secure'>\n        <value>yes</value>\n        <value>no</value>"), q35);
    }

    @Test
    void swtpmDecidesTheEmulatorBackendAndVersions() {
        HostFacts h = caps.host();
        HostFacts noSwtpm = new HostFacts(h.uuid(), h.cpu(), h.powerManagement(), h.iommu(), h.vfio(),
                h.kvmMaxVcpus(), h.migrationUriTransports(), h.numa(), h.cache(), h.secModels(), h.hugetlbfsMounts(),
                h.firmware(), null, h.secrets(), h.qemuConf(), h.note());
        DomainCapabilities dc = DomainCapabilities.of(caps.toBuilder().host(noSwtpm).build(), VirtType.KVM, null);
        assertEquals(List.of("passthrough"), enumOf(dc, "tpm", "backendModel").values());
        assertFalse(dc.toXml().contains("backendVersion"));
        assertEquals(List.of("passthrough", "emulator", "external"),
                enumOf(DomainCapabilities.of(caps, VirtType.KVM, null), "tpm", "backendModel").values());
    }

    @Test
    void kvmVcpuLimitCapsTheMachineLimit() {
        HostFacts h = caps.host();
        HostFacts limited = new HostFacts(h.uuid(), h.cpu(), h.powerManagement(), h.iommu(), h.vfio(), 240,
                h.migrationUriTransports(), h.numa(), h.cache(), h.secModels(), h.hugetlbfsMounts(), h.firmware(),
                h.swtpm(), h.secrets(), h.qemuConf(), h.note());
        QemuCaps q = caps.toBuilder().host(limited).build();
        assertEquals(240, DomainCapabilities.of(q, VirtType.KVM, "q35").maxVcpus());
        assertEquals(288, DomainCapabilities.of(q, VirtType.QEMU, "q35").maxVcpus());
    }

    @Test
    void customModelsAreQemusModelsThatLibvirtKnows() {
        List<DomainCapabilities.CustomModel> tcg = DomainCapabilities.of(caps, VirtType.QEMU, null).customModels();
        assertFalse(tcg.stream().anyMatch(m -> m.name().endsWith("-v1") || m.name().equals("host")
                || m.name().equals("max")));
        DomainCapabilities.CustomModel epyc = tcg.stream().filter(m -> m.name().equals("EPYC")).findFirst()
                .orElseThrow();
        assertEquals("AMD", epyc.vendor());
        assertEquals(CpuDefinition.Usability.NO, DomainCapabilities.of(caps, VirtType.KVM, null).customModels()
                .stream().filter(m -> m.name().equals("qemu64")).findFirst().orElseThrow().usable());
    }

    @Test
    void lookupChoosesTheEmulatorAsVirshDoes() {
        assertEquals("/usr/bin/qemu-system-x86_64", DomainCapabilities.lookup(all, null, null, null, null).path());
        assertEquals(VirtType.KVM, DomainCapabilities.lookup(all, null, null, null, null).virtType());
        DomainCapabilities i686 = DomainCapabilities.lookup(all, null, "i686", "qemu", null);
        assertEquals("/usr/bin/qemu-system-i386", i686.path());
        DomainCapabilities viaX86 = DomainCapabilities.lookup(all, "/usr/bin/qemu-system-x86_64", "i686", null, null);
        assertEquals("i686", viaX86.arch());
        assertTrue(viaX86.toXml().contains("<arch>i686</arch>"));
        // the i686 guest of the x86_64 binary still gets x86_64's flags
        assertTrue(viaX86.toXml().contains("<value>on</value>\n        <value>off</value>"));
    }

    @Test
    void refusesBadRequestsWithLibvirtsMessages() {
        Map<String, String[]> cases = new TreeMap<>();
        cases.put("invalid argument: unknown virttype: bogus", new String[] {null, null, "bogus", null});
        cases.put("invalid argument: Emulator '/usr/bin/qemu-system-x86_64' does not support virt type 'xen'",
                new String[] {null, null, "xen", null});
        cases.put("invalid argument: unknown architecture: bogus", new String[] {null, "bogus", null, null});
        cases.put("unsupported configuration: unable to find any emulator to serve 'aarch64' architecture",
                new String[] {null, "aarch64", null, null});
        cases.put("invalid argument: the machine 'foo' is not supported by emulator '/usr/bin/qemu-system-x86_64'",
                new String[] {null, null, null, "foo"});
        cases.put("invalid argument: Emulator '/usr/bin/qemu-system-i386' does not support arch 'x86_64'",
                new String[] {"/usr/bin/qemu-system-i386", null, null, null});
        cases.put("Cannot check QEMU binary /nonexistent: No such file or directory",
                new String[] {"/nonexistent", null, null, null});
        cases.forEach((msg, a) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DomainCapabilities.lookup(all, a[0], a[1], a[2], a[3]));
            assertEquals(msg, e.getMessage());
        });
    }

    @Test
    void withoutKvmTheKvmTypeIsRefused() {
        QemuCaps tcgOnly = caps.toBuilder().kvm(true, false).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DomainCapabilities.lookup(List.of(tcgOnly), null, null, "kvm", null));
        assertEquals("invalid argument: the accel 'kvm' is not supported by '/usr/bin/qemu-system-x86_64' on this "
                + "host", e.getMessage());
        assertEquals(VirtType.QEMU, DomainCapabilities.lookup(List.of(tcgOnly), null, null, null, null).virtType());
    }
}
