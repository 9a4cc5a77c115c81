package org.virtxml.normalizer.platform;

import java.util.List;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * QEMU's rules for per-vCPU hotplug state (qemuDomainDefVcpusPostParse): vCPU 0 is online, not hot-pluggable and
 * first; either every online vCPU has an order or none has; non-hot-pluggable vCPUs come before hot-pluggable ones
 * and in ascending order (QEMU can plug them in no other order).
 */
public final class QemuVcpus implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        List<Vcpus.Vcpu> vcpus = Vcpus.read(ctx.domain());
        Vcpus.Vcpu first = vcpus.get(0);
        if (!first.online) {
            throw NormalizeException.unsupported("vcpu 0 can't be offline", ctx.domain().getVcpus());
        }
        if (Boolean.TRUE.equals(first.hotpluggable)) {
            throw NormalizeException.unsupported("vcpu0 can't be hotpluggable", ctx.domain().getVcpus());
        }
        if (first.order != 0 && first.order != 1) {
            throw NormalizeException.unsupported("vcpu0 must be enabled first", ctx.domain().getVcpus());
        }
        boolean hasOrder = first.order != 0;
        Vcpus.Vcpu prev = first;
        for (int i = 1; i < vcpus.size(); i++) {
            Vcpus.Vcpu v = vcpus.get(i);
            if (v.online && (v.order != 0) != hasOrder) {
                throw NormalizeException.unsupported("all vcpus must have either set or unset order",
                        ctx.domain().getVcpus());
            }
            if (Boolean.FALSE.equals(v.hotpluggable)) {
                if (Boolean.TRUE.equals(prev.hotpluggable)) {
                    throw NormalizeException.unsupported("online non-hotpluggable vcpus need to be ordered prior"
                            + " to hotplugable vcpus", ctx.domain().getVcpus());
                }
                if (prev.order > v.order) {
                    throw NormalizeException.unsupported("online non-hotpluggable vcpus must be ordered in"
                            + " ascending order", ctx.domain().getVcpus());
                }
            }
            prev = v;
        }
    }
}
