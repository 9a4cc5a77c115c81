package org.virtxml.normalizer.platform;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainClock;
import org.virtxml.model.DomainClockBasis;
import org.virtxml.model.DomainClockOffset;
import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainCpuFeature;
import org.virtxml.model.DomainCpuFeaturePolicy;
import org.virtxml.model.DomainCpuMode;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.DomainCpuNumaCellDistances;
import org.virtxml.model.DomainCpuNumaCellSibling;
import org.virtxml.model.DomainCpuPlacement;
import org.virtxml.model.DomainNumatune;
import org.virtxml.model.DomainNumatuneMemnode;
import org.virtxml.model.DomainNumatuneMemory;
import org.virtxml.model.DomainNumatuneMode;
import org.virtxml.model.DomainLifecycleAction;
import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainOsType;
import org.virtxml.model.DomainVcpu;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * What libvirt's parser itself does to the domain-level parts, before any post-parse callback: the values it
 * stores when an element is absent (they are printed back), the forms it converts to, the order it keeps
 * controllers in, and the inputs it refuses while parsing.
 */
public final class ParseRules implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        // an inactive definition is printed without the id of a running domain
        d.setId(null);
        // the parser reads the name (virDomainDefParseIDs) before the type; an empty name counts as none
        if (d.getName() == null || d.getName().isEmpty()) {
            throw new NormalizeException("missing name information", d);
        }
        if (d.getType() == null) {
            throw NormalizeException.internal("missing domain type attribute", d);
        }
        Sysinfo.apply(d, ctx.random());
        // a title is one line (virsh list --title shows it in a column)
        if (d.getTitle() != null && d.getTitle().indexOf('\n') >= 0) {
            throw NormalizeException.xmlError("Domain title can't contain newlines", d);
        }
        metadata(d);
        memtune(d);
        os(d);
        vcpu(d);
        Tunables.iothreads(d);
        Tunables.cputune(d);
        cpu(d);
        numa(d);
        numatune(d);
        lifecycle(d);
        clock(d);
        idmap(d);
        org.virtxml.normalizer.address.DeviceInfo.parse(ctx.devices());
        ctx.devices().getMemories().forEach(MemoryDevices::parse);
        controllers(ctx.devices());
        // the parser adds the SCSI controllers of addressed SCSI host devices as it reads them
        ImplicitControllers.hostdevScsi(ctx.devices());
    }

    /**
     * Application metadata is kept one element per namespace (the first one), elements without a namespace are
     * dropped, as libvirt cleans up duplicated metadata entries.
     */
    private static void metadata(Domain d) {
        if (d.getMetadata() == null) {
            return;
        }
        java.util.Set<String> namespaces = new java.util.HashSet<>();
        java.util.Iterator<org.w3c.dom.Element> it = d.getMetadata().getOtherElements().iterator();
        while (it.hasNext()) {
            String ns = it.next().getNamespaceURI();
            if (ns == null || ns.isEmpty() || !namespaces.add(ns)) {
                it.remove();
            }
        }
    }

    /** The largest memory limit libvirt stores, in KiB: it means "unlimited" and is not printed. */
    static final long MEMORY_UNLIMITED = 9007199254740991L;

    /** Memory limits at or above "unlimited" are unlimited (not printed), a zero guarantee is none. */
    private static void memtune(Domain d) {
        org.virtxml.model.DomainMemtune m = d.getMemtune();
        if (m == null) {
            return;
        }
        if (unlimited(m.getHardLimit())) {
            m.setHardLimit(null);
        }
        if (unlimited(m.getSoftLimit())) {
            m.setSoftLimit(null);
        }
        if (unlimited(m.getSwapHardLimit())) {
            m.setSwapHardLimit(null);
        }
        if (m.getMinGuarantee() != null && (m.getMinGuarantee().getValue() == null
                || m.getMinGuarantee().getValue() == 0)) {
            m.setMinGuarantee(null);
        }
        if (m.getHardLimit() == null && m.getSoftLimit() == null && m.getSwapHardLimit() == null
                && m.getMinGuarantee() == null && m.getOtherElements().isEmpty()) {
            d.setMemtune(null);
        }
    }

    private static boolean unlimited(org.virtxml.model.DomainMemtuneLimit l) {
        return l != null && (l.getValue() == null || l.getValue() >= MEMORY_UNLIMITED);
    }

    /**
     * The guest architecture defaults to the host's (x86_64 here); a boot menu timeout is kept only for an enabled
     * menu; a loader element without a path holds no path.
     */
    private static void os(Domain d) {
        if (d.getOs() == null) {
            d.setOs(new DomainOs());
        }
        if (d.getOs().getType() == null) {
            d.getOs().setType(new DomainOsType());
        }
        if (d.getOs().getType().getArch() == null) {
            d.getOs().getType().setArch("x86_64");
        }
        DomainOs os = d.getOs();
        if (os.getBootmenu() != null && os.getBootmenu().getEnable() != org.virtxml.model.YesNo.YES) {
            os.getBootmenu().setTimeout(null);
        }
        if (os.getNvram() instanceof org.virtxml.model.DomainOsNvramSource nvram && nvram.getSource() != null) {
            org.virtxml.normalizer.device.DiskSources.requireProtocol(nvram.getSource());
        }
        if (os.getLoader() != null && os.getLoader().getValue() != null && os.getLoader().getValue().isEmpty()) {
            os.getLoader().setValue(null);
        }
        firmwareFeatures(os);
    }

    /** libvirt's firmware features in the order it keeps them (one slot each). */
    private static final List<String> FIRMWARE_FEATURES = List.of("enrolled-keys", "secure-boot");

    /**
     * Firmware features are kept one per name (the last one given wins) and printed in libvirt's order; an empty
     * {@code <firmware/>} is not kept.
     */
    private static void firmwareFeatures(DomainOs os) {
        if (os.getFirmware() == null) {
            return;
        }
        List<org.virtxml.model.DomainOsFirmwareFeature> features = os.getFirmware().getFeatures();
        if (features.isEmpty()) {
            os.setFirmware(null);
            return;
        }
        org.virtxml.model.DomainOsFirmwareFeature[] slots =
                new org.virtxml.model.DomainOsFirmwareFeature[FIRMWARE_FEATURES.size()];
        for (org.virtxml.model.DomainOsFirmwareFeature f : features) {
            // both attributes are required (virDomainDefParseBootFirmwareOptions), the name read first
            String missing = f.getName() == null ? "name" : f.getEnabled() == null ? "enabled" : null;
            if (missing != null) {
                throw NormalizeException.xmlError("Missing required attribute '" + missing + "' in element 'feature'",
                        f);
            }
            int i = FIRMWARE_FEATURES.indexOf(f.getName());
            if (i < 0) {
                throw NormalizeException.xmlError("Invalid value for attribute 'name' in element 'feature': '"
                        + f.getName() + "'.", f);
            }
            slots[i] = f;
        }
        features.clear();
        for (org.virtxml.model.DomainOsFirmwareFeature f : slots) {
            if (f != null) {
                features.add(f);
            }
        }
    }

    /**
     * One vCPU unless told otherwise, placed statically; {@code current} is kept only while it is below the
     * maximum (libvirt prints it only when some vCPUs are offline).
     */
    private static void vcpu(Domain d) {
        DomainVcpu v = d.getVcpu();
        if (v == null) {
            v = new DomainVcpu();
            v.setValue(1);
            d.setVcpu(v);
        }
        if (v.getValue() == null) {
            v.setValue(1);
        }
        if (v.getPlacement() == null) {
            v.setPlacement(DomainCpuPlacement.STATIC);
        }
        if (v.getPlacement() == DomainCpuPlacement.AUTO) {
            // with automatic placement libvirt ignores a cpuset
            v.setCpuset(null);
        }
        if (v.getCurrent() != null && v.getCurrent() >= v.getValue()) {
            v.setCurrent(null);
        }
    }

    private static boolean hasPinning(Domain d) {
        if (d.getCputune() == null) {
            return false;
        }
        return !d.getCputune().getVcpupins().isEmpty() || d.getCputune().getEmulatorpin() != null
                || !d.getCputune().getIothreadpins().isEmpty();
    }

    /**
     * A guest CPU is custom unless said otherwise, features are required unless said otherwise, a topology has
     * one die unless said otherwise. Features need a model to modify, a vendor needs a model, and only
     * host-passthrough and maximum CPUs can be migratable or not. The fallback and vendor id of a passthrough
     * CPU's model are not read at all.
     */
    private static void cpu(Domain d) {
        DomainCpu cpu = d.getCpu();
        if (cpu == null) {
            return;
        }
        if (cpu.getMode() == null) {
            cpu.setMode(DomainCpuMode.CUSTOM);
        }
        boolean passthrough = cpu.getMode() == DomainCpuMode.HOST_PASSTHROUGH
                || cpu.getMode() == DomainCpuMode.MAXIMUM;
        if (cpu.getMigratable() != null && !passthrough) {
            throw NormalizeException.unsupported(
                    "Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode", cpu);
        }
        String model = DefaultCpu.modelName(cpu);
        if (cpu.getModel() != null && model == null && cpu.getModel().getVendorId() == null) {
            // an empty <model> holds nothing libvirt keeps
            cpu.setModel(null);
        }
        if (passthrough && cpu.getModel() != null) {
            cpu.getModel().setFallback(null);
            cpu.getModel().setVendorId(null);
        }
        if (cpu.getVendor() != null && model == null) {
            throw NormalizeException.xmlError("CPU vendor specified without CPU model", cpu);
        }
        if (!cpu.getFeatures().isEmpty() && model == null && cpu.getMode() == DomainCpuMode.CUSTOM) {
            throw NormalizeException.xmlError("Non-empty feature list specified without CPU model", cpu);
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (DomainCpuFeature f : cpu.getFeatures()) {
            if (f.getPolicy() == null) {
                f.setPolicy(DomainCpuFeaturePolicy.REQUIRE);
            }
            if (f.getName() == null || f.getName().isEmpty()) {
                throw NormalizeException.xmlError("Invalid CPU feature name", f);
            }
            if (!names.add(f.getName())) {
                throw NormalizeException.xmlError("CPU feature '" + f.getName() + "' specified more than once", f);
            }
        }
        if (cpu.getTopology() != null && cpu.getTopology().getDies() == null) {
            cpu.getTopology().setDies(1);
        }
    }

    /**
     * Guest NUMA cells are stored by id (their position when they have none) and printed in id order with their
     * id; ids must cover 0..n-1 once each and cells may not share vCPUs. A distance given one way also applies
     * the other way unless that one is given too, and a cell with distances knows its own (10).
     */
    private static void numa(Domain d) {
        if (d.getCpu() == null || d.getCpu().getNuma() == null) {
            // libvirt's highest NUMA CPU id starts at 0 even without cells, so no vCPU at all fails this check
            if (d.getVcpu().getValue() == 0) {
                throw NormalizeException.internal("CPU IDs in <numa> exceed the <vcpu> count", d.getVcpu());
            }
            return;
        }
        List<DomainCpuNumaCell> cells = d.getCpu().getNuma().getCells();
        int n = cells.size();
        if (n == 0) {
            throw NormalizeException.xmlError("NUMA topology defined without NUMA cells", d.getCpu().getNuma());
        }
        DomainCpuNumaCell[] byId = new DomainCpuNumaCell[n];
        java.util.BitSet[] cpus = new java.util.BitSet[n];
        int[][] dist = new int[n][];
        for (int i = 0; i < n; i++) {
            DomainCpuNumaCell c = cells.get(i);
            int id = c.getId() == null ? i : c.getId();
            // an id above 2^31 (libvirt reads it unsigned) is held as a negative int
            if (id < 0 || id >= n) {
                throw NormalizeException.xmlError("Exactly one 'cell' element per guest NUMA cell allowed,"
                        + " non-contiguous ranges or ranges not starting from 0 are not allowed", c);
            }
            if (byId[id] != null && byId[id].getMemory() != null && byId[id].getMemory() != 0) {
                throw NormalizeException.xmlError("Duplicate NUMA cell info for cell id '" + id + "'", c);
            }
            byId[id] = c;
            c.setId(id);
            cpus[id] = null;
            if (c.getCpus() != null) {
                java.util.BitSet b = org.virtxml.model.bind.CpuSetAdapter.parse(c.getCpus());
                cpus[id] = b.isEmpty() ? null : b;
                if (b.isEmpty()) {
                    c.setCpus(null);
                }
            }
            for (int j = 0; j < n; j++) {
                if (j != id && cpus[j] != null && cpus[id] != null && cpus[j].intersects(cpus[id])) {
                    throw NormalizeException.unsupported("NUMA cells " + id + " and " + j
                            + " have overlapping vCPU ids", c);
                }
            }
            if (c.getDistances() != null) {
                List<DomainCpuNumaCellSibling> sib = c.getDistances().getSiblings();
                if (sib.isEmpty()) {
                    throw NormalizeException.xmlError("NUMA distances defined without siblings", c);
                }
                for (DomainCpuNumaCellSibling s : sib) {
                    int sid = s.getId() == null ? 0 : s.getId();
                    int v = s.getValue() == null ? 0 : s.getValue();
                    if (sid >= n) {
                        throw NormalizeException.xmlError("'sibling_id " + sid + "' does not refer to a valid cell"
                                + " within NUMA 'cell id " + id + "'", s);
                    }
                    if (v < 10 || v > 255 || (sid == id && v != 10) || (sid != id && v == 10)) {
                        throw NormalizeException.xmlError("'value " + v + "' is invalid for 'sibling id " + sid
                                + "' under NUMA 'cell id " + id + "'", s);
                    }
                    if (dist[id] == null) {
                        dist[id] = new int[n];
                        dist[id][id] = 10;
                    }
                    dist[id][sid] = v;
                    if (dist[sid] == null) {
                        dist[sid] = new int[n];
                        dist[sid][sid] = 10;
                    }
                    if (dist[sid][id] == 0) {
                        dist[sid][id] = v;
                    }
                }
            }
            caches(c, id);
        }
        cells.clear();
        for (int id = 0; id < n; id++) {
            DomainCpuNumaCell c = byId[id];
            if (c == null) {
                // a missing id means another one was used twice
                throw NormalizeException.xmlError("Exactly one 'cell' element per guest NUMA cell allowed,"
                        + " non-contiguous ranges or ranges not starting from 0 are not allowed", d.getCpu().getNuma());
            }
            if (c.getMemory() == null) {
                c.setMemory(0L);
            }
            c.setUnit("KiB");
            if (dist[id] != null) {
                DomainCpuNumaCellDistances ds = new DomainCpuNumaCellDistances();
                for (int j = 0; j < n; j++) {
                    if (dist[id][j] != 0) {
                        DomainCpuNumaCellSibling s = new DomainCpuNumaCellSibling();
                        s.setId(j);
                        s.setValue(dist[id][j]);
                        ds.getSiblings().add(s);
                    }
                }
                c.setDistances(ds);
            }
            cells.add(c);
        }
        interconnects(d.getCpu().getNuma().getInterconnects());
        int max = d.getVcpu().getValue();
        int count = 0;
        // unsigned and starting at 0 in libvirt (virDomainNumaGetMaxCPUID)
        int maxId = 0;
        for (java.util.BitSet b : cpus) {
            if (b != null) {
                count += b.cardinality();
                maxId = Math.max(maxId, b.length() - 1);
            }
        }
        if (count > max) {
            throw NormalizeException.internal("Number of CPUs in <numa> exceeds the <vcpu> count", d.getCpu());
        }
        if (maxId >= max) {
            throw NormalizeException.internal("CPU IDs in <numa> exceed the <vcpu> count", d.getCpu());
        }
    }

    /**
     * Host NUMA memory policy (virDomainNumatuneParseXML): a policy given at all is strict unless said otherwise,
     * placed statically when it names nodes (or the vCPUs are placed statically) and automatically otherwise, in
     * which case node names are dropped; automatic vCPU placement alone implies automatic memory placement.
     * Per-cell policies need guest cells and static placement. Automatic memory placement without any pinning
     * makes the vCPU placement automatic too.
     */
    private static void numatune(Domain d) {
        DomainVcpu v = d.getVcpu();
        boolean placementStatic = v.getPlacement() == DomainCpuPlacement.STATIC;
        DomainNumatune nt = d.getNumatune();
        DomainNumatuneMemory mem = nt == null ? null : nt.getMemory();
        DomainNumatuneMode mode = null;
        DomainCpuPlacement placement = null;
        boolean placementGiven = false;
        java.util.BitSet nodeset = null;
        if (!placementStatic && mem == null) {
            placement = DomainCpuPlacement.AUTO;
            placementGiven = true;
        }
        if (mem != null) {
            mode = mem.getMode();
            placement = mem.getPlacement();
            placementGiven = placement != null;
            if (mem.getNodeset() != null) {
                nodeset = org.virtxml.model.bind.CpuSetAdapter.parse(mem.getNodeset());
                if (nodeset.isEmpty()) {
                    throw NormalizeException.unsupported("Invalid value of 'nodeset': " + mem.getNodeset(), mem);
                }
            }
        }
        boolean specified = mode != null || placementGiven || nodeset != null;
        if (specified) {
            if (mode == null) {
                mode = DomainNumatuneMode.STRICT;
            }
            if (placement == null) {
                placement = nodeset != null || placementStatic ? DomainCpuPlacement.STATIC : DomainCpuPlacement.AUTO;
            }
            if (placement == DomainCpuPlacement.STATIC && nodeset == null) {
                throw NormalizeException.unsupported(
                        "nodeset for NUMA memory tuning must be set if 'placement' is 'static'", mem);
            }
            if (placement == DomainCpuPlacement.AUTO) {
                nodeset = null;
            }
            if (nt == null) {
                nt = new DomainNumatune();
                d.setNumatune(nt);
            }
            if (mem == null) {
                mem = new DomainNumatuneMemory();
                nt.setMemory(mem);
            }
            mem.setMode(mode);
            mem.setPlacement(placement == DomainCpuPlacement.STATIC ? null : placement);
            mem.setNodeset(nodeset == null ? null : org.virtxml.model.bind.CpuSetAdapter.format(nodeset));
        } else if (nt != null) {
            nt.setMemory(null);
        }
        if (nt != null && !nt.getMemnodes().isEmpty()) {
            int cells = ControllerDefaults.numaCells(d);
            if (specified && placement == DomainCpuPlacement.AUTO) {
                throw NormalizeException.unsupported(
                        "Per-node binding is not compatible with automatic NUMA placement.", nt);
            }
            if (cells == 0) {
                throw NormalizeException.xmlError("Element 'memnode' is invalid without any guest NUMA cells", nt);
            }
            DomainNumatuneMemnode[] byCell = new DomainNumatuneMemnode[cells];
            for (DomainNumatuneMemnode n : nt.getMemnodes()) {
                int cell = n.getCellid() == null ? 0 : n.getCellid();
                if (cell >= cells) {
                    throw NormalizeException.xmlError("Argument 'cellid' in memnode element must correspond to"
                            + " existing guest's NUMA cell", n);
                }
                if (byCell[cell] != null) {
                    throw NormalizeException.xmlError("Multiple memnode elements with cellid " + cell, n);
                }
                if (n.getMode() == null) {
                    n.setMode(DomainNumatuneMode.STRICT);
                }
                if (mode == DomainNumatuneMode.RESTRICTIVE && n.getMode() != DomainNumatuneMode.RESTRICTIVE) {
                    throw NormalizeException.xmlError("'restrictive' mode is required in memnode element when mode"
                            + " is 'restrictive' in memory element", n);
                }
                if (n.getNodeset() == null) {
                    throw NormalizeException.xmlError("Missing required nodeset attribute in memnode element", n);
                }
                java.util.BitSet b = org.virtxml.model.bind.CpuSetAdapter.parse(n.getNodeset());
                if (b.isEmpty()) {
                    throw NormalizeException.unsupported("Invalid value of 'nodeset': " + n.getNodeset(), n);
                }
                n.setNodeset(org.virtxml.model.bind.CpuSetAdapter.format(b));
                byCell[cell] = n;
            }
            nt.getMemnodes().clear();
            for (DomainNumatuneMemnode n : byCell) {
                if (n != null) {
                    nt.getMemnodes().add(n);
                }
            }
        }
        if (nt != null && nt.getMemory() == null && nt.getMemnodes().isEmpty()) {
            d.setNumatune(null);
        }
        if (specified && placement == DomainCpuPlacement.AUTO && v.getCpuset() == null && !hasPinning(d)) {
            v.setPlacement(DomainCpuPlacement.AUTO);
        }
    }

    /** Power off and crash destroy the guest, a reboot restarts it, unless the domain says otherwise. */
    private static void lifecycle(Domain d) {
        if (d.getOnPoweroff() == null) {
            d.setOnPoweroff(DomainLifecycleAction.DESTROY);
        }
        if (d.getOnReboot() == null) {
            d.setOnReboot(DomainLifecycleAction.RESTART);
        }
        if (d.getOnCrash() == null) {
            d.setOnCrash(DomainLifecycleAction.DESTROY);
        }
    }

    /**
     * The clock is UTC unless told otherwise. A numeric adjustment of a UTC or localtime clock makes it a variable
     * clock with that basis; a variable clock always has an adjustment (0) and a basis (utc).
     */
    private static void clock(Domain d) {
        DomainClock c = d.getClock();
        if (c == null) {
            c = new DomainClock();
            d.setClock(c);
        }
        if (c.getOffset() == null) {
            c.setOffset(DomainClockOffset.UTC);
        }
        switch (c.getOffset()) {
            case UTC, LOCALTIME -> {
                String adj = c.getAdjustment();
                if (adj != null && !adj.equals("reset")) {
                    c.setBasis(c.getOffset() == DomainClockOffset.UTC ? DomainClockBasis.UTC
                            : DomainClockBasis.LOCALTIME);
                    c.setOffset(DomainClockOffset.VARIABLE);
                    try {
                        c.setAdjustment(Long.toString(Long.parseLong(adj.trim())));
                    } catch (NumberFormatException e) {
                        throw NormalizeException.xmlError("unknown clock adjustment '" + adj + "'", c);
                    }
                } else {
                    c.setBasis(null);
                }
                c.setTimezone(null);
                c.setStart(null);
            }
            case VARIABLE -> {
                c.setAdjustment(Long.toString(parseLongOrZero(c.getAdjustment())));
                if (c.getBasis() == null) {
                    c.setBasis(DomainClockBasis.UTC);
                }
                c.setTimezone(null);
                c.setStart(null);
            }
            case TIMEZONE -> {
                c.setAdjustment(null);
                c.setBasis(null);
                c.setStart(null);
            }
            case ABSOLUTE -> {
                c.setAdjustment(null);
                c.setBasis(null);
                c.setTimezone(null);
            }
        }
    }

    /**
     * The attributes and sizes every cache of a NUMA cell needs (virDomainNumaDefNodeCacheParseXML). A cache without
     * a policy is reported missing and then, since libvirt reads on, as an invalid policy '(null)': the second
     * report is the one virsh shows.
     */
    private static void caches(DomainCpuNumaCell c, int id) {
        String at = " attribute in cache element for NUMA node " + id;
        for (org.virtxml.model.DomainCpuNumaCellCache cache : c.getCaches()) {
            if (cache.getLevel() == null) {
                throw NormalizeException.xmlError("Missing 'level'" + at, cache);
            }
            if (cache.getLevel() == 0) {
                throw NormalizeException.xmlError("Invalid 'level'" + at, cache);
            }
            if (cache.getAssociativity() == null) {
                throw NormalizeException.xmlError("Missing 'associativity'" + at, cache);
            }
            if (cache.getPolicy() == null) {
                throw NormalizeException.xmlError("Invalid cache policy '(null)'", cache);
            }
            if (cache.getSize() == null || cache.getSize().getValue() == null) {
                throw NormalizeException.xmlError("missing element or attribute './size/@value'", cache);
            }
            if (cache.getLine() == null || cache.getLine().getValue() == null) {
                throw NormalizeException.xmlError("missing element or attribute './line/@value'", cache);
            }
        }
    }

    /**
     * Each latency and bandwidth, in document order, needs its value, initiator, target and type (the end of
     * virDomainNumaDefParseXML); a bandwidth's value is read as a scaled memory size, hence its other message.
     */
    private static void interconnects(org.virtxml.model.DomainCpuNumaInterconnects all) {
        if (all == null) {
            return;
        }
        for (org.virtxml.model.DomainCpuNumaInterconnect i : all.getInterconnects()) {
            String element;
            Object value;
            Integer initiator;
            Integer target;
            Object type;
            if (i instanceof org.virtxml.model.DomainCpuNumaLatency l) {
                element = "latency";
                value = l.getValue();
                initiator = l.getInitiator();
                target = l.getTarget();
                type = l.getType();
            } else if (i instanceof org.virtxml.model.DomainCpuNumaBandwidth b) {
                element = "bandwidth";
                value = b.getValue();
                initiator = b.getInitiator();
                target = b.getTarget();
                type = b.getType();
                if (value == null) {
                    throw NormalizeException.xmlError("missing element or attribute './@value'", b);
                }
            } else {
                continue;
            }
            String missing = value == null ? "value" : initiator == null ? "initiator" : target == null ? "target"
                    : type == null ? "type" : null;
            if (missing != null) {
                throw NormalizeException.xmlError("Missing required attribute '" + missing + "' in element '"
                        + element + "'", i);
            }
        }
    }

    /** Every uid and gid mapping needs its three numbers (virDomainIdmapDefParseXML). */
    private static void idmap(Domain d) {
        if (d.getIdmap() == null) {
            return;
        }
        List<org.virtxml.model.DomainIdmapEntry> all = new ArrayList<>(d.getIdmap().getUids());
        all.addAll(d.getIdmap().getGids());
        for (org.virtxml.model.DomainIdmapEntry e : all) {
            if (e.getStart() == null || e.getTarget() == null || e.getCount() == null) {
                throw NormalizeException.xmlError("invalid idmap start/target/count settings", e);
            }
        }
    }

    private static long parseLongOrZero(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * What the parser keeps of one controller: a model valid for its type, {@code <model>} and {@code <target>}
     * only for PCI controllers, ports for USB and virtio-serial, vectors for virtio-serial, the 64-bit PCI hole for
     * the roots; a USB controller of model none has no device information; the ICH9 UHCI companions default to
     * their usual first ports on the EHCI master.
     */
    private static void controller(DomainController c) {
        if (c.getType() == null) {
            // libvirt reads a missing type as the first value of its enum, and prints it
            c.setType(DomainControllerType.IDE);
        }
        DomainControllerType type = c.getType();
        if (c.getModel() != null && !Controllers.validModel(type, c.getModel())) {
            throw NormalizeException.unsupported("Unknown model type '" + c.getModel().xml() + "'", c);
        }
        if (type != DomainControllerType.PCI) {
            c.setModelName(null);
            c.setTarget(null);
        }
        if (type != DomainControllerType.USB && type != DomainControllerType.VIRTIO_SERIAL) {
            c.setPorts(null);
        }
        if (type != DomainControllerType.VIRTIO_SERIAL) {
            c.setVectors(null);
        }
        if (type != DomainControllerType.XENBUS) {
            c.setMaxGrantFrames(null);
            c.setMaxEventChannels(null);
        }
        if (type != DomainControllerType.PCI || (c.getModel() != DomainControllerModel.PCI_ROOT
                && c.getModel() != DomainControllerModel.PCIE_ROOT)) {
            c.setPcihole64(null);
        }
        if (type == DomainControllerType.USB) {
            if (c.getModel() == DomainControllerModel.NONE) {
                c.setAlias(null);
                c.setAddress(null);
                c.setMaster(null);
                c.setAcpi(null);
            }
            Integer start = switch (c.getModel() == null ? DomainControllerModel.NONE : c.getModel()) {
                case ICH9_UHCI1 -> 0;
                case ICH9_UHCI2 -> 2;
                case ICH9_UHCI3 -> 4;
                default -> null;
            };
            if (start != null && c.getMaster() == null) {
                org.virtxml.model.devices.DomainDeviceMaster m = new org.virtxml.model.devices.DomainDeviceMaster();
                m.setStartport(start);
                c.setMaster(m);
            }
        }
    }

    /**
     * Controllers are kept grouped by type in index order; a USB controller of model {@code none} disables USB, so
     * no other USB controller may be given with it, and USB companions need a master.
     */
    private static void controllers(DomainDevices devices) {
        List<DomainController> parsed = new ArrayList<>(devices.getControllers());
        boolean usbNone = false;
        boolean usbOther = false;
        boolean usbMaster = false;
        List<DomainController> sorted = new ArrayList<>();
        for (DomainController c : parsed) {
            controller(c);
            if (c.getType() == DomainControllerType.USB) {
                if (c.getModel() == DomainControllerModel.NONE) {
                    if (usbOther || usbNone) {
                        throw new NormalizeException(
                                "Can't add another USB controller: USB is disabled for this domain", c);
                    }
                    usbNone = true;
                } else {
                    if (usbNone) {
                        throw new NormalizeException(
                                "Can't add another USB controller: USB is disabled for this domain", c);
                    }
                    usbOther = true;
                }
                if (c.getMaster() == null) {
                    usbMaster = true;
                }
            }
            Controllers.insertSorted(sorted, c);
        }
        if (usbOther && !usbMaster) {
            throw new NormalizeException("No master USB controller specified");
        }
        devices.getControllers().clear();
        devices.getControllers().addAll(sorted);
    }
}
