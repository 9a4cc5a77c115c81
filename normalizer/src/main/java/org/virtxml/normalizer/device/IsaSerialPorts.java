package org.virtxml.normalizer.device;

import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * Serial ports declared {@code isa-serial} get their COM port numbers before per-device defaults run
 * (virDomainChrIsaSerialDefPostParse), so that numbered ports are kept and the rest fill the gaps.
 */
public final class IsaSerialPorts implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Chardevs.assignIsaSerialPorts(Devices.of(ctx.domain()));
    }
}
