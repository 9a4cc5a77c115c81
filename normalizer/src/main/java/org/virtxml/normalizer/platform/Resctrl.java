package org.virtxml.normalizer.platform;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainCacheType;
import org.virtxml.model.DomainCputune;
import org.virtxml.model.DomainCputuneCachetune;
import org.virtxml.model.DomainCputuneCachetuneCache;
import org.virtxml.model.DomainCputuneMemorytune;
import org.virtxml.model.DomainCputuneMemorytuneNode;
import org.virtxml.model.DomainCputuneMonitor;
import org.virtxml.model.Located;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.model.bind.Scaling;
import org.virtxml.normalizer.NormalizeException;

/**
 * Cache and memory-bandwidth allocations as libvirt's parser keeps them (virDomainCachetuneDefParse,
 * virDomainMemorytuneDefParse): one resource-control group per distinct vCPU set, the vCPU sets cut to the
 * domain's vCPUs (a set left empty is dropped), a {@code <memorytune>} with the vCPUs of an earlier group joining
 * that group. Printed back group by group, all {@code <cachetune>}s first, then all {@code <memorytune>}s, the
 * caches ordered by level, type and id with their size in the largest unit that divides it, the nodes by id.
 */
final class Resctrl {
    /** VIR_DOMAIN_CPUMASK_LEN: vCPU numbers in these sets are below it. */
    private static final int CPUMASK_LEN = 1024;
    /** The only cache level a cache monitor can watch. */
    private static final int MONITOR_CACHE_LEVEL = 3;

    private Resctrl() {
    }

    /** One allocation group. */
    private static final class Group {
        final BitSet vcpus;
        /** level -> type -> cache id -> size in bytes. */
        final TreeMap<Integer, TreeMap<DomainCacheType, TreeMap<Integer, Long>>> caches = new TreeMap<>();
        /** node id -> bandwidth percentage; null until a node is given. */
        TreeMap<Integer, Integer> bandwidth;
        final List<Monitor> monitors = new ArrayList<>();

        Group(BitSet vcpus) {
            this.vcpus = vcpus;
        }

        boolean allocatesNothing() {
            return bandwidth == null && caches.isEmpty();
        }
    }

    private record Monitor(BitSet vcpus, boolean cache) {
    }

    static void parse(Domain d, DomainCputune ct) {
        int max = Vcpus.max(d);
        List<Group> groups = new ArrayList<>();
        for (DomainCputuneCachetune t : ct.getCachetunes()) {
            BitSet vcpus = vcpus(t.getVcpus(), "cachetune", max, t);
            if (vcpus.isEmpty()) {
                continue;
            }
            if (match(groups, vcpus, t) != null) {
                throw NormalizeException.xmlError("Identical vcpus in cachetunes found", t);
            }
            Group g = new Group(vcpus);
            for (DomainCputuneCachetuneCache c : t.getCaches()) {
                cache(g, c);
            }
            int monitors = monitors(g, t.getMonitors(), true, max);
            // a <cachetune> with neither caches nor monitors makes no group
            if (monitors > 0 || !t.getCaches().isEmpty()) {
                groups.add(g);
            }
        }
        for (DomainCputuneMemorytune t : ct.getMemorytunes()) {
            BitSet vcpus = vcpus(t.getVcpus(), "memorytune", max, t);
            if (vcpus.isEmpty()) {
                continue;
            }
            Group existing = match(groups, vcpus, t);
            Group g = existing != null ? existing : new Group(vcpus);
            for (DomainCputuneMemorytuneNode n : t.getNodes()) {
                bandwidth(g, n);
            }
            int monitors = monitors(g, t.getMonitors(), false, max);
            if (existing == null && (monitors > 0 || !t.getNodes().isEmpty())) {
                groups.add(g);
            }
        }
        format(ct, groups);
    }

    /** The vCPU set of an element, cut to the domain's vCPUs. */
    private static BitSet vcpus(String text, String element, int max, Located where) {
        if (text == null) {
            throw NormalizeException.xmlError("Missing " + element + " attribute 'vcpus'", where);
        }
        BitSet b = CpuSetAdapter.parse(text);
        if (b.length() > CPUMASK_LEN) {
            throw NormalizeException.xmlError("Invalid " + element + " attribute 'vcpus' value '" + text + "'", where);
        }
        if (b.length() > max) {
            b.clear(max, b.length());
        }
        return b;
    }

    /** The group with exactly these vCPUs; a group sharing only some of them is refused. */
    private static Group match(List<Group> groups, BitSet vcpus, Located where) {
        for (Group g : groups) {
            if (g.vcpus.equals(vcpus)) {
                return g;
            }
            if (g.vcpus.intersects(vcpus)) {
                throw NormalizeException.xmlError("Overlapping vcpus in resctrls", where);
            }
        }
        return null;
    }

    /** A cache allocation: type 'both' takes the whole cache, code and data each their half. */
    private static void cache(Group g, DomainCputuneCachetuneCache c) {
        int level = c.getLevel();
        int id = c.getId();
        DomainCacheType type = c.getType();
        long bytes = Scaling.toBytes(c.getSize(), c.getUnit(), 1024, -1L);
        TreeMap<DomainCacheType, TreeMap<Integer, Long>> byType = g.caches.getOrDefault(level, new TreeMap<>());
        boolean collides = has(byType, DomainCacheType.BOTH, id)
                || (type == DomainCacheType.BOTH
                        ? has(byType, DomainCacheType.CODE, id) || has(byType, DomainCacheType.DATA, id)
                        : has(byType, type, id));
        if (collides) {
            throw NormalizeException.xmlError("Colliding cache allocations for cache level '" + level + "' id '" + id
                    + "', type '" + type.xml() + "'", c);
        }
        g.caches.computeIfAbsent(level, l -> new TreeMap<>()).computeIfAbsent(type, t -> new TreeMap<>())
                .put(id, bytes);
    }

    private static boolean has(Map<DomainCacheType, TreeMap<Integer, Long>> byType, DomainCacheType type, int id) {
        return byType.containsKey(type) && byType.get(type).containsKey(id);
    }

    private static void bandwidth(Group g, DomainCputuneMemorytuneNode n) {
        int bw = n.getBandwidth();
        if (bw > 100) {
            throw NormalizeException.xmlError("Memory Bandwidth value exceeding 100 is invalid.", n);
        }
        if (g.bandwidth == null) {
            g.bandwidth = new TreeMap<>();
        }
        if (g.bandwidth.containsKey(n.getId())) {
            throw NormalizeException.xmlError("Memory Bandwidth already defined for node " + n.getId(), n);
        }
        g.bandwidth.put(n.getId(), bw);
    }

    /**
     * Adds the monitors of one element to its group: a monitor watches vCPUs of the group, no two monitors of a
     * kind watch the same vCPUs, and monitors of a group that allocates nothing, or that watch only part of the
     * group, do not overlap other monitors. Returns how many were added.
     */
    private static int monitors(Group g, List<DomainCputuneMonitor> monitors, boolean cache, int max) {
        for (DomainCputuneMonitor m : monitors) {
            if (cache && m.getLevel() == null) {
                throw NormalizeException.xmlError("Missing required attribute 'level' in element 'monitor'", m);
            }
            if (cache && m.getLevel() != MONITOR_CACHE_LEVEL) {
                throw NormalizeException.xmlError("Invalid monitor cache level '" + m.getLevel() + "'", m);
            }
            BitSet vcpus = vcpus(m.getVcpus(), "monitor", max, m);
            if (vcpus.isEmpty()) {
                throw NormalizeException.invalidArg("vcpus is empty", m);
            }
            BitSet outside = (BitSet) vcpus.clone();
            outside.andNot(g.vcpus);
            if (!outside.isEmpty()) {
                throw NormalizeException.invalidArg("Monitor vcpus conflicts with allocation", m);
            }
            boolean wholeGroup = vcpus.equals(g.vcpus);
            boolean overlapAny = false;
            boolean overlapPartial = false;
            for (Monitor other : g.monitors) {
                if (other.vcpus().equals(vcpus)) {
                    if (other.cache() == cache) {
                        throw NormalizeException.invalidArg("Identical vcpus found in same type monitors", m);
                    }
                    continue;
                }
                boolean overlaps = other.vcpus().intersects(vcpus);
                overlapAny |= overlaps;
                if (!wholeGroup && !other.vcpus().equals(g.vcpus)) {
                    overlapPartial |= overlaps;
                }
            }
            if (overlapPartial || (g.allocatesNothing() && overlapAny)) {
                throw NormalizeException.invalidArg("vcpus overlaps in resctrl groups", m);
            }
            g.monitors.add(new Monitor(vcpus, cache));
        }
        return monitors.size();
    }

    private static void format(DomainCputune ct, List<Group> groups) {
        ct.getCachetunes().clear();
        ct.getMemorytunes().clear();
        for (Group g : groups) {
            DomainCputuneCachetune t = new DomainCputuneCachetune();
            g.caches.forEach((level, byType) -> byType.forEach((type, byId) -> byId.forEach((id, bytes) -> {
                DomainCputuneCachetuneCache c = new DomainCputuneCachetuneCache();
                c.setId(id);
                c.setLevel(level);
                c.setType(type);
                c.setSize(Scaling.prettyValue(bytes));
                c.setUnit(Scaling.prettyUnit(bytes));
                t.getCaches().add(c);
            })));
            t.getMonitors().addAll(monitors(g, true));
            if (!t.getCaches().isEmpty() || !t.getMonitors().isEmpty()) {
                t.setVcpus(CpuSetAdapter.format(g.vcpus));
                ct.getCachetunes().add(t);
            }
        }
        for (Group g : groups) {
            DomainCputuneMemorytune t = new DomainCputuneMemorytune();
            if (g.bandwidth != null) {
                g.bandwidth.forEach((id, bw) -> {
                    DomainCputuneMemorytuneNode n = new DomainCputuneMemorytuneNode();
                    n.setId(id);
                    n.setBandwidth(bw);
                    t.getNodes().add(n);
                });
            }
            t.getMonitors().addAll(monitors(g, false));
            if (!t.getNodes().isEmpty() || !t.getMonitors().isEmpty()) {
                t.setVcpus(CpuSetAdapter.format(g.vcpus));
                ct.getMemorytunes().add(t);
            }
        }
    }

    private static List<DomainCputuneMonitor> monitors(Group g, boolean cache) {
        List<DomainCputuneMonitor> out = new ArrayList<>();
        for (Monitor m : g.monitors) {
            if (m.cache() == cache) {
                DomainCputuneMonitor x = new DomainCputuneMonitor();
                if (cache) {
                    x.setLevel(MONITOR_CACHE_LEVEL);
                }
                x.setVcpus(CpuSetAdapter.format(m.vcpus()));
                out.add(x);
            }
        }
        return out;
    }
}
