package org.virtxml.qemu.argv.sections;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.virtxml.caps.HostFacts;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.DomainMemoryAccess;
import org.virtxml.model.DomainMemoryBacking;
import org.virtxml.model.DomainMemoryBackingHugepagesPage;
import org.virtxml.model.DomainMemoryBackingSourceType;
import org.virtxml.model.DomainMemoryAllocation;
import org.virtxml.model.DomainNumatune;
import org.virtxml.model.DomainNumatuneMemnode;
import org.virtxml.model.DomainNumatuneMode;
import org.virtxml.model.DomainCpuPlacement;
import org.virtxml.model.YesNo;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.model.bind.Scaling;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;

/**
 * Guest memory backends, as libvirt's {@code qemuBuildMemoryBackendProps} builds them for the default RAM, NUMA
 * cells and memory devices: {@code memory-backend-ram}, {@code -file} (hugepages, file-backed or shared memory,
 * NVDIMM paths) or {@code -memfd}, with sharing, discard, preallocation, size, alignment and host NUMA binding.
 * Host facts decide the refusals: hugetlbfs mounts and the host's NUMA nodes.
 */
final class MemoryBackends {

    /** What one backend is for. */
    record Request(String alias, long sizeKiB, int targetNode, DomainMemoryAccess access, YesNo discard,
            long pagesizeKiB, String sourceNodes, String nvdimmPath, boolean nvdimmPmem, long alignKiB,
            String model) {
    }

    /** A backend's properties, and whether anything asked for it (libvirt's "not necessary" answer). */
    record Result(Props props, boolean needed) {
    }

    private MemoryBackends() {
    }

    /** The system memory request of the default RAM, or of a NUMA cell. */
    static Request system(String alias, long sizeKiB, int targetNode) {
        return new Request(alias, sizeKiB, targetNode, null, null, 0, null, null, false, 0, null);
    }

    static Result build(BuildContext ctx, Request mem, boolean force, boolean systemMemory) {
        Domain d = ctx.domain();
        DomainMemoryBacking mb = d.getMemoryBacking();
        DomainMemoryAccess access = mem.access();
        YesNo discard = mem.discard();
        DomainCpuNumaCell cell = cell(d, mem.targetNode());
        if (cell != null) {
            if (access == null) {
                access = cell.getMemAccess();
            }
            if (discard == null) {
                discard = cell.getDiscard();
            }
        }
        if (access == null && mb != null && mb.getAccess() != null) {
            access = mb.getAccess().getMode();
        }
        if (discard == null && mb != null && mb.getDiscard() != null) {
            discard = YesNo.YES;
        }
        DomainNumatuneMode mode = numatuneMode(d, mem.targetNode());
        DomainMemoryBackingSourceType source = mb == null || mb.getSource() == null ? null : mb.getSource().getType();

        // page size: the device's own, else the <page> for this node, else the <page> without nodeset
        long pagesize = mem.pagesizeKiB();
        boolean needHugepage = pagesize != 0;
        boolean useHugepage = pagesize != 0;
        if (pagesize == 0 && mb != null && mb.getHugepages() != null) {
            DomainMemoryBackingHugepagesPage master = null;
            DomainMemoryBackingHugepagesPage chosen = null;
            for (DomainMemoryBackingHugepagesPage pg : mb.getHugepages().getPages()) {
                if (pg.getNodeset() == null) {
                    master = pg;
                    continue;
                }
                if (mem.targetNode() >= 0 && CpuSetAdapter.parse(pg.getNodeset()).get(mem.targetNode())) {
                    chosen = pg;
                    needHugepage = true;
                    break;
                }
            }
            if (chosen == null) {
                chosen = master;
            }
            if (mb.getHugepages().getPages().isEmpty()) {
                // <hugepages/> alone: the default huge page size
                useHugepage = true;
            } else if (chosen != null) {
                pagesize = chosen.getSize() == null ? 0 : Scaling.toKiB(chosen.getSize(), chosen.getUnit());
                useHugepage = true;
            }
        }
        long systemPage = systemPageSizeKiB(ctx);
        if (pagesize == systemPage) {
            // a "huge" page of the system page size is no huge page at all
            pagesize = 0;
            needHugepage = false;
            useHugepage = false;
        } else if (useHugepage && pagesize == 0) {
            pagesize = defaultHugepageKiB(ctx);
        }
        boolean prealloc = mb != null && mb.getAllocation() != null
                && mb.getAllocation().getMode() == DomainMemoryAllocation.IMMEDIATE;
        if (mem.nvdimmPath() != null) {
            if (!mem.nvdimmPmem() && !"virtio-pmem".equals(mem.model())) {
                prealloc = true;
            }
        } else if (useHugepage) {
            prealloc = true;
        }

        Props props = new Props();
        String type;
        boolean disableCanonicalPath = false;
        if ("sgx-epc".equals(mem.model())) {
            type = "memory-backend-epc";
            prealloc = true;
        } else if (mem.nvdimmPath() == null && source == DomainMemoryBackingSourceType.MEMFD) {
            type = "memory-backend-memfd";
            if (useHugepage) {
                props.bool("hugetlb", true);
                props.num("hugetlbsize", pagesize << 10);
            }
            share(props, access);
            disableCanonicalPath = systemMemory;
        } else if (useHugepage || mem.nvdimmPath() != null || access != null
                || source == DomainMemoryBackingSourceType.FILE) {
            type = "memory-backend-file";
            String path;
            if (mem.nvdimmPath() != null) {
                path = mem.nvdimmPath();
            } else if (useHugepage) {
                path = hugepagePath(ctx, pagesize);
            } else {
                path = ctx.caps().host().qemuConf().memoryBackingDir() + "/" + ctx.prepared().pathName() + "/"
                        + mem.alias();
            }
            props.str("mem-path", path);
            if (mem.nvdimmPath() == null && discard != null) {
                props.bool("discard-data", discard == YesNo.YES);
            }
            share(props, access);
            disableCanonicalPath = systemMemory;
        } else {
            type = "memory-backend-ram";
        }
        // the default RAM object must keep the RAM block name QEMU's implicit one had, or migration breaks
        if (disableCanonicalPath && ctx.has(QemuCapability.X_USE_CANONICAL_PATH_FOR_RAMBLOCK_ID)) {
            props.bool("x-use-canonical-path-for-ramblock-id", false);
        }
        Integer threads = mb == null || mb.getAllocation() == null ? null : mb.getAllocation().getThreads();
        if ("virtio-mem".equals(mem.model())) {
            if (ctx.has(QemuCapability.MEMORY_BACKEND_RESERVE)) {
                props.bool("reserve", false);
            }
        } else {
            props.trueOnly("prealloc", prealloc);
            props.positive("prealloc-threads", threads);
        }
        props.num("size", mem.sizeKiB() * 1024);
        props.positive("align", mem.alignKiB() * 1024);
        if (mem.nvdimmPmem()) {
            if (!ctx.has(QemuCapability.OBJECT_MEMORY_FILE_PMEM)) {
                throw new ArgvException("unsupported configuration: nvdimm pmem property is not available with "
                        + "this QEMU binary");
            }
            props.bool("pmem", true);
        }
        BitSet nodemask = mem.sourceNodes() != null ? CpuSetAdapter.parse(mem.sourceNodes())
                : numatuneNodeset(d, mem.targetNode());
        if (nodemask != null) {
            checkAvailable(ctx, nodemask);
            // 'restrictive' leaves the policy to cgroups: QEMU gets no binding
            if (mode != DomainNumatuneMode.RESTRICTIVE) {
                List<Object> nodes = new ArrayList<>();
                nodemask.stream().forEach(nodes::add);
                props.value("host-nodes", nodes);
                props.str("policy", policy(mode));
            }
        }
        boolean needed = needHugepage || mem.sourceNodes() != null || nodeSpecified(d, mem.targetNode())
                || mem.nvdimmPath() != null || access != null || source == DomainMemoryBackingSourceType.FILE
                || source == DomainMemoryBackingSourceType.MEMFD || force;
        if (needed && type.equals("memory-backend-memfd") && !ctx.has(QemuCapability.OBJECT_MEMORY_MEMFD)) {
            throw new ArgvException("unsupported configuration: this qemu doesn't support the "
                    + "memory-backend-memfd object");
        }
        Props full = Props.object(type, mem.alias()).addAll(props);
        return new Result(full, needed);
    }

    /** A {@code thread-context} object binding preallocation threads to the backend's host nodes, or null. */
    static Props threadContext(BuildContext ctx, Props backend) {
        if (!ctx.has(QemuCapability.THREAD_CONTEXT) || backend.get("host-nodes") == null
                || !Boolean.TRUE.equals(backend.get("prealloc"))) {
            return null;
        }
        String tc = "tc-" + backend.getString("id");
        backend.str("prealloc-context", tc);
        return Props.object("thread-context", tc).value("node-affinity", backend.get("host-nodes"));
    }

    private static void share(Props props, DomainMemoryAccess access) {
        if (access != null) {
            props.bool("share", access == DomainMemoryAccess.SHARED);
        }
    }

    private static String policy(DomainNumatuneMode mode) {
        return switch (mode) {
            case STRICT -> "bind";
            case PREFERRED -> "preferred";
            case INTERLEAVE -> "interleave";
            case RESTRICTIVE -> "bind";
        };
    }

    static DomainCpuNumaCell cell(Domain d, int id) {
        if (id < 0 || !NumaSection.hasNuma(d)) {
            return null;
        }
        for (DomainCpuNumaCell c : d.getCpu().getNuma().getCells()) {
            if (c.getId() != null && c.getId() == id) {
                return c;
            }
        }
        return null;
    }

    private static DomainNumatuneMemnode memnode(Domain d, int cellid) {
        DomainNumatune nt = d.getNumatune();
        if (nt == null || cellid < 0) {
            return null;
        }
        for (DomainNumatuneMemnode n : nt.getMemnodes()) {
            if (n.getCellid() != null && n.getCellid() == cellid && n.getNodeset() != null) {
                return n;
            }
        }
        return null;
    }

    static boolean nodeSpecified(Domain d, int cellid) {
        return memnode(d, cellid) != null;
    }

    static DomainNumatuneMode numatuneMode(Domain d, int cellid) {
        DomainNumatuneMemnode n = memnode(d, cellid);
        if (n != null && n.getMode() != null) {
            return n.getMode();
        }
        DomainNumatune nt = d.getNumatune();
        if (nt != null && nt.getMemory() != null && nt.getMemory().getMode() != null) {
            return nt.getMemory().getMode();
        }
        return DomainNumatuneMode.STRICT;
    }

    /** libvirt's virDomainNumatuneMaybeGetNodeset: the host nodes a cell's (or all) memory is bound to, or null. */
    static BitSet numatuneNodeset(Domain d, int cellid) {
        DomainNumatune nt = d.getNumatune();
        if (nt == null) {
            return null;
        }
        boolean memorySpecified = nt.getMemory() != null;
        DomainNumatuneMemnode n = memnode(d, cellid);
        if (n == null && !memorySpecified) {
            return null;
        }
        if (memorySpecified && nt.getMemory().getPlacement() == DomainCpuPlacement.AUTO) {
            // libvirt would ask numad where to place the guest; domxml-to-native does not run it
            throw new ArgvException("internal error: Advice from numad is needed in case of automatic numa "
                    + "placement");
        }
        if (n != null) {
            return CpuSetAdapter.parse(n.getNodeset());
        }
        return nt.getMemory().getNodeset() == null ? null : CpuSetAdapter.parse(nt.getMemory().getNodeset());
    }

    /** libvirt's virNumaNodesetIsAvailable against the host's NUMA cells. */
    static void checkAvailable(BuildContext ctx, BitSet nodes) {
        BitSet host = new BitSet();
        for (HostFacts.NumaCell c : ctx.caps().host().numa()) {
            host.set(c.id());
        }
        for (int bit = nodes.nextSetBit(0); bit >= 0; bit = nodes.nextSetBit(bit + 1)) {
            if (!host.get(bit)) {
                throw new ArgvException("unsupported configuration: NUMA node " + bit + " is unavailable");
            }
        }
    }

    static long systemPageSizeKiB(BuildContext ctx) {
        List<Long> sizes = ctx.caps().host().cpu().pageSizesKiB();
        return sizes.isEmpty() ? 4 : sizes.get(0);
    }

    /** The default huge page size: that of the first hugetlbfs mount; refused when none is mounted. */
    static long defaultHugepageKiB(BuildContext ctx) {
        List<String> mounts = ctx.caps().host().hugetlbfsMounts();
        if (mounts.isEmpty()) {
            throw new ArgvException("internal error: hugetlbfs filesystem is not mounted or disabled by "
                    + "administrator config");
        }
        List<Long> sizes = ctx.caps().host().cpu().pageSizesKiB();
        // the kernel's default huge page size is the smallest huge size it supports
        return sizes.size() > 1 ? sizes.get(1) : 2048;
    }

    /** {@code MOUNT/libvirt/qemu/-1-NAME} under a hugetlbfs mount; refused when none is mounted. */
    static String hugepagePath(BuildContext ctx, long pagesizeKiB) {
        List<String> mounts = ctx.caps().host().hugetlbfsMounts();
        if (mounts.isEmpty()) {
            throw new ArgvException("internal error: hugetlbfs filesystem is not mounted or disabled by "
                    + "administrator config");
        }
        return mounts.get(0) + "/libvirt/qemu/" + ctx.prepared().pathName();
    }
}
