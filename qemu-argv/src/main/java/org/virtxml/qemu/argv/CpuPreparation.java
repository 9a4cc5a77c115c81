package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.virtxml.caps.AccelCaps;
import org.virtxml.caps.CpuDefinition;
import org.virtxml.caps.CpuFeature;
import org.virtxml.caps.HostCpuModel;
import org.virtxml.caps.LibvirtCpuMap;
import org.virtxml.caps.QemuCaps;
import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainCpuFeature;
import org.virtxml.model.DomainCpuModelFallback;

/**
 * libvirt's {@code qemuProcessUpdateGuestCPU} for a new start: turns the domain's {@code <cpu>} into the
 * {@link GuestCpu} {@code -cpu} describes. A host-model CPU, or a custom one with {@code match='minimum'}, becomes
 * this host's migratable host model with the domain's own features applied on top; a custom model QEMU does not
 * know is refused unless it may fall back; features QEMU does not support are dropped when they only disable
 * something, and a few features libvirt never passes to QEMU (cmt, mbm_*, osxsave, ospke) go away.
 */
final class CpuPreparation implements PrepareStep {

    /** Features libvirt filters out of every x86 guest CPU (virQEMUCapsCPUFilterFeatures). */
    private static final Set<String> FILTERED = Set.of("cmt", "mbm_total", "mbm_local", "osxsave", "ospke");

    @Override
    public void prepare(Prepared p) {
        DomainCpu cpu = p.domain().getCpu();
        if (cpu == null) {
            return;
        }
        String mode = cpu.getMode() == null ? "custom" : cpu.getMode().xml();
        String model = cpu.getModel() == null ? null : cpu.getModel().getValue();
        if (mode.equals("custom") && model == null) {
            // only the topology part of <cpu> is used
            return;
        }
        QemuCaps caps = p.caps();
        AccelCaps accel = caps.accel(p.virtType());
        checkModeSupported(p, mode, accel);
        String vendorId = cpu.getModel() == null ? null : cpu.getModel().getVendorId();
        List<GuestCpu.Feature> features = new ArrayList<>();
        for (DomainCpuFeature f : cpu.getFeatures()) {
            features.add(new GuestCpu.Feature(f.getName(), f.getPolicy() == null ? "require" : f.getPolicy().xml()));
        }
        boolean minimum = cpu.getMatch() != null && cpu.getMatch().xml().equals("minimum");
        String check = cpu.getCheck() == null ? "none" : cpu.getCheck().xml();
        LibvirtCpuMap map = caps.libvirtCpuMap();
        Set<String> hostFull = accel.hostModel() == null ? null : hostFull(p, accel, map);
        if (!check.equals("none") && hostFull != null) {
            checkForbidden(features, hostFull);
        }
        if (!mode.equals("host-passthrough") && !mode.equals("maximum") && check.equals("partial")) {
            if (hostFull == null) {
                throw new ArgvException("the CPU is incompatible with host CPU: unknown host CPU");
            }
            compare(map, hostFull, accel.hostModel().vendor(), mode.equals("custom") ? model : null,
                    cpu.getVendor(), features);
        }
        if (mode.equals("host-model") || (mode.equals("custom") && minimum)) {
            HostCpuModel host = accel.hostModelMigratable();
            if (host == null) {
                throw new ArgvException("unsupported configuration: unknown host CPU model");
            }
            List<GuestCpu.Feature> updated = new ArrayList<>();
            for (CpuFeature hf : host.features()) {
                updated.add(new GuestCpu.Feature(hf.name(), hf.policy().xml()));
            }
            for (GuestCpu.Feature gf : features) {
                update(updated, gf);
            }
            mode = "custom";
            model = host.model();
            features = updated;
        }
        if (mode.equals("custom") && map.models().containsKey(model)) {
            // a guest using a model keeps the features later libvirt took out of it, explicitly disabled
            for (String removed : map.models().get(model).removed()) {
                if (features.stream().noneMatch(f -> f.name().equals(removed))) {
                    features.add(new GuestCpu.Feature(removed, "disable"));
                }
            }
        }
        if (mode.equals("custom")) {
            boolean known = accel.cpuDefinitions().stream().map(CpuDefinition::name).anyMatch(model::equals);
            if (!known && cpu.getModel().getFallback() != DomainCpuModelFallback.ALLOW) {
                throw new ArgvException("unsupported configuration: CPU model " + model
                        + " is not supported by hypervisor");
            }
        }
        features.removeIf(f -> FILTERED.contains(f.name()));
        if (accel.hostCpuExpansion() != null) {
            Set<String> qemuKnows = new java.util.HashSet<>();
            for (String prop : accel.hostCpuExpansion().props().keySet()) {
                qemuKnows.add(QemuCaps.libvirtFeatureName(prop));
            }
            // QEMU leaves features it does not know disabled anyway
            features.removeIf(f -> (f.policy().equals("disable") || f.policy().equals("forbid"))
                    && !qemuKnows.contains(f.name()));
        }
        p.put(GuestCpu.KEY, new GuestCpu(mode, model, vendorId, features,
                cpu.getMigratable() == null ? null : cpu.getMigratable().xml()));
    }

    /**
     * The host CPU libvirt compares guests with ({@code VIR_QEMU_CAPS_HOST_CPU_FULL}): with KVM, the host CPU as
     * the host facts describe it plus everything the host model QEMU reports requires; with TCG, the reported
     * host model itself.
     */
    private static Set<String> hostFull(Prepared p, AccelCaps accel, LibvirtCpuMap map) {
        HostCpuModel reported = accel.hostModel();
        Set<String> full = new java.util.LinkedHashSet<>();
        if (p.virtType() == org.virtxml.caps.VirtType.KVM) {
            full.addAll(expand(map, p.caps().host().cpu().model()));
            full.addAll(p.caps().host().cpu().features());
            full.addAll(expand(map, reported.model()));
            for (CpuFeature f : reported.features()) {
                if (f.policy() == CpuFeature.Policy.REQUIRE) {
                    full.add(f.name());
                }
            }
        } else {
            full.addAll(expand(map, reported.model()));
            for (CpuFeature f : reported.features()) {
                if (f.policy() == CpuFeature.Policy.DISABLE || f.policy() == CpuFeature.Policy.FORBID) {
                    full.remove(f.name());
                } else {
                    full.add(f.name());
                }
            }
        }
        return full;
    }

    /** libvirt's virCPUCheckForbiddenFeatures: a forbidden feature the host CPU has. */
    private static void checkForbidden(List<GuestCpu.Feature> features, Set<String> host) {
        for (GuestCpu.Feature f : features) {
            if (f.policy().equals("forbid") && host.contains(f.name())) {
                throw new ArgvException("the CPU is incompatible with host CPU: Host CPU provides forbidden "
                        + "feature '" + f.name() + "'");
            }
        }
    }

    /**
     * libvirt's x86 CPU comparison for {@code check='partial'}: the guest's model and required features must all
     * be in the host CPU; a forbidden feature must not be. Feature names stand for their CPUID bits.
     */
    private static void compare(LibvirtCpuMap map, Set<String> hostSet, String hostVendor, String model,
            String vendor, List<GuestCpu.Feature> features) {
        if (vendor != null && (hostVendor == null || !vendor.equals(hostVendor))) {
            throw new ArgvException("the CPU is incompatible with host CPU: host CPU vendor does not match required "
                    + "CPU vendor " + vendor);
        }
        Set<String> forbid = new java.util.LinkedHashSet<>();
        Set<String> require = model == null ? new java.util.LinkedHashSet<>() : expand(map, model);
        for (GuestCpu.Feature f : features) {
            switch (f.policy()) {
                case "forbid" -> forbid.add(f.name());
                case "require" -> require.add(f.name());
                default -> {
                    // forced, optional and disabled features do not have to come from the host
                }
            }
        }
        for (GuestCpu.Feature f : features) {
            if (!f.policy().equals("require") && !f.policy().equals("forbid")) {
                require.remove(f.name());
            }
        }
        forbid.retainAll(hostSet);
        if (!forbid.isEmpty()) {
            throw new ArgvException("the CPU is incompatible with host CPU: Host CPU provides forbidden features: "
                    + String.join(", ", map.inMapOrder(forbid)));
        }
        require.removeAll(hostSet);
        if (!require.isEmpty()) {
            throw new ArgvException("the CPU is incompatible with host CPU: Host CPU does not provide required "
                    + "features: " + String.join(", ", map.inMapOrder(require)));
        }
    }

    /** A model's features; an unknown model is refused as libvirt refuses it. */
    private static Set<String> expand(LibvirtCpuMap map, String model) {
        Set<String> f = map.modelFeatures(model);
        if (f == null) {
            throw new ArgvException("internal error: Unknown CPU model " + model);
        }
        return f;
    }

    /** libvirt's virCPUDefUpdateFeature: a listed feature takes the new policy, others are appended. */
    private static void update(List<GuestCpu.Feature> list, GuestCpu.Feature f) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(f.name())) {
                list.set(i, f);
                return;
            }
        }
        list.add(f);
    }

    /** libvirt's virQEMUCapsIsCPUModeSupported for x86. */
    private static void checkModeSupported(Prepared p, String mode, AccelCaps accel) {
        boolean ok = switch (mode) {
            case "host-passthrough" -> p.virtType() == org.virtxml.caps.VirtType.KVM;
            case "host-model" -> accel.hostModel() != null;
            case "custom" -> !accel.cpuDefinitions().isEmpty();
            default -> true;
        };
        if (!ok) {
            throw new ArgvException("unsupported configuration: CPU mode '" + mode + "' for " + p.arch() + " "
                    + p.virtType().xml() + " domain on " + p.caps().host().cpu().arch()
                    + " host is not supported by hypervisor");
        }
    }
}
