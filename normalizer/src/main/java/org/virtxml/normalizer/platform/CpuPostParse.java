package org.virtxml.normalizer.platform;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainCpuCheck;
import org.virtxml.model.DomainCpuFeature;
import org.virtxml.model.DomainCpuFeaturePolicy;
import org.virtxml.model.DomainCpuMode;
import org.virtxml.model.DomainType;
import org.virtxml.model.OnOff;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * QEMU's CPU defaults (qemuDomainDefCPUPostParse): SVE vector lengths imply SVE, a new host-passthrough CPU is
 * migratable when QEMU can make it so, and the {@code check} policy libvirt applies when the domain sets none —
 * none for host-passthrough and maximum (nothing to compare), partial for host-model, and for a custom model
 * partial under KVM but none under TCG (an emulated CPU is not compared with the host's).
 */
public final class CpuPostParse implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainCpu cpu = ctx.domain().getCpu();
        if (cpu == null) {
            return;
        }
        sve(cpu);
        DomainCpuMode mode = cpu.getMode() == null ? DomainCpuMode.CUSTOM : cpu.getMode();
        if (mode == DomainCpuMode.HOST_PASSTHROUGH && cpu.getMigratable() == null) {
            if (ctx.caps().has(QemuCapability.CPU_MIGRATABLE)) {
                cpu.setMigratable(OnOff.ON);
            } else if (ctx.isX86()) {
                cpu.setMigratable(OnOff.OFF);
            }
        }
        if (mode == DomainCpuMode.CUSTOM && DefaultCpu.modelName(cpu) == null) {
            return;
        }
        if (cpu.getCheck() != null) {
            return;
        }
        switch (mode) {
            case HOST_PASSTHROUGH, MAXIMUM -> cpu.setCheck(DomainCpuCheck.NONE);
            case HOST_MODEL -> cpu.setCheck(DomainCpuCheck.PARTIAL);
            case CUSTOM -> cpu.setCheck(ctx.domainType() == DomainType.QEMU ? DomainCpuCheck.NONE
                    : DomainCpuCheck.PARTIAL);
        }
    }

    /** Vector lengths ({@code sve128}, ...) require SVE itself; disabling SVE while giving them is refused. */
    private static void sve(DomainCpu cpu) {
        DomainCpuFeature sve = null;
        boolean lengths = false;
        for (DomainCpuFeature f : cpu.getFeatures()) {
            if ("sve".equals(f.getName())) {
                sve = f;
            } else if (f.getName() != null && f.getName().startsWith("sve")) {
                lengths = true;
            }
        }
        if (!lengths) {
            return;
        }
        if (sve != null) {
            if (sve.getPolicy() == DomainCpuFeaturePolicy.DISABLE || sve.getPolicy() == DomainCpuFeaturePolicy.FORBID) {
                throw NormalizeException.unsupported("SVE disabled, but SVE vector lengths provided", cpu);
            }
            sve.setPolicy(DomainCpuFeaturePolicy.REQUIRE);
        } else {
            DomainCpuFeature f = new DomainCpuFeature();
            f.setName("sve");
            f.setPolicy(DomainCpuFeaturePolicy.REQUIRE);
            cpu.getFeatures().add(f);
        }
    }
}
