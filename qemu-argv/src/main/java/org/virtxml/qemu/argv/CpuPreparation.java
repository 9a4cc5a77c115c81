package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.virtxml.caps.AccelCaps;
import org.virtxml.caps.CpuDefinition;
import org.virtxml.caps.CpuFeature;
import org.virtxml.caps.HostCpuModel;
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
