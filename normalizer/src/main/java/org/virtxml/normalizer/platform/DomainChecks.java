package org.virtxml.normalizer.platform;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainBlkiotuneDevice;
import org.virtxml.model.DomainCpuNumaBandwidth;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.DomainCpuNumaCellCache;
import org.virtxml.model.DomainCpuNumaInterconnect;
import org.virtxml.model.DomainCpuNumaLatency;
import org.virtxml.model.DomainCpuTopology;
import org.virtxml.model.DomainCputune;
import org.virtxml.model.DomainLifecycleAction;
import org.virtxml.model.DomainMemoryBackingHugepagesPage;
import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainOsLoader;
import org.virtxml.model.DomainOsLoaderType;
import org.virtxml.model.DomainOsFirmwareType;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainIommu;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * libvirt's generic domain-level validation (virDomainDefValidateInternal), run after the device checks, which
 * never changes the domain: resource names, vCPU topology size, unique user aliases, IOMMU interrupt remapping,
 * lifecycle actions, huge page node sets, the firmware and loader settings, CPU tuning ranges, boot timeouts,
 * block I/O devices, id maps, guest NUMA caches and interconnects, I/O thread pools.
 */
public final class DomainChecks implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        resource(d);
        topologySize(d);
        aliases(ctx);
        iommu(ctx);
        lifecycle(d);
        hugepages(d);
        os(d);
        cputune(d.getCputune());
        bootTimeouts(d.getOs());
        blkio(d);
        idmap(d);
        numa(d);
        iothreads(d);
    }

    /** sockets x dies x cores x threads must equal the maximum vCPU count (QEMU 2.7 and later insist). */
    static void topology(Domain d) {
        DomainCpuTopology t = d.getCpu() == null ? null : d.getCpu().getTopology();
        if (t == null || t.getSockets() == null || t.getSockets() == 0) {
            return;
        }
        long total = (long) t.getSockets() * (t.getDies() == null ? 1 : t.getDies())
                * (t.getCores() == null ? 0 : t.getCores()) * (t.getThreads() == null ? 0 : t.getThreads());
        if (total != Vcpus.max(d)) {
            throw NormalizeException.unsupported("CPU topology doesn't match maximum vcpu count", t);
        }
    }

    private static void topologySize(Domain d) {
        DomainCpuTopology t = d.getCpu() == null ? null : d.getCpu().getTopology();
        if (t == null || t.getSockets() == null || t.getSockets() == 0) {
            return;
        }
        long total = (long) t.getSockets() * (t.getDies() == null ? 1 : t.getDies());
        total *= t.getCores() == null ? 0 : t.getCores();
        total *= t.getThreads() == null ? 0 : t.getThreads();
        if (total > 0xffffffffL) {
            throw NormalizeException.unsupported("cpu topology results in more than 4294967295 cpus", t);
        }
    }

    private static void resource(Domain d) {
        if (d.getResource() == null || d.getResource().getFibrechannel() == null) {
            return;
        }
        String appid = d.getResource().getFibrechannel().getAppid();
        if (appid == null) {
            return;
        }
        for (int i = 0; i < appid.length(); i++) {
            char c = appid.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw NormalizeException.xmlError("Fibre Channel 'appid' is not a printable string",
                        d.getResource());
            }
        }
        if (appid.length() < 2 || appid.length() > 64) {
            throw NormalizeException.invalidArg("Fibre Channel 'appid' string length must be between [2, 64]",
                    d.getResource());
        }
    }

    /** User aliases name one device each. */
    private static void aliases(NormalizeContext ctx) {
        Set<String> seen = new HashSet<>();
        for (DomainDevice dev : ctx.devices().all()) {
            if (dev.getAlias() == null || dev.getAlias().getName() == null
                    || !dev.getAlias().getName().startsWith("ua-")) {
                continue;
            }
            if (!seen.add(dev.getAlias().getName())) {
                throw NormalizeException.unsupported("non unique alias detected: " + dev.getAlias().getName(), dev);
            }
        }
    }

    private static void iommu(NormalizeContext ctx) {
        DomainIommu iommu = ctx.devices().getIommu();
        if (iommu == null || iommu.getDriver() == null) {
            return;
        }
        boolean splitIoapic = ctx.domain().getFeatures() != null && ctx.domain().getFeatures().getIoapic() != null
                && ctx.domain().getFeatures().getIoapic().getDriver()
                == org.virtxml.model.DomainFeaturesIoapicDriver.QEMU;
        if (iommu.getDriver().getIntremap() == OnOff.ON && !splitIoapic) {
            throw NormalizeException.unsupported(
                    "IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')", iommu);
        }
        if (iommu.getDriver().getEim() == OnOff.ON && iommu.getDriver().getIntremap() != OnOff.ON) {
            throw NormalizeException.unsupported("IOMMU eim requires interrupt remapping to be enabled", iommu);
        }
    }

    /** A core dump makes sense only when the guest crashed. */
    private static void lifecycle(Domain d) {
        check("poweroff", d.getOnPoweroff());
        check("reboot", d.getOnReboot());
    }

    private static void check(String event, DomainLifecycleAction a) {
        if (a == DomainLifecycleAction.COREDUMP_DESTROY || a == DomainLifecycleAction.COREDUMP_RESTART) {
            throw NormalizeException.unsupported("Lifecycle event '" + event + "' doesn't support '" + a.xml()
                    + "' action", null);
        }
    }

    /** Huge page sizes cover disjoint guest nodes that exist; at most one size has no node set (the default). */
    private static void hugepages(Domain d) {
        if (d.getMemoryBacking() == null || d.getMemoryBacking().getHugepages() == null) {
            return;
        }
        List<DomainMemoryBackingHugepagesPage> pages = d.getMemoryBacking().getHugepages().getPages();
        int lastCell = ControllerDefaults.numaCells(d) - 1;
        for (int i = 0; i < pages.size(); i++) {
            BitSet mi = nodes(pages.get(i));
            for (int j = 0; j < i; j++) {
                BitSet mj = nodes(pages.get(j));
                if (mi != null && mj != null && mi.intersects(mj)) {
                    throw new NormalizeException("nodeset attribute of hugepages of sizes " + pages.get(i).getSize()
                            + " and " + pages.get(j).getSize() + " intersect", pages.get(i));
                } else if (mi == null && mj == null) {
                    throw new NormalizeException("two master hugepages detected: " + pages.get(i).getSize()
                            + " and " + pages.get(j).getSize(), pages.get(i));
                }
            }
            if (mi == null) {
                continue;
            }
            int next = mi.nextSetBit(lastCell + 1);
            if (next >= 0) {
                throw new NormalizeException("hugepages: node " + next + " not found", pages.get(i));
            }
        }
    }

    private static BitSet nodes(DomainMemoryBackingHugepagesPage p) {
        return p.getNodeset() == null ? null : CpuSetAdapter.parse(p.getNodeset());
    }

    /**
     * Firmware autoselection leaves the loader to libvirt (no readonly, type, path, template or secure='no'), and
     * only EFI has NVRAM; a stateless loader has no NVRAM; without autoselection a loader needs a path.
     */
    private static void os(Domain d) {
        DomainOs os = d.getOs();
        // libvirt has a loader as soon as <loader> or <nvram> is there
        DomainOsLoader loader = os.getLoader() != null ? os.getLoader()
                : os.getNvram() != null ? new DomainOsLoader() : null;
        org.virtxml.model.Located where = os.getLoader() != null ? os.getLoader() : (org.virtxml.model.Located) os.getNvram();
        String template = os.getNvram() instanceof org.virtxml.model.DomainOsNvramPath p ? p.getTemplate()
                : os.getNvram() instanceof org.virtxml.model.DomainOsNvramSource s ? s.getTemplate() : null;
        if (os.getFirmwareType() != null) {
            if (loader == null) {
                return;
            }
            if (loader.getReadonly() != null) {
                throw new NormalizeException("loader attribute 'readonly' cannot be specified when firmware"
                        + " autoselection is enabled", where);
            }
            if (loader.getType() != null) {
                throw new NormalizeException("loader attribute 'type' cannot be specified when firmware"
                        + " autoselection is enabled", where);
            }
            if (loader.getValue() != null) {
                throw new NormalizeException("loader path cannot be specified when firmware autoselection is"
                        + " enabled", where);
            }
            if (template != null) {
                throw new NormalizeException("nvram attribute 'template' cannot be specified when firmware"
                        + " autoselection is enabled", where);
            }
            if (loader.getSecure() == YesNo.NO) {
                throw new NormalizeException("loader attribute 'secure' cannot be specified when firmware"
                        + " autoselection is enabled", where);
            }
            if (QemuMachine.hasNvramStore(os) && os.getFirmwareType() != DomainOsFirmwareType.EFI) {
                throw new NormalizeException("firmware type '" + os.getFirmwareType().xml()
                        + "' does not support nvram", where);
            }
        } else {
            if (os.getFirmware() != null && !os.getFirmware().getFeatures().isEmpty()) {
                throw new NormalizeException("cannot use feature-based firmware autoselection when firmware"
                        + " autoselection is disabled", os.getFirmware());
            }
            if (loader == null) {
                return;
            }
            if (loader.getValue() == null) {
                throw new NormalizeException("no loader path specified and firmware auto selection disabled",
                        where);
            }
        }
        if (loader.getStateless() == YesNo.YES) {
            if (template != null) {
                throw new NormalizeException("NVRAM template is not permitted when loader is stateless", where);
            }
            if (QemuMachine.hasNvramStore(os)) {
                throw new NormalizeException("NVRAM is not permitted when loader is stateless", where);
            }
        } else if (loader.getStateless() == YesNo.NO) {
            if (os.getFirmwareType() == null) {
                if (loader.getType() != DomainOsLoaderType.PFLASH) {
                    throw new NormalizeException("Only pflash loader type permits NVRAM", where);
                }
            } else if (os.getFirmwareType() != DomainOsFirmwareType.EFI) {
                throw new NormalizeException("Only EFI firmware permits NVRAM", where);
            }
        }
    }

    private static void cputune(DomainCputune ct) {
        if (ct == null) {
            return;
        }
        if (ct.getShares() != null && ct.getShares() > 0 && (ct.getShares() < 2 || ct.getShares() > 262144)) {
            throw NormalizeException.unsupported("Value of cputune 'shares' must be in range [2, 262144]", ct);
        }
        period("period", ct.getPeriod(), ct);
        period("global_period", ct.getGlobalPeriod(), ct);
        period("emulator_period", ct.getEmulatorPeriod(), ct);
        period("iothread_period", ct.getIothreadPeriod(), ct);
        quota("quota", ct.getQuota(), ct);
        quota("global_quota", ct.getGlobalQuota(), ct);
        quota("emulator_quota", ct.getEmulatorQuota(), ct);
        quota("iothread_quota", ct.getIothreadQuota(), ct);
    }

    /** CFS periods are between 1 ms and 1 s, in microseconds. */
    private static void period(String name, Long v, DomainCputune where) {
        if (v != null && v > 0 && (v < 1000 || v > 1000000)) {
            throw NormalizeException.unsupported("Value of cputune '" + name + "' must be in range [1000, 1000000]",
                    where);
        }
    }

    /** CFS quotas are at least 1 ms, at most the kernel's limit, or negative for none. */
    private static void quota(String name, Long v, DomainCputune where) {
        if (v != null && v > 0 && (v < 1000 || v > 17592186044415L)) {
            throw NormalizeException.unsupported("Value of cputune '" + name
                    + "' must be in range [1000, 17592186044415]", where);
        }
    }

    private static void bootTimeouts(DomainOs os) {
        if (os.getBootmenu() != null && os.getBootmenu().getTimeout() != null
                && os.getBootmenu().getTimeout() > 65535) {
            throw NormalizeException.unsupported("invalid value for boot menu timeout, must be in range [0,65535]",
                    os.getBootmenu());
        }
        if (os.getBios() != null && os.getBios().getRebootTimeout() != null
                && (os.getBios().getRebootTimeout() < -1 || os.getBios().getRebootTimeout() > 65535)) {
            throw NormalizeException.unsupported("invalid value for rebootTimeout, must be in range [-1,65535]",
                    os.getBios());
        }
    }

    private static void blkio(Domain d) {
        if (d.getBlkiotune() == null) {
            return;
        }
        Set<String> paths = new HashSet<>();
        for (DomainBlkiotuneDevice dev : d.getBlkiotune().getDevices()) {
            if (!paths.add(dev.getPath())) {
                throw NormalizeException.unsupported("duplicate blkio device path '" + dev.getPath() + "'", dev);
            }
        }
    }

    private static void idmap(Domain d) {
        if (d.getIdmap() == null) {
            return;
        }
        boolean uid = !d.getIdmap().getUids().isEmpty();
        boolean gid = !d.getIdmap().getGids().isEmpty();
        if (uid != gid) {
            throw NormalizeException.unsupported("uid and gid should be mapped both", d.getIdmap());
        }
        if ((uid && d.getIdmap().getUids().get(0).getStart() != 0)
                || (gid && d.getIdmap().getGids().get(0).getStart() != 0)) {
            throw NormalizeException.unsupported("You must map the root user of container", d.getIdmap());
        }
    }

    /** Cache levels 1-3 once each per cell; interconnects between existing cells, from cells with vCPUs. */
    private static void numa(Domain d) {
        if (d.getCpu() == null || d.getCpu().getNuma() == null) {
            return;
        }
        List<DomainCpuNumaCell> cells = d.getCpu().getNuma().getCells();
        for (DomainCpuNumaCell c : cells) {
            Set<Integer> levels = new HashSet<>();
            for (DomainCpuNumaCellCache cache : c.getCaches()) {
                int level = cache.getLevel() == null ? 0 : cache.getLevel();
                if (level > 3) {
                    throw NormalizeException.xmlError("Ain't nobody heard of that much cache level", cache);
                }
                if (!levels.add(level)) {
                    throw NormalizeException.xmlError("Cache level '" + level + "' already defined", cache);
                }
            }
        }
        if (d.getCpu().getNuma().getInterconnects() == null) {
            return;
        }
        for (DomainCpuNumaInterconnect ic : d.getCpu().getNuma().getInterconnects().getInterconnects()) {
            Integer initiator = ic instanceof DomainCpuNumaLatency l ? l.getInitiator()
                    : ((DomainCpuNumaBandwidth) ic).getInitiator();
            Integer target = ic instanceof DomainCpuNumaLatency l ? l.getTarget()
                    : ((DomainCpuNumaBandwidth) ic).getTarget();
            Integer cache = ic instanceof DomainCpuNumaLatency l ? l.getCache()
                    : ((DomainCpuNumaBandwidth) ic).getCache();
            int ini = initiator == null ? 0 : initiator;
            int tgt = target == null ? 0 : target;
            if (ini >= cells.size()) {
                throw NormalizeException.xmlError("'initiator' refers to a non-existent NUMA node", ic);
            }
            if (tgt >= cells.size()) {
                throw NormalizeException.xmlError("'target' refers to a non-existent NUMA node", ic);
            }
            if (cells.get(ini).getCpus() == null) {
                throw NormalizeException.xmlError("NUMA nodes without CPUs can't be initiator", ic);
            }
            if (cache != null && cache > 0) {
                boolean found = false;
                for (DomainCpuNumaCellCache c : cells.get(tgt).getCaches()) {
                    if (c.getLevel() != null && c.getLevel().equals(cache)) {
                        found = true;
                    }
                }
                if (!found) {
                    throw NormalizeException.xmlError("'cache' refers to a non-existent NUMA node cache", ic);
                }
            }
        }
    }

    private static void iothreads(Domain d) {
        if (d.getIothreadids() != null) {
            for (var t : d.getIothreadids().getIothreads()) {
                pool(t.getThreadPoolMin(), t.getThreadPoolMax(), t);
            }
        }
        if (d.getDefaultiothread() != null) {
            pool(d.getDefaultiothread().getThreadPoolMin(), d.getDefaultiothread().getThreadPoolMax(),
                    d.getDefaultiothread());
        }
    }

    private static void pool(Integer min, Integer max, org.virtxml.model.Located where) {
        if (max != null && max == 0) {
            throw NormalizeException.unsupported("thread_pool_max must be a positive integer", where);
        }
        if (min != null && max != null && min > max) {
            throw NormalizeException.unsupported("thread_pool_min must be smaller or equal to thread_pool_max",
                    where);
        }
    }
}
