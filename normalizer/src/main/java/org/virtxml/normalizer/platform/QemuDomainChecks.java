package org.virtxml.normalizer.platform;

import java.util.Optional;
import org.virtxml.caps.MachineType;
import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainClock;
import org.virtxml.model.DomainClockOffset;
import org.virtxml.model.DomainClockTimer;
import org.virtxml.model.DomainClockTimerTickpolicy;
import org.virtxml.model.DomainClockTimerTrack;
import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainCpuCache;
import org.virtxml.model.DomainCpuMaxphysaddr;
import org.virtxml.model.DomainCpuMode;
import org.virtxml.model.DomainCpuNumaCell;
import org.virtxml.model.DomainFeatures;
import org.virtxml.model.DomainLaunchSecurityType;
import org.virtxml.model.DomainLifecycleAction;
import org.virtxml.model.DomainMemoryAccess;
import org.virtxml.model.DomainMemoryAllocation;
import org.virtxml.model.DomainMemoryBacking;
import org.virtxml.model.DomainMemoryBackingSourceType;
import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainOsFirmwareType;
import org.virtxml.model.DomainOsLoaderType;
import org.virtxml.model.DomainOsTypeName;
import org.virtxml.model.DomainSysinfo;
import org.virtxml.model.DomainSysinfoEntry;
import org.virtxml.model.DomainSysinfoType;
import org.virtxml.model.DomainType;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainAddressIsa;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.model.devices.DomainPanic;
import org.virtxml.model.devices.DomainTpm;
import org.virtxml.model.devices.DomainTpmModel;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * QEMU's domain-level validation (qemuValidateDomainDef), which never changes the domain: the emulator must run
 * the OS type, architecture, virt type and machine type; and the platform settings it cannot honour are refused
 * (lifecycle actions, CPU details, memory hotplug, I/O thread pools, timers, power management, secure boot, vCPU
 * counts, features, huge pages, NUMA, consoles, fw_cfg names, panic devices, TPMs, launch security).
 */
public final class QemuDomainChecks implements Stage {
    /** x86 guests with more vCPUs than this need extended interrupt mode (x2APIC ids beyond 8 bits). */
    static final int MAX_VCPUS_WITHOUT_EIM = 255;

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        QemuCaps caps = ctx.caps();
        String emulator = ctx.devices().getEmulator();
        DomainOs os = d.getOs();
        DomainOsTypeName osType = os.getType().getValue();
        if (osType != DomainOsTypeName.HVM) {
            throw NormalizeException.unsupported("Emulator '" + emulator + "' does not support os type '"
                    + (osType == null ? "(null)" : osType.xml()) + "'", os);
        }
        if (!archSupported(caps.arch(), ctx.arch())) {
            throw NormalizeException.unsupported("Emulator '" + emulator + "' does not support arch '" + ctx.arch()
                    + "'", os.getType());
        }
        if (!virtTypeSupported(caps, d.getType())) {
            throw NormalizeException.unsupported("Emulator '" + emulator + "' does not support virt type '"
                    + d.getType().xml() + "'", d);
        }
        VirtType accel = ctx.accel();
        if (accel == null || !caps.isMachineSupported(accel, ctx.machine())) {
            throw NormalizeException.unsupported("Emulator '" + emulator + "' does not support machine type '"
                    + ctx.machine() + "'", os.getType());
        }
        if (d.getMemtune() != null && d.getMemtune().getMinGuarantee() != null) {
            throw NormalizeException.unsupported("Parameter 'min_guarantee' not supported by QEMU.", d.getMemtune());
        }
        boolean acpi = d.getFeatures() != null && d.getFeatures().getAcpi() != null;
        if ((os.getFirmwareType() == DomainOsFirmwareType.EFI || oldStyleUefi(os)) && ctx.isX86() && !acpi) {
            throw NormalizeException.unsupported("UEFI requires ACPI on this architecture", os);
        }
        if (d.getGenid() != null && !caps.has(QemuCapability.DEVICE_VMGENID)) {
            throw NormalizeException.unsupported("this QEMU does not support the 'genid' capability", null);
        }
        if (os.getBios() != null && os.getBios().getUseserial() == YesNo.YES) {
            if (!ctx.isX86()) {
                throw NormalizeException.unsupported("BIOS serial console only supported on x86 architectures",
                        os.getBios());
            }
            if (ctx.devices().getSerials().isEmpty()) {
                throw NormalizeException.xmlError("need at least one serial port to use BIOS serial output",
                        os.getBios());
            }
        }
        lifecycle(d);
        cpu(ctx);
        memoryHotplug(ctx);
        iothreads(ctx);
        timers(ctx);
        pm(ctx);
        boot(ctx);
        vcpuTopology(ctx);
        if (d.getCputune() != null && (!d.getCputune().getCachetunes().isEmpty()
                || !d.getCputune().getMemorytunes().isEmpty()) && d.getType() != DomainType.KVM) {
            throw NormalizeException.unsupported("cachetune is only supported for KVM domains", d.getCputune());
        }
        features(ctx);
        memory(ctx);
        numa(ctx);
        consoles(ctx);
        for (DomainSysinfo s : d.getSysinfos()) {
            sysinfo(s);
        }
        panics(ctx);
        tpms(ctx);
        if (d.getLaunchSecurity() != null && d.getLaunchSecurity().getType() == DomainLaunchSecurityType.SEV) {
            if (!caps.has(QemuCapability.SEV_GUEST)) {
                throw NormalizeException.unsupported("SEV launch security is not supported with this QEMU binary",
                        d.getLaunchSecurity());
            }
            if (d.getLaunchSecurity().getKernelHashes() != null
                    && !caps.has(QemuCapability.SEV_GUEST_KERNEL_HASHES)) {
                throw NormalizeException.unsupported(
                        "SEV measured direct kernel boot is not supported with this QEMU binary",
                        d.getLaunchSecurity());
            }
        } else if (d.getLaunchSecurity() != null
                && d.getLaunchSecurity().getType() == DomainLaunchSecurityType.S390_PV) {
            if (!caps.has(QemuCapability.MACHINE_CONFIDENTAL_GUEST_SUPPORT)
                    || !caps.has(QemuCapability.S390_PV_GUEST)) {
                throw NormalizeException.unsupported(
                        "S390 PV launch security is not supported with this QEMU binary", d.getLaunchSecurity());
            }
            throw NormalizeException.unsupported("S390 PV launch security is not supported by this host or kernel",
                    d.getLaunchSecurity());
        }
    }

    /** An old-style UEFI loader: a pflash image given by path. */
    static boolean oldStyleUefi(DomainOs os) {
        return os.getLoader() != null && os.getLoader().getType() == DomainOsLoaderType.PFLASH;
    }

    /** An emulator runs its own architecture and the 32-bit one it contains (virQEMUCapsIsArchSupported). */
    static boolean archSupported(String emulatorArch, String arch) {
        return arch.equals(emulatorArch)
                || (emulatorArch.equals("x86_64") && arch.equals("i686"))
                || (emulatorArch.equals("aarch64") && arch.equals("armv7l"))
                || (emulatorArch.equals("armv7l") && arch.equals("armv6l"))
                || (emulatorArch.equals("ppc64") && arch.equals("ppc64le"));
    }

    /** {@code qemu} needs TCG, {@code kvm} KVM, {@code hvf} Hypervisor.framework; nothing else runs on QEMU. */
    static boolean virtTypeSupported(QemuCaps caps, DomainType type) {
        return switch (type) {
            case QEMU -> caps.has(QemuCapability.TCG);
            case KVM -> caps.has(QemuCapability.KVM);
            case HVF -> caps.has(QemuCapability.HVF);
            default -> false;
        };
    }

    /** QEMU has no rename-restart, cannot preserve a guest, nor reboot on power-off while destroying on reboot. */
    private static void lifecycle(Domain d) {
        DomainLifecycleAction off = d.getOnPoweroff();
        DomainLifecycleAction reboot = d.getOnReboot();
        DomainLifecycleAction crash = d.getOnCrash();
        if (off == DomainLifecycleAction.RENAME_RESTART || reboot == DomainLifecycleAction.RENAME_RESTART
                || crash == DomainLifecycleAction.RENAME_RESTART) {
            throw NormalizeException.unsupported("qemu driver doesn't support the 'rename-restart' action for"
                    + " 'on_reboot'/'on_poweroff'/'on_crash'", null);
        }
        if (off == DomainLifecycleAction.PRESERVE || reboot == DomainLifecycleAction.PRESERVE) {
            throw NormalizeException.unsupported(
                    "qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'", null);
        }
        if (off == DomainLifecycleAction.RESTART && reboot == DomainLifecycleAction.DESTROY) {
            throw NormalizeException.unsupported("qemu driver doesn't support 'onReboot' set to 'destroy and"
                    + " 'onPoweroff' set to 'reboot'", null);
        }
    }

    private static void cpu(NormalizeContext ctx) {
        DomainCpu cpu = ctx.domain().getCpu();
        if (cpu == null) {
            return;
        }
        String arch = ctx.arch();
        DomainCpuMaxphysaddr addr = cpu.getMaxphysaddr();
        if (addr != null) {
            if (!ctx.isX86()) {
                throw NormalizeException.unsupported("CPU maximum physical address bits specification is not"
                        + " supported for '" + arch + "' architecture", addr);
            }
            if (addr.getMode() != null) {
                switch (addr.getMode()) {
                    case PASSTHROUGH -> {
                        if (addr.getBits() != null) {
                            throw NormalizeException.unsupported("CPU maximum physical address bits number"
                                    + " specification cannot be used with mode='passthrough'", addr);
                        }
                    }
                    case EMULATE -> {
                        if (addr.getBits() == null) {
                            throw NormalizeException.unsupported("if using CPU maximum physical address"
                                    + " mode='emulate', bits= must be specified too", addr);
                        }
                        Integer hostBits = ctx.caps().host().cpu().maxPhysAddrBits();
                        if (hostBits != null && addr.getBits() > hostBits) {
                            throw NormalizeException.unsupported("The number of virtual CPU address bits cannot"
                                    + " exceed the number supported by the host CPU", addr);
                        }
                    }
                }
            }
        }
        DomainCpuCache cache = cpu.getCache();
        if (cache != null) {
            if (!ctx.isX86()) {
                throw NormalizeException.unsupported("CPU cache specification is not supported for '" + arch
                        + "' architecture", cache);
            }
            if (cache.getMode() != null) {
                switch (cache.getMode()) {
                    case EMULATE -> {
                        if (cache.getLevel() == null || cache.getLevel() != 3) {
                            throw NormalizeException.unsupported(
                                    "CPU cache mode 'emulate' can only be used with level='3'", cache);
                        }
                    }
                    case PASSTHROUGH -> {
                        if (cpu.getMode() != DomainCpuMode.HOST_PASSTHROUGH && cpu.getMode() != DomainCpuMode.MAXIMUM) {
                            throw NormalizeException.unsupported("CPU cache mode 'passthrough' can only be used with"
                                    + " 'host-passthrough' / 'maximum' CPUs", cache);
                        }
                        if (cache.getLevel() != null) {
                            throw NormalizeException.unsupported(
                                    "unsupported CPU cache level for mode 'passthrough'", cache);
                        }
                    }
                    case DISABLE -> {
                        if (cache.getLevel() != null) {
                            throw NormalizeException.unsupported(
                                    "unsupported CPU cache level for mode 'disable'", cache);
                        }
                    }
                }
            }
        }
        if (cpu.getMode() == DomainCpuMode.HOST_PASSTHROUGH && cpu.getMigratable() == OnOff.ON
                && !ctx.caps().has(QemuCapability.CPU_MIGRATABLE)) {
            throw NormalizeException.unsupported("Migratable attribute for host-passthrough CPU is not supported by"
                    + " this QEMU binary", cpu);
        }
        if (cpu.getMode() == DomainCpuMode.MAXIMUM && !ctx.caps().has(QemuCapability.CPU_MAX)) {
            throw NormalizeException.unsupported("maximum CPU is not supported by QEMU binary", cpu);
        }
    }

    /** Memory modules need {@code <maxMemory>}, guest NUMA (except on ppc64), free slots and hotplug space. */
    private static void memoryHotplug(NormalizeContext ctx) {
        Domain d = ctx.domain();
        int nmems = ctx.devices().getMemories().size();
        if (d.getMaxMemory() == null) {
            if (nmems > 0) {
                throw NormalizeException.unsupported("cannot use/hotplug a memory device when domain 'maxMemory'"
                        + " is not defined", null);
            }
            return;
        }
        int cells = ControllerDefaults.numaCells(d);
        if (!ctx.arch().startsWith("ppc64") && cells == 0) {
            throw NormalizeException.unsupported(
                    "At least one numa node has to be configured when enabling memory hotplug", d.getMaxMemory());
        }
        int slots = d.getMaxMemory().getSlots() == null ? 0 : d.getMaxMemory().getSlots();
        if (nmems > slots) {
            throw NormalizeException.unsupported("memory device count '" + nmems + "' exceeds slots count '"
                    + slots + "'", d.getMaxMemory());
        }
        long hotplug = 0;
        for (DomainMemoryDevice m : ctx.devices().getMemories()) {
            hotplug += MemoryDevices.size(m);
            String model = m.getModel() == null ? "" : m.getModel();
            switch (model) {
                case "dimm", "nvdimm" -> {
                    if (m.getAddress() != null && !(m.getAddress() instanceof DomainAddressDimm)) {
                        throw NormalizeException.unsupported(
                                "only 'dimm' addresses are supported for the pc-dimm device", m);
                    }
                    if (cells != 0 && (m.getTarget() == null || m.getTarget().getNode() == null)) {
                        throw NormalizeException.unsupported(
                                "target NUMA node needs to be specified for memory device", m);
                    }
                    if (m.getAddress() instanceof DomainAddressDimm a) {
                        int slot = a.getSlot() == null ? 0 : a.getSlot();
                        if (slot >= slots) {
                            throw NormalizeException.unsupported("memory device slot '" + slot
                                    + "' exceeds slots count '" + slots + "'", m);
                        }
                        dimmConflict(ctx, m, a);
                    }
                }
                case "virtio-pmem" -> {
                    if (m.getAddress() != null && !(m.getAddress() instanceof DomainAddressPci)) {
                        throw NormalizeException.unsupported(
                                "only 'pci' addresses are supported for the virtio-pmem device", m);
                    }
                }
                case "virtio-mem" -> {
                    if (m.getAddress() != null && !(m.getAddress() instanceof DomainAddressPci)) {
                        throw NormalizeException.unsupported(
                                "only 'pci' addresses are supported for the virtio-mem device", m);
                    }
                    if (cells != 0 && (m.getTarget() == null || m.getTarget().getNode() == null)) {
                        throw NormalizeException.unsupported(
                                "target NUMA node needs to be specified for memory device", m);
                    }
                }
                default -> {
                }
            }
        }
        long initial = d.getMemory().getValue() - hotplug;
        long space = d.getMaxMemory().getValue() - initial;
        if (hotplug > space) {
            throw NormalizeException.unsupported("memory device total size exceeds hotplug space", d.getMaxMemory());
        }
    }

    /** Two DIMMs may not share a slot, nor a base address. */
    private static void dimmConflict(NormalizeContext ctx, DomainMemoryDevice mem, DomainAddressDimm a) {
        for (DomainMemoryDevice o : ctx.devices().getMemories()) {
            if (o == mem || !(o.getAddress() instanceof DomainAddressDimm b)) {
                continue;
            }
            int slot = a.getSlot() == null ? 0 : a.getSlot();
            if (b.getSlot() != null && b.getSlot() == slot) {
                throw NormalizeException.unsupported("memory device slot '" + slot + "' is already being used by"
                        + " another memory device", mem);
            }
            if (a.getBase() != null && a.getBase() != 0 && a.getBase().equals(b.getBase())) {
                throw NormalizeException.unsupported(String.format("memory device base '0x%x' is already being"
                        + " used by another memory device", a.getBase()), mem);
            }
        }
    }

    private static void iothreads(NormalizeContext ctx) {
        Domain d = ctx.domain();
        boolean pools = false;
        if (d.getIothreadids() != null) {
            for (var t : d.getIothreadids().getIothreads()) {
                if (t.getThreadPoolMin() != null || t.getThreadPoolMax() != null) {
                    pools = true;
                }
            }
        }
        if (d.getDefaultiothread() != null && (d.getDefaultiothread().getThreadPoolMin() != null
                || d.getDefaultiothread().getThreadPoolMax() != null)) {
            pools = true;
        }
        if (pools && !ctx.caps().has(QemuCapability.IOTHREAD_THREAD_POOL_MAX)) {
            throw NormalizeException.unsupported(
                    "thread_pool_min and thread_pool_max is not supported by this QEMU binary", d.getIothreadids());
        }
    }

    private static void timers(NormalizeContext ctx) {
        Domain d = ctx.domain();
        DomainClock clock = d.getClock();
        for (DomainClockTimer t : clock.getTimers()) {
            if (t.getName() == null) {
                continue;
            }
            String name = t.getName().xml();
            switch (t.getName()) {
                case PLATFORM -> throw NormalizeException.unsupported("unsupported timer type (name) '" + name + "'",
                        t);
                case TSC, KVMCLOCK, HYPERVCLOCK -> {
                    if (!ctx.isX86() && t.getPresent() == YesNo.YES) {
                        throw NormalizeException.unsupported("Configuring the '" + name + "' timer is not supported"
                                + " for virtType=" + d.getType().xml() + " arch=" + ctx.arch() + " machine="
                                + ctx.machine() + " guests", t);
                    }
                }
                case RTC -> {
                    if (t.getTrack() == DomainClockTimerTrack.BOOT) {
                        throw NormalizeException.unsupported("unsupported rtc timer track 'boot'", t);
                    }
                    if (t.getTickpolicy() == DomainClockTimerTickpolicy.MERGE
                            || t.getTickpolicy() == DomainClockTimerTickpolicy.DISCARD) {
                        throw NormalizeException.unsupported("unsupported rtc timer tickpolicy '"
                                + t.getTickpolicy().xml() + "'", t);
                    }
                }
                case PIT -> {
                    if ((t.getTickpolicy() == DomainClockTimerTickpolicy.CATCHUP
                            && !ctx.caps().has(QemuCapability.KVM_PIT_TICK_POLICY))
                            || t.getTickpolicy() == DomainClockTimerTickpolicy.MERGE) {
                        throw NormalizeException.unsupported("unsupported pit tickpolicy '" + t.getTickpolicy().xml()
                                + "'", t);
                    }
                }
                case HPET -> {
                    if (!ctx.caps().has(QemuCapability.NO_HPET) && t.getPresent() == YesNo.YES) {
                        throw NormalizeException.unsupported("hpet timer is not supported", t);
                    }
                }
                case ARMVTIMER -> throw NormalizeException.unsupported("Configuring the '" + name + "' timer is not"
                        + " supported for virtType=" + d.getType().xml() + " arch=" + ctx.arch() + " machine="
                        + ctx.machine() + " guests", t);
            }
        }
        if (clock.getOffset() == DomainClockOffset.ABSOLUTE && clock.getStart() != null
                && clock.getStart() > 253402300799L) {
            throw NormalizeException.unsupported(
                    "The maximum 'start' value for <clock offset='absolute'> is 253402300799", clock);
        }
    }

    private static void pm(NormalizeContext ctx) {
        Domain d = ctx.domain();
        if (d.getPm() == null) {
            return;
        }
        boolean q35 = ctx.isQ35();
        if (d.getPm().getSuspendToMem() != null && d.getPm().getSuspendToMem().getEnabled() != null
                && !(q35 && ctx.caps().has(QemuCapability.ICH9_DISABLE_S3))
                && !ctx.caps().has(QemuCapability.PIIX_DISABLE_S3)) {
            throw NormalizeException.unsupported("setting ACPI S3 not supported", d.getPm());
        }
        if (d.getPm().getSuspendToDisk() != null && d.getPm().getSuspendToDisk().getEnabled() != null
                && !(q35 && ctx.caps().has(QemuCapability.ICH9_DISABLE_S4))
                && !ctx.caps().has(QemuCapability.PIIX_DISABLE_S4)) {
            throw NormalizeException.unsupported("setting ACPI S4 not supported", d.getPm());
        }
    }

    /** Secure boot: q35 only, x86_64 only, and with a manually chosen firmware SMM must be on. */
    private static void boot(NormalizeContext ctx) {
        DomainOs os = ctx.domain().getOs();
        if (os.getLoader() == null || os.getLoader().getSecure() != YesNo.YES) {
            return;
        }
        if (!ctx.isQ35()) {
            throw NormalizeException.unsupported("Secure boot is supported with q35 machine types only",
                    os.getLoader());
        }
        if (!ctx.arch().equals("x86_64")) {
            throw NormalizeException.unsupported("Secure boot is supported for x86_64 architecture only",
                    os.getLoader());
        }
        DomainFeatures f = ctx.domain().getFeatures();
        boolean smm = f != null && f.getSmm() != null && f.getSmm().getState() != OnOff.OFF;
        if (os.getFirmwareType() == null && !smm) {
            throw NormalizeException.unsupported("Secure boot requires SMM feature enabled", os.getLoader());
        }
    }

    private static void vcpuTopology(NormalizeContext ctx) {
        Domain d = ctx.domain();
        int max = Vcpus.max(d);
        Optional<MachineType> machine = ctx.accel() == null ? Optional.empty()
                : ctx.caps().machine(ctx.accel(), ctx.machine());
        int maxCpus = machine.map(MachineType::maxCpus).orElse(0);
        if (Vcpus.online(d) == 0) {
            throw NormalizeException.unsupported("Domain requires at least 1 vCPU", d.getVcpu());
        }
        if (maxCpus > 0 && max > maxCpus) {
            throw NormalizeException.unsupported("Maximum CPUs greater than specified machine type limit " + maxCpus,
                    d.getVcpu());
        }
        if (ctx.caps().has(QemuCapability.QUERY_HOTPLUGGABLE_CPUS)) {
            DomainChecks.topology(d);
        }
        if (ctx.isX86() && max > MAX_VCPUS_WITHOUT_EIM) {
            if (!ctx.isQ35()) {
                throw NormalizeException.unsupported("more than " + MAX_VCPUS_WITHOUT_EIM
                        + " vCPUs are only supported on q35-based machine types", d.getVcpu());
            }
            if (ctx.devices().getIommu() == null || ctx.devices().getIommu().getDriver() == null
                    || ctx.devices().getIommu().getDriver().getEim() != OnOff.ON) {
                throw NormalizeException.unsupported("more than " + MAX_VCPUS_WITHOUT_EIM + " vCPUs require"
                        + " extended interrupt mode enabled on the iommu device", d.getVcpu());
            }
        }
    }

    private static void features(NormalizeContext ctx) {
        Domain d = ctx.domain();
        DomainFeatures f = d.getFeatures();
        if (f == null) {
            return;
        }
        String where = "architecture '" + ctx.arch() + "' or machine type '" + ctx.machine() + "'";
        if (f.getIoapic() != null && !ctx.isX86()) {
            throw NormalizeException.unsupported("The 'ioapic' feature is not supported for " + where, f);
        }
        boolean pseries = ctx.arch().startsWith("ppc64") && ctx.machine() != null
                && (ctx.machine().equals("pseries") || ctx.machine().startsWith("pseries-"));
        String[] pseriesFeatures = {"hpt", "htm", "nested-hv", "ccf-assist", "cfpc", "sbbc", "ibs"};
        Object[] present = {f.getHpt(), f.getHtm(), f.getNestedHv(), f.getCcfAssist(), f.getCfpc(), f.getSbbc(),
            f.getIbs()};
        for (int i = 0; i < pseriesFeatures.length; i++) {
            if (present[i] != null && !pseries) {
                throw NormalizeException.unsupported("The '" + pseriesFeatures[i] + "' feature is not supported for "
                        + where, f);
            }
        }
        if (f.getGic() != null && !(ctx.arch().equals("aarch64") || ctx.arch().startsWith("armv7"))) {
            throw NormalizeException.unsupported("The 'gic' feature is not supported for " + where, f);
        }
        if (f.getVmport() != null && !vmportSupported(ctx)) {
            throw NormalizeException.unsupported("vmport is not available with this QEMU binary", f);
        }
        if (f.getVmcoreinfo() != null && f.getVmcoreinfo().getState() != OnOff.OFF
                && !ctx.caps().has(QemuCapability.DEVICE_VMCOREINFO)) {
            throw NormalizeException.unsupported("vmcoreinfo is not available with this QEMU binary", f);
        }
        if (f.getApic() != null && f.getApic().getEoi() != null && !ctx.isX86()) {
            throw NormalizeException.unsupported("The 'eoi' attribute of the 'apic' feature is not supported for "
                    + where, f);
        }
        if (f.getPvspinlock() != null && !ctx.isX86()) {
            throw NormalizeException.unsupported("The 'pvspinlock' feature is not supported for " + where, f);
        }
        if (f.getHyperv() != null && !ctx.isX86() && !(ctx.arch().equals("aarch64") || ctx.arch().startsWith("armv7"))) {
            throw NormalizeException.unsupported("Hyperv features are not supported for " + where, f);
        }
        if (f.getPmu() != null && f.getPmu().getState() == OnOff.OFF && ctx.arch().startsWith("ppc64")) {
            throw NormalizeException.unsupported("PMU is always enabled for architecture '" + ctx.arch() + "'", f);
        }
        if (f.getTcg() != null) {
            if (d.getType() != DomainType.QEMU) {
                throw NormalizeException.unsupported("TCG features are incompatible with domain type '"
                        + d.getType().xml() + "'", f);
            }
            if (f.getTcg().getTbCache() != null && f.getTcg().getTbCache().getValue() != null
                    && (f.getTcg().getTbCache().getValue() & 0x3ff) != 0) {
                throw NormalizeException.unsupported("tb-cache size must be an integer multiple of MiB", f);
            }
        }
    }

    /** vmport is a PC machine option (virQEMUCapsSupportsVmport). */
    private static boolean vmportSupported(NormalizeContext ctx) {
        return ctx.caps().has(QemuCapability.MACHINE_VMPORT_OPT) && ctx.isX86()
                && (ctx.isI440fx() || ctx.isQ35() || "isapc".equals(ctx.machine()));
    }

    /** Huge pages exclude on-demand allocation and anonymous memory; memfd needs QEMU's hugetlb support. */
    private static void memory(NormalizeContext ctx) {
        DomainMemoryBacking mb = ctx.domain().getMemoryBacking();
        if (mb == null || mb.getHugepages() == null) {
            return;
        }
        if (mb.getAllocation() != null && mb.getAllocation().getMode() == DomainMemoryAllocation.ONDEMAND) {
            throw NormalizeException.unsupported("hugepages are not allowed with memory allocation ondemand", mb);
        }
        if (mb.getAllocation() != null && mb.getAllocation().getThreads() != null
                && mb.getAllocation().getThreads() > 0
                && !ctx.caps().has(QemuCapability.MEMORY_BACKEND_PREALLOC_THREADS)) {
            throw NormalizeException.unsupported("preallocation threads are unsupported with this QEMU", mb);
        }
        DomainMemoryBackingSourceType src = mb.getSource() == null ? null : mb.getSource().getType();
        if (src == DomainMemoryBackingSourceType.ANONYMOUS) {
            throw NormalizeException.unsupported("hugepages are not allowed with anonymous memory source", mb);
        }
        if (src == DomainMemoryBackingSourceType.MEMFD
                && !ctx.caps().has(QemuCapability.OBJECT_MEMORY_MEMFD_HUGETLB)) {
            throw NormalizeException.unsupported("hugepages is not supported with memfd memory source", mb);
        }
        String ramId = ctx.accel() == null ? null : ctx.caps().machine(ctx.accel(), ctx.machine())
                .map(MachineType::defaultRamId).orElse(null);
        DomainMemoryAccess access = mb.getAccess() == null ? null : mb.getAccess().getMode();
        long pageSize = ctx.caps().host().cpu().pageSizesKiB().isEmpty() ? 4
                : ctx.caps().host().cpu().pageSizesKiB().get(0);
        Long first = mb.getHugepages().getPages().isEmpty() ? null : mb.getHugepages().getPages().get(0).getSize();
        if (ramId == null && (first == null || first != pageSize) && ControllerDefaults.numaCells(ctx.domain()) == 0
                && access != null && access != DomainMemoryAccess.PRIVATE) {
            throw NormalizeException.unsupported("memory access mode '" + access.xml() + "' not supported without"
                    + " guest numa node", mb);
        }
    }

    private static void numa(NormalizeContext ctx) {
        DomainCpu cpu = ctx.domain().getCpu();
        if (cpu == null || cpu.getNuma() == null) {
            return;
        }
        boolean hmat = cpu.getNuma().getInterconnects() != null
                && !cpu.getNuma().getInterconnects().getInterconnects().isEmpty();
        for (DomainCpuNumaCell c : cpu.getNuma().getCells()) {
            if (!c.getCaches().isEmpty()) {
                hmat = true;
            }
        }
        if (hmat && !ctx.caps().has(QemuCapability.NUMA_HMAT)) {
            throw NormalizeException.unsupported("HMAT is not supported with this QEMU", cpu.getNuma());
        }
    }

    private static void consoles(NormalizeContext ctx) {
        for (DomainConsole c : ctx.devices().getConsoles()) {
            String t = c.getTarget() == null || c.getTarget().getType() == null ? "serial" : c.getTarget().getType();
            switch (t) {
                case "sclp" -> {
                    if (!ctx.caps().has(QemuCapability.DEVICE_SCLPCONSOLE)) {
                        throw NormalizeException.unsupported("sclpconsole is not supported in this QEMU binary", c);
                    }
                }
                case "sclplm" -> {
                    if (!ctx.caps().has(QemuCapability.DEVICE_SCLPLMCONSOLE)) {
                        throw NormalizeException.unsupported("sclplmconsole is not supported in this QEMU binary", c);
                    }
                }
                case "virtio", "serial" -> {
                }
                default -> throw NormalizeException.unsupported("unsupported console target type " + t, c);
            }
        }
    }

    /** fw_cfg entries live under {@code opt/}, outside the names QEMU's own firmware uses. */
    private static void sysinfo(DomainSysinfo s) {
        if (s.getType() != DomainSysinfoType.FWCFG) {
            return;
        }
        for (DomainSysinfoEntry e : s.getEntries()) {
            String name = e.getName() == null ? "" : e.getName();
            if (!name.startsWith("opt/")) {
                throw NormalizeException.unsupported("Invalid firmware name", e);
            }
            if (name.startsWith("opt/ovmf/") || name.startsWith("opt/org.qemu/")) {
                throw NormalizeException.unsupported("That firmware name is reserved", e);
            }
        }
    }

    private static void panics(NormalizeContext ctx) {
        for (DomainPanic p : ctx.devices().getPanics()) {
            String model = p.getModel() == null ? "" : p.getModel();
            switch (model) {
                case "s390" -> {
                    if (!ctx.arch().startsWith("s390")) {
                        throw NormalizeException.unsupported("only S390 guests support panic device of model 's390'",
                                p);
                    }
                    if (p.getAddress() != null) {
                        throw NormalizeException.unsupported(
                                "setting the panic device address is not supported for model 's390'", p);
                    }
                }
                case "hyperv" -> {
                    if (!ctx.isX86()) {
                        throw NormalizeException.unsupported(
                                "only i686 and x86_64 guests support panic device of model 'hyperv'", p);
                    }
                    if (p.getAddress() != null) {
                        throw NormalizeException.unsupported(
                                "setting the panic device address is not supported for model 'hyperv'", p);
                    }
                }
                case "pseries" -> throw NormalizeException.unsupported(
                        "only pSeries guests support panic device of model 'pseries'", p);
                case "isa" -> {
                    if (!ctx.caps().has(QemuCapability.DEVICE_PANIC)) {
                        throw NormalizeException.unsupported("the QEMU binary does not support the ISA panic device",
                                p);
                    }
                    if (p.getAddress() != null && !(p.getAddress() instanceof DomainAddressIsa)) {
                        throw NormalizeException.unsupported("panic is supported only with ISA address type", p);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void tpms(NormalizeContext ctx) {
        boolean proxy = false;
        boolean regular = false;
        for (DomainTpm t : ctx.devices().getTpms()) {
            if (t.getModel() == DomainTpmModel.SPAPR_TPM_PROXY) {
                if (proxy) {
                    throw NormalizeException.unsupported("only a single TPM Proxy device is supported", t);
                }
                proxy = true;
            } else {
                if (regular) {
                    throw NormalizeException.unsupported("only a single TPM non-proxy device is supported", t);
                }
                regular = true;
            }
        }
    }
}
