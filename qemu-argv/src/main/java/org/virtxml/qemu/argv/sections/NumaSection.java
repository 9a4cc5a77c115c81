package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildNumaCommandLine}: guest NUMA: one memory backend
 * and {@code -numa node} per cell, distances, HMAT latencies, bandwidths and caches.
 */
public final class NumaSection implements Section {

    /** Whether the guest has NUMA cells (then there is no default RAM backend). */
    static boolean hasNuma(org.virtxml.model.Domain d) {
        return d.getCpu() != null && d.getCpu().getNuma() != null && !d.getCpu().getNuma().getCells().isEmpty();
    }

    /** Whether the NUMA description has HMAT data (interconnects or caches): {@code -machine hmat=on}. */
    static boolean hasHmat(org.virtxml.model.Domain d) {
        if (!hasNuma(d)) {
            return false;
        }
        org.virtxml.model.DomainCpuNuma n = d.getCpu().getNuma();
        if (n.getInterconnects() != null && !n.getInterconnects().getInterconnects().isEmpty()) {
            return true;
        }
        return n.getCells().stream().anyMatch(c -> !c.getCaches().isEmpty());
    }

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
