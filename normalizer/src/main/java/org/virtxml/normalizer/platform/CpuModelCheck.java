package org.virtxml.normalizer.platform;

import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainCpuMode;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The last step of the common post-parse (virDomainDefPostParseCPU): a {@code check} policy needs a CPU model to
 * check, so a custom CPU that still has none after the defaults is refused with one.
 */
public final class CpuModelCheck implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainCpu cpu = ctx.domain().getCpu();
        if (cpu == null) {
            return;
        }
        DomainCpuMode mode = cpu.getMode() == null ? DomainCpuMode.CUSTOM : cpu.getMode();
        if (mode == DomainCpuMode.CUSTOM && DefaultCpu.modelName(cpu) == null && cpu.getCheck() != null) {
            throw NormalizeException.unsupported("check attribute specified for CPU with no model", cpu);
        }
    }
}
