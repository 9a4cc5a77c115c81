package org.virtxml.normalizer.platform;

import java.util.BitSet;
import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * vCPUs no guest NUMA cell lists go to cell 0 (qemuDomainDefNumaCPUsRectify), as QEMU would place them there
 * anyway; libvirt writes that down so the definition says where every vCPU is.
 */
public final class NumaCpus implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        if (d.getCpu() == null || d.getCpu().getNuma() == null || d.getCpu().getNuma().getCells().isEmpty()) {
            return;
        }
        List<DomainCpuNumaCell> cells = d.getCpu().getNuma().getCells();
        int max = Vcpus.max(d);
        int total = 0;
        for (DomainCpuNumaCell c : cells) {
            total += cpus(c).cardinality();
        }
        if (total >= max) {
            return;
        }
        BitSet node0 = new BitSet();
        node0.set(0, max);
        for (int i = 1; i < cells.size(); i++) {
            node0.andNot(cpus(cells.get(i)));
        }
        cells.get(0).setCpus(CpuSetAdapter.format(node0));
    }

    private static BitSet cpus(DomainCpuNumaCell c) {
        return c.getCpus() == null ? new BitSet() : CpuSetAdapter.parse(c.getCpus());
    }
}
