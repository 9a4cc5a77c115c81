package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.bind.Scaling;
import org.virtxml.model.devices.DomainMemoryDevice;

/**
 * Guest memory sizes as libvirt's {@code qemuDomainAlignMemorySizes} leaves them for a new start: NUMA cells,
 * initial and maximum memory rounded up to 1 MiB (QEMU needs 4 KiB; libvirt has always used 1 MiB), memory
 * modules to 2 MiB (DIMMs need it). The initial memory is the sum of the cells when there are cells, else
 * {@code <memory>} minus the modules.
 *
 * @param initialKiB the initial (boot) memory
 * @param maxKiB     {@code <maxMemory>}, or 0
 * @param cellKiB    each NUMA cell's memory, by cell id
 * @param moduleKiB  each memory device's size
 */
public record MemorySizes(long initialKiB, long maxKiB, List<Long> cellKiB, Map<DomainMemoryDevice, Long> moduleKiB) {

    static final String KEY = "memory-sizes";

    /** A memory device's aligned size in KiB. */
    public long module(DomainMemoryDevice m) {
        return moduleKiB.getOrDefault(m, 0L);
    }

    static MemorySizes of(Domain d) {
        List<Long> cells = new ArrayList<>();
        long initial = 0;
        if (d.getCpu() != null && d.getCpu().getNuma() != null) {
            // libvirt keeps cells by their id, whatever order the XML lists them in
            List<DomainCpuNumaCell> byId = new ArrayList<>(d.getCpu().getNuma().getCells());
            byId.sort(java.util.Comparator.comparingInt(c -> c.getId() == null ? 0 : c.getId()));
            for (DomainCpuNumaCell c : byId) {
                long kib = roundUp(c.getMemory() == null ? 0 : Scaling.toKiB(c.getMemory(), c.getUnit()), 1024);
                cells.add(kib);
                initial += kib;
            }
        }
        Map<DomainMemoryDevice, Long> modules = new IdentityHashMap<>();
        long modulesUnaligned = 0;
        if (d.getDevices() != null) {
            for (DomainMemoryDevice m : d.getDevices().getMemories()) {
                long kib = m.getTarget() == null || m.getTarget().getSize() == null ? 0
                        : Scaling.toKiB(m.getTarget().getSize().getValue(), m.getTarget().getSize().getUnit());
                modulesUnaligned += kib;
                modules.put(m, roundUp(kib, 2048));
            }
        }
        if (cells.isEmpty()) {
            long total = d.getMemory() == null || d.getMemory().getValue() == null ? 0
                    : Scaling.toKiB(d.getMemory().getValue(), d.getMemory().getUnit());
            initial = roundUp(total - modulesUnaligned, 1024);
        }
        long max = d.getMaxMemory() == null || d.getMaxMemory().getValue() == null ? 0
                : roundUp(Scaling.toKiB(d.getMaxMemory().getValue(), d.getMaxMemory().getUnit()), 1024);
        return new MemorySizes(initial, max, List.copyOf(cells), modules);
    }

    private static long roundUp(long v, long align) {
        return (v + align - 1) / align * align;
    }

    /** The preparation step storing the sizes in {@link Prepared}. */
    static final class Step implements PrepareStep {
        @Override
        public void prepare(Prepared p) {
            p.put(KEY, of(p.domain()));
        }
    }
}
