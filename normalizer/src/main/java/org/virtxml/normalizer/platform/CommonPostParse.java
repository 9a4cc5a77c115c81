package org.virtxml.normalizer.platform;

import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainClockTimer;
import org.virtxml.model.DomainClockTimerName;
import org.virtxml.model.DomainClockTimerTickpolicy;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.DomainCurrentMemory;
import org.virtxml.model.DomainMemory;
import org.virtxml.model.DomainMemoryBackingHugepagesPage;
import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainOsBoot;
import org.virtxml.model.DomainOsBootDev;
import org.virtxml.model.DomainOsFirmwareFeature;
import org.virtxml.model.DomainOsLoaderType;
import org.virtxml.model.DomainOsTypeName;
import org.virtxml.model.YesNo;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.model.devices.DomainPanic;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The domain-level part of libvirt's common post-parse (virDomainDefPostParseCommon), before the implicit devices:
 * per-vCPU hotplug defaults, the memory sizes (total from the NUMA cells, balloon target), loader and firmware
 * feature defaults, huge page node sets without guest NUMA, duplicate controllers and panics, the boot order
 * (booting from the first disk when nothing says otherwise) and the timer settings each timer can take.
 */
public final class CommonPostParse implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        if (d.getOs().getType().getValue() == DomainOsTypeName.EXE && d.getOs().getInit() == null) {
            throw NormalizeException.xmlError("init binary must be specified", d.getOs());
        }
        vcpus(d);
        memory(d);
        os(d.getOs());
        hugepageNodesets(d);
        duplicateControllers(ctx);
        duplicatePanics(ctx);
        if (d.getOs().getType().getValue() == DomainOsTypeName.HVM) {
            bootOrder(ctx);
        }
        timers(d);
    }

    /** An online vCPU is not hot-pluggable unless said so, an offline one is; offline and fixed is refused. */
    private static void vcpus(Domain d) {
        List<Vcpus.Vcpu> vcpus = Vcpus.read(d);
        for (int i = 0; i < vcpus.size(); i++) {
            Vcpus.Vcpu v = vcpus.get(i);
            if (v.hotpluggable == null) {
                v.hotpluggable = !v.online;
            } else if (!v.hotpluggable && !v.online) {
                throw NormalizeException.unsupported("vcpu '" + i + "' is both offline and not hotpluggable",
                        d.getVcpus());
            }
        }
        Vcpus.write(d, vcpus);
    }

    /**
     * The total memory is the sum of the NUMA cells when there are cells (libvirt recomputes it for new
     * definitions), plus the memory devices; the balloon starts at the total unless set lower.
     */
    private static void memory(Domain d) {
        long numa = 0;
        if (d.getCpu() != null && d.getCpu().getNuma() != null) {
            for (DomainCpuNumaCell c : d.getCpu().getNuma().getCells()) {
                numa += c.getMemory() == null ? 0 : c.getMemory();
            }
        }
        long hotplug = 0;
        if (d.getDevices() != null) {
            for (DomainMemoryDevice m : d.getDevices().getMemories()) {
                hotplug += MemoryDevices.size(m);
            }
        }
        long total = d.getMemory() == null || d.getMemory().getValue() == null ? 0 : d.getMemory().getValue();
        if (numa > 0) {
            total = numa + hotplug;
        } else if (hotplug > total) {
            throw NormalizeException.xmlError("Total size of memory devices exceeds the total memory size",
                    d.getMemory());
        }
        if (total - hotplug == 0) {
            throw NormalizeException.xmlError(
                    "Memory size must be specified via <memory> or in the <numa> configuration", null);
        }
        if (d.getMemory() == null) {
            d.setMemory(new DomainMemory());
        }
        d.getMemory().setValue(total);
        d.getMemory().setUnit("KiB");
        DomainCurrentMemory cur = d.getCurrentMemory();
        if (cur == null) {
            cur = new DomainCurrentMemory();
            d.setCurrentMemory(cur);
        }
        if (cur.getValue() == null || cur.getValue() == 0 || cur.getValue() > total) {
            cur.setValue(total);
        }
        cur.setUnit("KiB");
        Long max = d.getMaxMemory() == null ? null : d.getMaxMemory().getValue();
        Integer slots = d.getMaxMemory() == null ? null : d.getMaxMemory().getSlots();
        boolean hasMax = max != null && max > 0;
        boolean hasSlots = slots != null && slots > 0;
        if ((hasMax || hasSlots) && !(hasMax && hasSlots)) {
            throw NormalizeException.xmlError("both maximum memory size and memory slot count must be specified",
                    d.getMaxMemory());
        }
        if (hasMax && max < total) {
            throw NormalizeException.xmlError(
                    "maximum memory size must be equal or greater than the actual memory size", d.getMaxMemory());
        }
        if (!hasMax && d.getMaxMemory() != null) {
            d.setMaxMemory(null);
        }
    }

    /**
     * Enrolled Secure Boot keys imply Secure Boot, and contradict it being off; a loader given by path is a ROM
     * unless said otherwise.
     */
    private static void os(DomainOs os) {
        if (os.getFirmware() != null) {
            DomainOsFirmwareFeature enrolled = feature(os, "enrolled-keys");
            if (enrolled != null && enrolled.getEnabled() == YesNo.YES) {
                DomainOsFirmwareFeature secure = feature(os, "secure-boot");
                if (secure != null && secure.getEnabled() == YesNo.NO) {
                    throw new NormalizeException("firmware feature 'enrolled-keys' cannot be enabled when firmware"
                            + " feature 'secure-boot' is disabled", os.getFirmware());
                }
                if (secure == null) {
                    secure = new DomainOsFirmwareFeature();
                    secure.setName("secure-boot");
                    os.getFirmware().getFeatures().add(secure);
                }
                secure.setEnabled(YesNo.YES);
            }
        }
        if (os.getLoader() != null && os.getLoader().getValue() != null && os.getLoader().getType() == null) {
            os.getLoader().setType(DomainOsLoaderType.ROM);
        }
    }

    private static DomainOsFirmwareFeature feature(DomainOs os, String name) {
        for (DomainOsFirmwareFeature f : os.getFirmware().getFeatures()) {
            if (name.equals(f.getName())) {
                return f;
            }
        }
        return null;
    }

    /** Without guest NUMA a huge page size restricted to node 0 applies to all memory. */
    private static void hugepageNodesets(Domain d) {
        if (ControllerDefaults.numaCells(d) > 0 || d.getMemoryBacking() == null
                || d.getMemoryBacking().getHugepages() == null) {
            return;
        }
        for (DomainMemoryBackingHugepagesPage p : d.getMemoryBacking().getHugepages().getPages()) {
            if (p.getNodeset() == null) {
                continue;
            }
            BitSet bits;
            try {
                bits = CpuSetAdapter.parse(p.getNodeset());
            } catch (RuntimeException e) {
                continue;
            }
            if (bits.nextSetBit(1) < 0) {
                p.setNodeset(null);
            }
        }
    }

    /** Each controller type may use each index once, except USB, whose companions share their master's index. */
    private static void duplicateControllers(NormalizeContext ctx) {
        Map<DomainControllerType, Set<Integer>> seen = new HashMap<>();
        for (DomainController c : ctx.devices().getControllers()) {
            if (c.getType() == DomainControllerType.USB) {
                continue;
            }
            if (!seen.computeIfAbsent(c.getType(), t -> new HashSet<>()).add(c.getIndex())) {
                throw NormalizeException.xmlError("Multiple '" + c.getType().xml() + "' controllers with index '"
                        + c.getIndex() + "'", c);
            }
        }
    }

    private static void duplicatePanics(NormalizeContext ctx) {
        Set<String> models = new HashSet<>();
        for (DomainPanic p : ctx.devices().getPanics()) {
            String model = p.getModel() == null ? "default" : p.getModel();
            if (!models.add(model)) {
                throw NormalizeException.xmlError("Multiple panic devices with model '" + model + "'", p);
            }
        }
    }

    /**
     * Boot orders are unique, and per-device orders exclude {@code <os><boot>}; with neither, the guest boots
     * from the first hard disk.
     */
    private static void bootOrder(NormalizeContext ctx) {
        Set<Integer> orders = new HashSet<>();
        for (DomainDevice dev : ctx.devices().all()) {
            if (dev.getBoot() == null || dev.getBoot().getOrder() == null || dev.getBoot().getOrder() == 0) {
                continue;
            }
            if (!orders.add(dev.getBoot().getOrder())) {
                throw NormalizeException.unsupported("boot order '" + dev.getBoot().getOrder()
                        + "' used for more than one device", dev.getBoot());
            }
        }
        DomainOs os = ctx.domain().getOs();
        if (!os.getBoots().isEmpty() && !orders.isEmpty()) {
            throw NormalizeException.unsupported(
                    "per-device boot elements cannot be used together with os/boot elements", os.getBoots().get(0));
        }
        if (os.getBoots().isEmpty() && orders.isEmpty()) {
            DomainOsBoot b = new DomainOsBoot();
            b.setDev(DomainOsBootDev.HD);
            os.getBoots().add(b);
        }
    }

    /** Which timer takes which setting. */
    private static void timers(Domain d) {
        for (DomainClockTimer t : d.getClock().getTimers()) {
            DomainClockTimerName name = t.getName();
            String n = name == null ? "(null)" : name.xml();
            if ((name == DomainClockTimerName.KVMCLOCK || name == DomainClockTimerName.HYPERVCLOCK)
                    && t.getTickpolicy() != null) {
                throw NormalizeException.unsupported("timer " + n + " doesn't support setting of timer tickpolicy", t);
            }
            if (t.getTickpolicy() != DomainClockTimerTickpolicy.CATCHUP && t.getCatchup() != null
                    && (nonZero(t.getCatchup().getThreshold()) || nonZero(t.getCatchup().getLimit())
                    || nonZero(t.getCatchup().getSlew()))) {
                throw NormalizeException.xmlError(
                        "setting of timer catchup policies is only supported with tickpolicy='catchup'", t);
            }
            if (name != DomainClockTimerName.TSC) {
                if (nonZero(t.getFrequency())) {
                    throw NormalizeException.unsupported("timer " + n + " doesn't support setting of timer frequency",
                            t);
                }
                if (t.getMode() != null) {
                    throw NormalizeException.unsupported("timer " + n + " doesn't support setting of timer mode", t);
                }
            }
            if (!TRACKED.contains(name) && t.getTrack() != null) {
                throw NormalizeException.unsupported("timer " + n + " doesn't support setting of timer track", t);
            }
        }
    }

    private static final Set<DomainClockTimerName> TRACKED =
            EnumSet.of(DomainClockTimerName.PLATFORM, DomainClockTimerName.RTC);

    private static boolean nonZero(Long v) {
        return v != null && v != 0;
    }
}
