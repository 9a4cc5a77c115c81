package org.virtxml.normalizer.platform;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpuTopology;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * libvirt's generic domain-level validation (virDomainDefValidateInternal), run after the device checks, which
 * never changes the domain: the CPU topology must multiply out to the vCPU count, and the other domain-wide
 * consistency rules.
 */
public final class DomainChecks implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        topology(d);
    }

    /** sockets x dies x cores x threads must equal the maximum vCPU count (virDomainDefGetVcpusTopology). */
    static void topology(Domain d) {
        if (d.getCpu() == null || d.getCpu().getTopology() == null) {
            return;
        }
        DomainCpuTopology t = d.getCpu().getTopology();
        if (t.getSockets() == null || t.getCores() == null || t.getThreads() == null) {
            return;
        }
        long dies = t.getDies() == null ? 1 : t.getDies();
        long total = (long) t.getSockets() * dies * t.getCores() * t.getThreads();
        if (total != Vcpus.max(d)) {
            throw NormalizeException.unsupported("CPU topology doesn't match maximum vcpu count", t);
        }
    }
}
