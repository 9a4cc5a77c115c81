package org.virtxml.normalizer.platform;

import org.virtxml.caps.VirtType;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainCpuCheck;
import org.virtxml.model.DomainCpuMatch;
import org.virtxml.model.DomainCpuMode;
import org.virtxml.model.DomainCpuModel;
import org.virtxml.model.DomainCpuModelFallback;
import org.virtxml.model.DomainType;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * Names the CPU model a domain gets when it asks for none (qemuDomainDefSetDefaultCPU): the machine type's
 * default CPU as QEMU reports it ({@code qemu64} for x86_64 PC machines, {@code qemu32} for the i386 binary),
 * matched exactly, without fallback, and with checks off — the default model may not be runnable as is on any
 * host, QEMU just drops what the host lacks.
 */
public final class DefaultCpu implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        DomainCpu cpu = d.getCpu();
        if (cpu != null && (cpu.getMode() != DomainCpuMode.CUSTOM || modelName(cpu) != null)) {
            return;
        }
        // libvirt's CPU driver covers x86, s390, ppc64 and ARM; QEMU's default CPU is meaningful for all
        // accelerators only on x86, s390 and ppc64, for the others only under TCG
        String arch = ctx.arch();
        boolean cpuArch = ctx.isX86() || arch.startsWith("s390") || arch.startsWith("ppc64")
                || arch.equals("aarch64") || arch.equals("armv7l") || arch.equals("armv6l");
        if (!cpuArch) {
            return;
        }
        if (!ctx.isX86() && !arch.startsWith("s390") && !arch.startsWith("ppc64") && ctx.domainType() != DomainType.QEMU) {
            return;
        }
        VirtType accel = ctx.accel();
        String model = accel == null ? null : ctx.caps().defaultCpuModel(accel, ctx.machine());
        if (model == null || ctx.caps().cpuDefinition(accel, model).isEmpty()) {
            return;
        }
        if (model.equals("host") && accel != VirtType.KVM) {
            throw NormalizeException.internal(
                    "QEMU reports invalid default CPU model \"host\" for non-kvm domain virt type", null);
        }
        if (cpu == null) {
            cpu = new DomainCpu();
            d.setCpu(cpu);
        }
        if (model.equals("host")) {
            cpu.setMode(DomainCpuMode.HOST_PASSTHROUGH);
            return;
        }
        cpu.setCheck(DomainCpuCheck.NONE);
        cpu.setMode(DomainCpuMode.CUSTOM);
        cpu.setMatch(DomainCpuMatch.EXACT);
        DomainCpuModel m = cpu.getModel() == null ? new DomainCpuModel() : cpu.getModel();
        m.setFallback(DomainCpuModelFallback.FORBID);
        m.setValue(model);
        cpu.setModel(m);
    }

    /** The CPU model name, or null when there is none. */
    static String modelName(DomainCpu cpu) {
        // libvirt reads an empty element text as no text
        return cpu.getModel() == null || cpu.getModel().getValue() == null || cpu.getModel().getValue().isEmpty()
                ? null : cpu.getModel().getValue();
    }
}
