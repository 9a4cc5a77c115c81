package org.virtxml.qemu.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.virtxml.caps.CpuDefinition;
import org.virtxml.caps.CpuFeature;
import org.virtxml.caps.CpuModelExpansion;
import org.virtxml.caps.HostCpuModel;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;

class CpuMapX86Test {

    private static CpuMapX86 mini() throws Exception {
        return CpuMapX86.load(Path.of(CpuMapX86Test.class.getResource("cpumap/index.xml").toURI()).getParent());
    }

    private static List<String> names(List<CpuFeature> fs, CpuFeature.Policy p) {
        return fs.stream().filter(f -> f.policy() == p).map(CpuFeature::name).toList();
    }

    private static CpuDefinition usable(String name) {
        return new CpuDefinition(name, name + "-x86_64-cpu", List.of(), false, true, false, null);
    }

    @Test
    void signatureEncodingRoundTripsFamiliesAboveFifteen() {
        assertEquals(0x00a10f11L, CpuMapX86.signature(25, 17, 1));
        assertEquals(0x000006f0L, CpuMapX86.signature(6, 15, 0));
    }

    @Test
    void aModelWithTheHostsSignatureWinsOverAShorterDescription() throws Exception {
        CpuMapX86 map = mini();
        CpuMapX86.Data host = map.data(List.of("fpu", "pni", "avx", "x2apic", "tsc_adjust"), "AuthenticAMD", 25, 17, 1);
        CpuMapX86.Decoded d = map.decodeGuest(host, List.of(usable("base64"), usable("Zen"), usable("GuestOnly")));
        assertEquals("Zen", d.model());
        assertEquals("AMD", d.vendor());
        assertEquals(List.of("tsc_adjust"), names(d.features(), CpuFeature.Policy.REQUIRE));
        // vme was removed from Zen: a guest definition lists it disabled so that it never reappears
        assertEquals(List.of("vme"), names(d.features(), CpuFeature.Policy.DISABLE));
    }

    @Test
    void modelsQemuDoesNotOfferOrOfAnotherVendorAreSkipped() throws Exception {
        CpuMapX86 map = mini();
        CpuMapX86.Data host = map.data(List.of("fpu", "pni", "vme"), "AuthenticAMD", 6, 15, 0);
        // Old matches the signature but is Intel; Zen is not offered by QEMU
        CpuMapX86.Decoded d = map.decodeGuest(host, List.of(usable("base64"), usable("Old")));
        assertEquals("base64", d.model());
        assertEquals(List.of("vme"), names(d.features(), CpuFeature.Policy.REQUIRE));
    }

    @Test
    void featuresQemuCannotProvideAreDisabledEvenWhenTheHostHasThem() throws Exception {
        CpuMapX86 map = mini();
        CpuMapX86.Data host = map.data(List.of("fpu", "pni", "avx", "x2apic"), "AuthenticAMD", 25, 17, 1);
        assertEquals(List.of("vme"), names(map.decodeGuest(host, List.of(usable("Zen"))).features(),
                CpuFeature.Policy.DISABLE));
        // QEMU says it cannot give this guest x2apic (say, no in-kernel APIC): the model keeps it off
        CpuDefinition blocked = new CpuDefinition("Zen", "Zen-x86_64-cpu", List.of("x2apic"), false, true, false,
                null);
        CpuMapX86.Decoded d = map.decodeGuest(host, List.of(blocked));
        assertEquals("Zen", d.model());
        assertEquals(List.of("x2apic", "vme"), names(d.features(), CpuFeature.Policy.DISABLE));
    }

    @Test
    void aHostCpuIsAModelPlusFeaturesNeverMinus() throws Exception {
        CpuMapX86 map = mini();
        // Zen would need avx disabled: not acceptable for a host CPU, and GuestOnly is not for hosts
        CpuMapX86.Decoded d = map.decodeHost(map.data(List.of("fpu", "pni", "x2apic", "mds-no"), "AuthenticAMD",
                25, 17, 1));
        assertEquals("base64", d.model());
        assertEquals(List.of("x2apic", "mds-no"), names(d.features(), CpuFeature.Policy.REQUIRE));
        assertTrue(map.isMsrFeature("mds-no"));
        assertFalse(map.isMsrFeature("x2apic"));
        assertFalse(map.isMigratable("invtsc"));
        assertEquals("AMD", map.modelVendor("Zen"));
        assertNull(map.modelVendor("base64"));
        assertEquals(List.of("base64", "Old", "Zen", "GuestOnly"), map.modelNames());
    }

    /** With the installed libvirt's map, the recorded QEMU answers decode to the recorded host-model. */
    @Test
    void installedCpuMapReproducesTheBuiltinHostModel() throws Exception {
        assumeTrue(Files.isDirectory(CpuMapX86.DEFAULT_DIR), "no libvirt CPU map installed");
        CpuMapX86 map = CpuMapX86.load(CpuMapX86.DEFAULT_DIR);
        QemuCaps caps = QemuCaps.builtin();
        for (VirtType t : VirtType.values()) {
            CpuModelExpansion e = caps.accel(t).hostCpuExpansion();
            List<String> names = new ArrayList<>();
            e.props().forEach((k, v) -> {
                if (Boolean.TRUE.equals(v)) {
                    names.add(QemuCaps.libvirtFeatureName(k));
                }
            });
            Map<String, Object> p = e.props();
            CpuMapX86.Decoded d = map.decodeGuest(map.data(names, (String) p.get("vendor"),
                    ((Number) p.get("family")).intValue(), ((Number) p.get("model")).intValue(),
                    ((Number) p.get("stepping")).intValue()), caps.cpuDefinitions(t));
            HostCpuModel expected = caps.hostModel(t);
            assertEquals(expected.model(), d.model(), t.name());
            assertEquals(expected.features(), d.features(), t.name());
        }
    }
}
