package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainCpuFeature;

/**
 * libvirt's {@code qemuProcessUpdateGuestCPU}: turns the domain's {@code <cpu>} into the {@link GuestCpu} the
 * command line describes. Stored in {@link Prepared} under {@link GuestCpu#KEY}; absent when the domain has no
 * CPU model to write.
 */
final class CpuPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared p) {
        DomainCpu cpu = p.domain().getCpu();
        if (cpu == null) {
            return;
        }
        String mode = cpu.getMode() == null ? "custom" : cpu.getMode().xml();
        String model = cpu.getModel() == null ? null : cpu.getModel().getValue();
        String vendorId = cpu.getModel() == null ? null : cpu.getModel().getVendorId();
        List<GuestCpu.Feature> features = new ArrayList<>();
        for (DomainCpuFeature f : cpu.getFeatures()) {
            features.add(new GuestCpu.Feature(f.getName(), f.getPolicy() == null ? "require" : f.getPolicy().xml()));
        }
        p.put(GuestCpu.KEY, new GuestCpu(mode, model, vendorId, features,
                cpu.getMigratable() == null ? null : cpu.getMigratable().xml()));
    }
}
