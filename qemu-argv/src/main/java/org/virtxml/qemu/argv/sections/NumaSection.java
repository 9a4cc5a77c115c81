package org.virtxml.qemu.argv.sections;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpuNuma;
import org.virtxml.model.DomainCpuNumaBandwidth;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.DomainCpuNumaCellCache;
import org.virtxml.model.DomainCpuNumaCellSibling;
import org.virtxml.model.DomainCpuNumaInterconnect;
import org.virtxml.model.DomainCpuNumaLatency;
import org.virtxml.model.DomainNumatune;
import org.virtxml.model.DomainNumatuneMemnode;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.model.bind.Scaling;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * Guest NUMA (libvirt's qemuBuildNumaCommandLine): a memory backend {@code ram-nodeN} per cell when any cell
 * needs one (or the machine no longer takes {@code mem=}, or HMAT is described), {@code -numa node} with the
 * cell's CPUs, initiator and memory, every distance once one is not the default, then HMAT latencies and
 * bandwidths ({@code hmat-lb}) and caches ({@code hmat-cache}). The host nodes the guest binds to must exist.
 */
public final class NumaSection implements Section {

    /** Whether the guest has NUMA cells (then there is no default RAM backend). */
    static boolean hasNuma(Domain d) {
        return d.getCpu() != null && d.getCpu().getNuma() != null && !d.getCpu().getNuma().getCells().isEmpty();
    }

    /** Whether the NUMA description has HMAT data (interconnects or caches): {@code -machine hmat=on}. */
    static boolean hasHmat(Domain d) {
        if (!hasNuma(d)) {
            return false;
        }
        DomainCpuNuma n = d.getCpu().getNuma();
        if (n.getInterconnects() != null && !n.getInterconnects().getInterconnects().isEmpty()) {
            return true;
        }
        return n.getCells().stream().anyMatch(c -> !c.getCaches().isEmpty());
    }

    @Override
    public void build(BuildContext ctx) {
        Domain d = ctx.domain();
        if (!hasNuma(d)) {
            return;
        }
        checkNumatuneNodes(ctx);
        List<DomainCpuNumaCell> cells = cellsById(d);
        boolean needBackend = !ctx.caps().machine(ctx.prepared().virtType(), ctx.prepared().machine())
                .map(m -> m.numaMemSupported()).orElse(false);
        boolean hmat = hasHmat(d);
        needBackend |= hmat;
        List<Props> backends = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            MemoryBackends.Result r = MemoryBackends.build(ctx, MemoryBackends.system("ram-node" + i,
                    ctx.prepared().memory().cellKiB().get(i), i), false, false);
            backends.add(r.props());
            needBackend |= r.needed();
        }
        if (!needBackend) {
            memPath(ctx);
        }
        int master = -1;
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).getCpus() != null && !cells.get(i).getCpus().isEmpty()) {
                master = i;
                break;
            }
        }
        if (master < 0) {
            throw new ArgvException("unsupported configuration: At least one NUMA node has to have CPUs");
        }
        for (int i = 0; i < cells.size(); i++) {
            if (needBackend) {
                Props tc = MemoryBackends.threadContext(ctx, backends.get(i));
                if (tc != null) {
                    ctx.object(tc);
                }
                ctx.object(backends.get(i));
            }
            StringBuilder b = new StringBuilder("node,nodeid=").append(i);
            String cpus = cells.get(i).getCpus();
            if (cpus != null && !cpus.isEmpty()) {
                for (String range : CpuSetAdapter.format(CpuSetAdapter.parse(cpus)).split(",")) {
                    b.append(",cpus=").append(range);
                }
            }
            if (hmat) {
                int initiator = initiator(d, cells, i);
                b.append(",initiator=").append(initiator < 0 ? master : initiator);
            }
            if (needBackend) {
                b.append(",memdev=ram-node").append(i);
            } else {
                b.append(",mem=").append(ctx.prepared().memory().cellKiB().get(i) / 1024);
            }
            ctx.add("-numa", b.toString());
        }
        if (distancesSet(cells)) {
            for (int i = 0; i < cells.size(); i++) {
                for (int j = 0; j < cells.size(); j++) {
                    ctx.add("-numa", "dist,src=" + i + ",dst=" + j + ",val=" + distance(cells.get(i), i, j));
                }
            }
        }
        if (hmat) {
            hmatLb(ctx, d.getCpu().getNuma());
            for (int i = 0; i < cells.size(); i++) {
                for (DomainCpuNumaCellCache c : cells.get(i).getCaches()) {
                    StringBuilder b = new StringBuilder("hmat-cache,node-id=").append(i).append(",size=")
                            .append(Scaling.toKiB(c.getSize().getValue(), c.getSize().getUnit())).append("K,level=")
                            .append(c.getLevel());
                    switch (c.getAssociativity()) {
                        case NONE -> b.append(",associativity=none");
                        case DIRECT -> b.append(",associativity=direct");
                        case FULL -> b.append(",associativity=complex");
                    }
                    switch (c.getPolicy()) {
                        case NONE -> b.append(",policy=none");
                        case WRITEBACK -> b.append(",policy=write-back");
                        case WRITETHROUGH -> b.append(",policy=write-through");
                    }
                    long line = c.getLine() == null ? 0
                            : Scaling.toBytes(c.getLine().getValue(), c.getLine().getUnit(), 1, Long.MAX_VALUE);
                    if (line > 0) {
                        b.append(",line=").append(line);
                    }
                    ctx.add("-numa", b.toString());
                }
            }
        }
    }

    /** The cells by id (libvirt indexes them by id, whatever their order in the XML). */
    static List<DomainCpuNumaCell> cellsById(Domain d) {
        List<DomainCpuNumaCell> cells = new ArrayList<>(d.getCpu().getNuma().getCells());
        cells.sort(java.util.Comparator.comparingInt(c -> c.getId() == null ? 0 : c.getId()));
        return cells;
    }

    /** libvirt's virDomainNumatuneNodesetIsAvailable: every host node numatune names must exist. */
    private static void checkNumatuneNodes(BuildContext ctx) {
        DomainNumatune nt = ctx.domain().getNumatune();
        if (nt == null) {
            return;
        }
        BitSet all = MemoryBackends.numatuneNodeset(ctx.domain(), -1);
        if (all != null) {
            MemoryBackends.checkAvailable(ctx, all);
        }
        for (DomainNumatuneMemnode n : nt.getMemnodes()) {
            BitSet b = MemoryBackends.numatuneNodeset(ctx.domain(), n.getCellid() == null ? -1 : n.getCellid());
            if (b != null) {
                MemoryBackends.checkAvailable(ctx, b);
            }
        }
    }

    /** {@code -mem-prealloc} / {@code -mem-path} for cells that need no backend (libvirt's qemuBuildMemPathStr). */
    private static void memPath(BuildContext ctx) {
        var mb = ctx.domain().getMemoryBacking();
        if (mb == null) {
            return;
        }
        boolean prealloc = false;
        String path = null;
        long system = MemoryBackends.systemPageSizeKiB(ctx);
        if (mb.getHugepages() != null) {
            var pages = mb.getHugepages().getPages();
            long size = pages.isEmpty() || pages.get(0).getSize() == null ? 0
                    : Scaling.toKiB(pages.get(0).getSize(), pages.get(0).getUnit());
            if (size != system) {
                if (size == 0) {
                    size = MemoryBackends.defaultHugepageKiB(ctx);
                }
                path = MemoryBackends.hugepagePath(ctx, size);
                prealloc = true;
            }
        }
        if (path == null && mb.getSource() != null && mb.getSource().getType() != null
                && mb.getSource().getType().xml().equals("file")) {
            path = ctx.caps().host().qemuConf().memoryBackingDir() + "/" + ctx.prepared().pathName() + "/ram";
        }
        if (mb.getAllocation() != null && mb.getAllocation().getMode() != null
                && mb.getAllocation().getMode().xml().equals("immediate")) {
            prealloc = true;
        }
        if (prealloc) {
            ctx.add("-mem-prealloc");
        }
        if (path != null) {
            ctx.add("-mem-path", path);
        }
    }

    /** libvirt's virDomainNumaGetNodeInitiator: the cell itself when it has CPUs, else its best interconnect. */
    private static int initiator(Domain d, List<DomainCpuNumaCell> cells, int node) {
        if (cells.get(node).getCpus() != null && !cells.get(node).getCpus().isEmpty()) {
            return node;
        }
        long minLatency = Long.MAX_VALUE;
        int byLatency = -1;
        long maxBandwidth = 0;
        int byBandwidth = -1;
        DomainCpuNuma n = d.getCpu().getNuma();
        if (n.getInterconnects() != null) {
            for (DomainCpuNumaInterconnect ic : n.getInterconnects().getInterconnects()) {
                if (ic instanceof DomainCpuNumaLatency l && l.getTarget() == node && l.getValue() < minLatency) {
                    minLatency = l.getValue();
                    byLatency = l.getInitiator();
                } else if (ic instanceof DomainCpuNumaBandwidth bw && bw.getTarget() == node
                        && bandwidthKiB(bw) > maxBandwidth) {
                    maxBandwidth = bandwidthKiB(bw);
                    byBandwidth = bw.getInitiator();
                }
            }
        }
        return byLatency >= 0 ? byLatency : byBandwidth;
    }

    private static long bandwidthKiB(DomainCpuNumaBandwidth bw) {
        return Scaling.toKiB(bw.getValue(), bw.getUnit());
    }

    private static void hmatLb(BuildContext ctx, DomainCpuNuma n) {
        if (n.getInterconnects() == null) {
            return;
        }
        String[] hierarchy = {"memory", "first-level", "second-level", "third-level"};
        for (DomainCpuNumaInterconnect ic : n.getInterconnects().getInterconnects()) {
            StringBuilder b = new StringBuilder("hmat-lb");
            if (ic instanceof DomainCpuNumaLatency l) {
                b.append(",initiator=").append(l.getInitiator()).append(",target=").append(l.getTarget())
                        .append(",hierarchy=").append(hierarchy[l.getCache() == null ? 0 : l.getCache()])
                        .append(",data-type=").append(l.getType().xml()).append("-latency,latency=")
                        .append(l.getValue());
            } else if (ic instanceof DomainCpuNumaBandwidth bw) {
                b.append(",initiator=").append(bw.getInitiator()).append(",target=").append(bw.getTarget())
                        .append(",hierarchy=").append(hierarchy[bw.getCache() == null ? 0 : bw.getCache()])
                        .append(",data-type=").append(bw.getType().xml()).append("-bandwidth,bandwidth=")
                        .append(bandwidthKiB(bw)).append('K');
            }
            ctx.add("-numa", b.toString());
        }
    }

    /** The distance of cell i to cell j: the configured one, else 10 to itself and 20 to others. */
    private static int distance(DomainCpuNumaCell cell, int i, int j) {
        if (cell.getDistances() != null) {
            for (DomainCpuNumaCellSibling s : cell.getDistances().getSiblings()) {
                if (s.getId() != null && s.getId() == j && s.getValue() != null && s.getValue() != 0) {
                    return s.getValue();
                }
            }
        }
        return i == j ? 10 : 20;
    }

    /** libvirt's virDomainNumaNodesDistancesAreBeingSet: some distance differs from the defaults. */
    private static boolean distancesSet(List<DomainCpuNumaCell> cells) {
        for (DomainCpuNumaCell c : cells) {
            if (c.getDistances() == null) {
                continue;
            }
            for (int j = 0; j < cells.size(); j++) {
                Integer v = null;
                for (DomainCpuNumaCellSibling s : c.getDistances().getSiblings()) {
                    if (s.getId() != null && s.getId() == j) {
                        v = s.getValue();
                    }
                }
                if (v == null || (v != 10 && v != 20)) {
                    return true;
                }
            }
        }
        return false;
    }
}
