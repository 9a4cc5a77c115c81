package org.virtxml.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The built-in profile answers the questions the normalizer and argv backend will ask. */
class QemuCapsTest {
    private final QemuCaps caps = QemuCaps.builtin();

    @Test
    void builtinIsLoadedOnceAndDescribesQemu72OnX8664() {
        assertSame(caps, QemuCaps.builtin());
        assertSame(caps, QemuCaps.builtin("x86_64"));
        assertEquals("/usr/bin/qemu-system-x86_64", caps.emulator());
        assertEquals("x86_64", caps.arch());
        assertEquals(7002022, caps.version().number());
        assertTrue(caps.version().atLeast(7, 2, 0));
        assertTrue(caps.kvmAvailable());
        assertEquals(List.of(VirtType.QEMU, VirtType.KVM), caps.virtTypes());
        QemuCaps i686 = QemuCaps.builtin("i686");
        assertEquals("/usr/bin/qemu-system-i386", i686.emulator());
        assertEquals("i386", i686.qemuArch());
        assertThrows(IllegalArgumentException.class, () -> QemuCaps.builtin("aarch64"));
    }

    @Test
    void builtinProfilesAreFoundByTheirBinaryWithoutLoadingTheOthers() {
        assertEquals(List.copyOf(QemuCaps.builtinAll().keySet()), QemuCaps.builtinArchs());
        assertEquals(QemuCaps.BUILTIN_RESOURCES.keySet(), QemuCaps.BUILTIN_EMULATORS.keySet());
        for (Map.Entry<String, QemuCaps> e : QemuCaps.builtinAll().entrySet()) {
            assertEquals(e.getValue().emulator(), QemuCaps.BUILTIN_EMULATORS.get(e.getKey()), e.getKey());
            assertSame(e.getValue(), QemuCaps.builtinForEmulator(e.getValue().emulator()));
        }
        assertNull(QemuCaps.builtinForEmulator("/usr/bin/qemu-system-aarch64"));
    }

    @Test
    void machineAliasesResolveToTheNewestVersionedMachine() {
        for (VirtType t : VirtType.values()) {
            assertEquals("pc-i440fx-7.2", caps.canonicalMachine(t, "pc"));
            assertEquals("pc-q35-7.2", caps.canonicalMachine(t, "q35"));
            assertEquals("pc-q35-4.0", caps.canonicalMachine(t, "pc-q35-4.0"));
            assertEquals("pc-i440fx-7.2", caps.defaultMachine(t).name());
        }
        MachineType q35 = caps.machine(VirtType.KVM, "q35").orElseThrow();
        assertEquals("pc-q35-7.2", q35.name());
        assertEquals(288, q35.maxCpus());
        assertEquals("pc.ram", q35.defaultRamId());
        assertTrue(q35.hotplugCpus());
        assertEquals(255, caps.machine(VirtType.KVM, "pc").orElseThrow().maxCpus());
        assertTrue(caps.machine(VirtType.KVM, "pc-i440fx-1.4").orElseThrow().deprecated());
        assertFalse(caps.machine(VirtType.KVM, "pc-0.12").isPresent(), "QEMU 7.2 dropped pc-0.x");
        assertFalse(caps.isMachineSupported(VirtType.KVM, "pc"), "aliases are not canonical machines");
        assertTrue(caps.isMachineSupported(VirtType.KVM, "pc-i440fx-7.2"));
        // libvirt keeps its preferred machine first, QEMU's order after it
        List<MachineType> ms = caps.machines(VirtType.KVM);
        assertEquals("pc-i440fx-7.2", ms.get(0).name());
        assertEquals(caps.accel(VirtType.KVM).machines().size(), ms.size());
    }

    @Test
    void defaultCpuModelsFollowTheMachineAndTheBinary() {
        assertEquals("qemu64", caps.defaultCpuModel(VirtType.KVM, "pc"));
        assertEquals("qemu64", caps.defaultCpuModel(VirtType.QEMU, "pc-q35-4.0"));
        assertEquals("qemu32", QemuCaps.builtin("i686").defaultCpuModel(VirtType.KVM, "pc"));
        assertNull(caps.defaultCpuModel(VirtType.KVM, "no-such-machine"));
    }

    @Test
    void typesAndPropertiesLibvirtChecksAreThere() {
        for (String t : List.of("virtio-blk-pci", "qxl-vga", "ich9-usb-ehci1", "qemu-xhci", "pcie-root-port",
                "virtio-net-pci", "memory-backend-file", "iothread", "tpm-crb", "vhost-user-fs-device")) {
            assertTrue(caps.hasType(t), t);
        }
        assertFalse(caps.hasType("spapr-vty"));
        assertTrue(caps.isA("virtio-blk-pci", "pci-device"));
        assertFalse(caps.isA("usb-kbd", "pci-device"));
        assertTrue(caps.hasDeviceProperty("virtio-blk-pci", "queue-size"));
        assertEquals(Boolean.FALSE, caps.deviceProperties("virtio-blk-pci").get("scsi").defaultValue());
        assertTrue(caps.objectProperties("memory-backend-file").contains("prealloc-threads"));
        assertTrue(caps.commandLineOption("machine").contains("kernel_irqchip"));
        assertFalse(caps.commandLineOption("machine").contains("hpet"), "-machine hpet= came with QEMU 8.0");
        assertNull(caps.commandLineOption("no-such-option"));
        assertTrue(caps.events().containsAll(List.of("SHUTDOWN", "STOP", "RESUME", "DEVICE_DELETED")));
        assertTrue(caps.commands().contains("query-cpu-model-expansion"));
        assertEquals(List.of("tpm-crb", "tpm-tis"), caps.tpmModels());
        assertTrue(caps.sev().isEmpty());
        assertTrue(caps.sgx().isEmpty());
    }

    @Test
    void flagsAreDerivedAsLibvirtDerivesThem() {
        for (QemuCapability c : List.of(QemuCapability.KVM, QemuCapability.TCG, QemuCapability.DEVICE_JSON,
                QemuCapability.OBJECT_JSON, QemuCapability.NETDEV_JSON, QemuCapability.DEVICE_QEMU_XHCI,
                QemuCapability.PIIX3_USB_UHCI, QemuCapability.DEVICE_RTL8139, QemuCapability.DEVICE_VGA,
                QemuCapability.NO_HPET, QemuCapability.CPU_UNAVAILABLE_FEATURES,
                QemuCapability.CANONICAL_CPU_FEATURES, QemuCapability.INCREMENTAL_BACKUP,
                QemuCapability.COMPAT_DEPRECATED, QemuCapability.VIRTIO_BLK_SCSI_DEFAULT_DISABLED,
                QemuCapability.DEVICE_TPM_EMULATOR, QemuCapability.CPU_MAX, QemuCapability.NO_ACPI)) {
            assertTrue(caps.has(c), c.name());
        }
        for (QemuCapability c : List.of(QemuCapability.MACHINE_HPET, QemuCapability.ENABLE_FIPS,
                QemuCapability.SEV_GUEST, QemuCapability.SGX_EPC, QemuCapability.VIRTIO_CCW,
                QemuCapability.CHARDEV_JSON, QemuCapability.HVF, QemuCapability.SCSI_NCR53C90)) {
            assertFalse(caps.has(c), c.name());
        }
        assertEquals(QemuCapability.VIRTIO_BLK_SCSI, QemuCapability.byLibvirtName("virtio-blk-pci.scsi"));
        // i386's max CPU type is not one libvirt inspects, so these stay off there
        QemuCaps i686 = QemuCaps.builtin("i686");
        assertFalse(i686.has(QemuCapability.CPU_UNAVAILABLE_FEATURES));
        assertFalse(i686.has(QemuCapability.CPU_MIGRATABLE));
    }

    @Test
    void perMachineFlagsDropCpuHotplugWhereTheMachineCannotDoIt() {
        assertTrue(caps.capabilitiesFor(VirtType.KVM, "q35").contains(QemuCapability.QUERY_HOTPLUGGABLE_CPUS));
        assertFalse(caps.capabilitiesFor(VirtType.KVM, "microvm").contains(QemuCapability.QUERY_HOTPLUGGABLE_CPUS));
        assertTrue(caps.has(QemuCapability.QUERY_HOTPLUGGABLE_CPUS));
    }

    @Test
    void derivationRulesReactToTheRawFacts() {
        // with the machine 'hpet' option (QEMU 8.0) libvirt stops using -no-hpet
        Map<String, List<String>> opts = new TreeMap<>(caps.commandLineOptions());
        List<String> machine = new java.util.ArrayList<>(opts.get("machine"));
        machine.add("hpet");
        opts.put("machine", machine);
        QemuCaps withHpet = caps.toBuilder().commandLineOptions(opts).build();
        assertTrue(withHpet.has(QemuCapability.MACHINE_HPET));
        assertFalse(withHpet.has(QemuCapability.NO_HPET));
        // SEV needs both the type and a successful query-sev-capabilities
        QemuCaps sev = caps.toBuilder().sev(new SevCapability("pdh", "chain", null, 47, 1, 509, 0)).build();
        assertTrue(sev.has(QemuCapability.SEV_GUEST));
        // an older QEMU still has -enable-fips
        QemuCaps old = caps.toBuilder().version(new QemuVersion(5, 1, 0, "")).build();
        assertTrue(old.has(QemuCapability.ENABLE_FIPS));
        // removing a QOM type removes the flags it is evidence for
        Map<String, String> qom = new HashMap<>(caps.qomTypes());
        qom.remove("qemu-xhci");
        assertFalse(caps.toBuilder().qomTypes(qom).build().has(QemuCapability.DEVICE_QEMU_XHCI));
    }

    @Test
    void hostModelIsWhatTheCorpusHostExpandedTo() {
        HostCpuModel kvm = caps.hostModel(VirtType.KVM);
        assertEquals("kvm64", kvm.model());
        assertEquals("AMD", kvm.vendor());
        assertTrue(kvm.features().contains(new CpuFeature("invtsc", CpuFeature.Policy.REQUIRE)));
        assertEquals(new CpuFeature("pni", CpuFeature.Policy.DISABLE), kvm.features().get(kvm.features().size() - 1));
        HostCpuModel started = caps.hostModelMigratable(VirtType.KVM);
        assertFalse(started.features().stream().anyMatch(f -> f.name().equals("invtsc")), "invtsc is not migratable");
        assertEquals("EPYC", caps.hostModel(VirtType.QEMU).model());
        assertEquals("tsc-adjust", QemuCaps.qemuFeatureName("tsc_adjust"));
        assertEquals("x2apic", QemuCaps.qemuFeatureName("x2apic"));
        assertEquals("pclmuldq", QemuCaps.libvirtFeatureName("pclmulqdq"));
        assertEquals(List.of("spinlocks", "vendor_id"), caps.hypervFeatures());
        CpuDefinition qemu64 = caps.cpuDefinition(VirtType.KVM, "qemu64").orElseThrow();
        assertEquals(CpuDefinition.Usability.NO, qemu64.usability());
        assertEquals("qemu64-v1", qemu64.aliasOf());
        assertEquals(CpuDefinition.Usability.YES,
                caps.cpuDefinition(VirtType.QEMU, "qemu64").orElseThrow().usability());
        assertEquals("AMD", caps.libvirtCpuModels().get("EPYC"));
        assertTrue(caps.libvirtCpuModels().containsKey("qemu64"));
        assertNull(caps.libvirtCpuModels().get("qemu64"));
    }

    @Test
    void hostFactsAreTheCorpusHosts() {
        HostFacts h = caps.host();
        assertEquals(1, h.numa().size());
        assertTrue(h.hugetlbfsMounts().isEmpty());
        assertTrue(h.secrets().isEmpty());
        assertFalse(h.qemuConf().spiceTls());
        assertEquals("none", h.qemuConf().securityDriver());
        assertEquals(2596132000L, h.cpu().tscFrequency());
        assertEquals(Boolean.FALSE, h.cpu().tscScaling());
        assertEquals("AMD", h.cpu().vendor());
        assertEquals(25, h.cpu().family());
        assertNotNull(h.swtpm());
        assertFalse(h.vfio());
        assertEquals(3, h.firmware().size());
        assertTrue(h.firmware().get(0).matches("x86_64", "pc-q35-7.2"));
        assertFalse(h.firmware().get(0).matches("x86_64", "pc-i440fx-7.2"));
        assertFalse(h.firmware().get(0).matches("i686", "pc-q35-7.2"));
    }

    @Test
    void globsMatchLikeQemuFirmwareTargets() {
        assertTrue(HostFacts.Firmware.globMatches("pc-q35-*", "pc-q35-7.2"));
        assertTrue(HostFacts.Firmware.globMatches("pc-?35-*", "pc-q35-"));
        assertFalse(HostFacts.Firmware.globMatches("pc-q35-*", "pc-i440fx-7.2"));
        assertTrue(HostFacts.Firmware.globMatches("*", ""));
        assertFalse(HostFacts.Firmware.globMatches("pc", "pc-i440fx"));
    }

    @Test
    void jsonRoundTripsByteForByte() {
        String json = caps.toJson();
        assertEquals(json, QemuCaps.parse(json).toJson());
        assertEquals(caps.capabilities(), QemuCaps.parse(json).capabilities());
    }
}
