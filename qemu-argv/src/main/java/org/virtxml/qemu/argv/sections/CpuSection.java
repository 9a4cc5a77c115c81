package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainClockTimer;
import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainFeatureState;
import org.virtxml.model.DomainFeatures;
import org.virtxml.model.DomainFeaturesHyperv;
import org.virtxml.model.DomainFeaturesKvm;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainPanic;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.GuestCpu;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -cpu MODEL,flags} (libvirt's qemuBuildCpuCommandLine): the model ({@code host}, {@code max}, a named
 * model; {@code qemu32} for an i686 guest of a 64-bit emulator without one), vendor and features as
 * {@code name=on/off}, then the paravirtual timers, APIC EOI, PV spinlocks, Hyper-V enlightenments, the Hyper-V
 * crash MSR, KVM features, PMU, cache and physical address bits. Flags without a model get the architecture's
 * default model.
 */
public final class CpuSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        Domain d = ctx.domain();
        GuestCpu cpu = ctx.prepared().guestCpu();
        StringBuilder model = new StringBuilder();
        if (cpu != null && (!cpu.mode().equals("custom") || cpu.model() != null)) {
            modelArg(ctx, cpu, model);
        } else if ("i686".equals(ctx.prepared().arch()) && emulator(ctx).contains("x86_64")) {
            // a 32-bit guest on a 64-bit emulator must not get QEMU's 64-bit default CPU
            model.append("qemu32");
        }
        StringBuilder flags = new StringBuilder();
        timers(d, flags);
        DomainFeatures f = d.getFeatures();
        if (f != null && f.getApic() != null && f.getApic().getEoi() != null) {
            flags.append(",kvm-pv-eoi=").append(f.getApic().getEoi().xml());
        }
        if (f != null && f.getPvspinlock() != null) {
            flags.append(",kvm-pv-unhalt=").append(f.getPvspinlock().getState() == OnOff.OFF ? "off" : "on");
        }
        if (f != null && f.getHyperv() != null) {
            hyperv(f.getHyperv(), flags);
        }
        if (d.getDevices() != null) {
            for (DomainPanic p : d.getDevices().getPanics()) {
                if ("hyperv".equals(p.getModel())) {
                    flags.append(",hv-crash");
                    break;
                }
            }
        }
        if (f != null && f.getKvm() != null) {
            kvm(f.getKvm(), flags);
        }
        if (f != null && f.getPmu() != null) {
            flags.append(",pmu=").append(f.getPmu().getState() == OnOff.OFF ? "off" : "on");
        }
        cache(ctx, d.getCpu(), flags);
        if (d.getCpu() != null && d.getCpu().getMaxphysaddr() != null && d.getCpu().getMaxphysaddr().getMode() != null) {
            switch (d.getCpu().getMaxphysaddr().getMode()) {
                case PASSTHROUGH -> flags.append(",host-phys-bits=on");
                case EMULATE -> flags.append(",phys-bits=").append(d.getCpu().getMaxphysaddr().getBits());
            }
        }
        if (flags.length() > 0 && model.length() == 0) {
            model.append("i686".equals(ctx.prepared().arch()) ? "qemu32" : "qemu64");
        }
        if (model.length() > 0) {
            ctx.add("-cpu", model.append(flags).toString());
        }
    }

    private static String emulator(BuildContext ctx) {
        Domain d = ctx.domain();
        return d.getDevices() != null && d.getDevices().getEmulator() != null ? d.getDevices().getEmulator()
                : ctx.caps().emulator();
    }

    private static void modelArg(BuildContext ctx, GuestCpu cpu, StringBuilder b) {
        switch (cpu.mode()) {
            case "host-passthrough", "maximum" -> {
                b.append(cpu.mode().equals("maximum") ? "max" : "host");
                if (cpu.migratable() != null && ctx.has(QemuCapability.CPU_MIGRATABLE)) {
                    b.append(",migratable=").append(cpu.migratable());
                }
            }
            default -> b.append(cpu.model());
        }
        if (cpu.vendorId() != null) {
            b.append(",vendor=").append(cpu.vendorId());
        }
        for (GuestCpu.Feature feat : cpu.features()) {
            String name = QemuCaps.qemuFeatureName(feat.name());
            switch (feat.policy()) {
                case "force", "require" -> b.append(',').append(name).append("=on");
                case "disable", "forbid" -> b.append(',').append(name).append("=off");
                default -> {
                    // optional features are left to the model
                }
            }
        }
    }

    private static void timers(Domain d, StringBuilder b) {
        if (d.getClock() == null) {
            return;
        }
        for (DomainClockTimer t : d.getClock().getTimers()) {
            if (t.getName() == null) {
                continue;
            }
            switch (t.getName()) {
                case KVMCLOCK -> {
                    if (t.getPresent() != null) {
                        b.append(",kvmclock=").append(t.getPresent() == YesNo.YES ? "on" : "off");
                    }
                }
                case HYPERVCLOCK -> {
                    if (t.getPresent() == YesNo.YES) {
                        b.append(",hv-time=on");
                    }
                }
                case TSC -> {
                    if (t.getFrequency() != null && t.getFrequency() > 0) {
                        b.append(",tsc-frequency=").append(Long.toUnsignedString(t.getFrequency()));
                    }
                }
                case ARMVTIMER -> {
                    if (t.getTickpolicy() != null) {
                        switch (t.getTickpolicy().xml()) {
                            case "delay" -> b.append(",kvm-no-adjvtime=off");
                            case "discard" -> b.append(",kvm-no-adjvtime=on");
                            default -> {
                                // catchup and merge have no QEMU counterpart on ARM
                            }
                        }
                    }
                }
                case PLATFORM, PIT, RTC, HPET -> {
                    // written by ClockSection and MachineSection
                }
            }
        }
    }

    private static boolean on(DomainFeatureState s) {
        return s != null && s.getState() == OnOff.ON;
    }

    private static void hyperv(DomainFeaturesHyperv h, StringBuilder b) {
        if (h.getMode() != null && h.getMode().xml().equals("passthrough")) {
            b.append(",hv-passthrough=on");
        }
        // libvirt's order of the enlightenments (virDomainHyperv)
        flag(b, "relaxed", on(h.getRelaxed()));
        flag(b, "vapic", on(h.getVapic()));
        if (h.getSpinlocks() != null && h.getSpinlocks().getState() == OnOff.ON) {
            b.append(",hv-spinlocks=0x").append(Integer.toHexString(h.getSpinlocks().getRetries()));
        }
        flag(b, "vpindex", on(h.getVpindex()));
        flag(b, "runtime", on(h.getRuntime()));
        flag(b, "synic", on(h.getSynic()));
        if (h.getStimer() != null && h.getStimer().getState() == OnOff.ON) {
            b.append(",hv-stimer=on");
            if (on(h.getStimer().getDirect())) {
                b.append(",hv-stimer-direct=on");
            }
        }
        flag(b, "reset", on(h.getReset()));
        if (h.getVendorId() != null && h.getVendorId().getState() == OnOff.ON) {
            b.append(",hv-vendor-id=").append(h.getVendorId().getValue());
        }
        flag(b, "frequencies", on(h.getFrequencies()));
        flag(b, "reenlightenment", on(h.getReenlightenment()));
        flag(b, "tlbflush", on(h.getTlbflush()));
        flag(b, "ipi", on(h.getIpi()));
        flag(b, "evmcs", on(h.getEvmcs()));
        flag(b, "avic", on(h.getAvic()));
    }

    private static void flag(StringBuilder b, String name, boolean on) {
        if (on) {
            b.append(",hv-").append(name).append("=on");
        }
    }

    private static void kvm(DomainFeaturesKvm k, StringBuilder b) {
        if (on(k.getHidden())) {
            b.append(",kvm=off");
        }
        if (on(k.getHintDedicated())) {
            b.append(",kvm-hint-dedicated=on");
        }
        if (on(k.getPollControl())) {
            b.append(",kvm-poll-control=on");
        }
        if (k.getPvIpi() != null && k.getPvIpi().getState() == OnOff.OFF) {
            b.append(",kvm-pv-ipi=off");
        }
    }

    private static void cache(BuildContext ctx, DomainCpu cpu, StringBuilder b) {
        if (cpu == null || cpu.getCache() == null || cpu.getCache().getMode() == null) {
            return;
        }
        boolean hostOff = false;
        boolean l3Off = false;
        switch (cpu.getCache().getMode()) {
            case EMULATE -> {
                b.append(",l3-cache=on");
                hostOff = true;
            }
            case PASSTHROUGH -> {
                b.append(",host-cache-info=on");
                l3Off = true;
            }
            case DISABLE -> {
                hostOff = true;
                l3Off = true;
            }
        }
        String mode = cpu.getMode() == null ? "custom" : cpu.getMode().xml();
        if (hostOff && (mode.equals("host-passthrough") || mode.equals("maximum"))
                && ctx.has(QemuCapability.CPU_CACHE)) {
            b.append(",host-cache-info=off");
        }
        if (l3Off && ctx.has(QemuCapability.CPU_CACHE)) {
            b.append(",l3-cache=off");
        }
    }
}
