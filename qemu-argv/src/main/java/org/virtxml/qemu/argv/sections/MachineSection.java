package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.MachineType;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainClockTimer;
import org.virtxml.model.DomainClockTimerName;
import org.virtxml.model.DomainFeatures;
import org.virtxml.model.DomainKeywrapCipher;
import org.virtxml.model.DomainMemory;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -machine TYPE,usb=off,...} (libvirt's qemuBuildMachineCommandLine): {@code usb=off} so QEMU creates no
 * USB controller of its own, key wrapping, machine features (vmport, smm, ioapic, ...), guest core dumps, memory
 * (KSM, NVDIMM, SGX EPC sections, the default RAM backend's id), the boot device's {@code loadparm}, launch
 * security, the UEFI pflash nodes, HMAT, {@code graphics=off} for a BIOS on the serial console, and the HPET.
 */
public final class MachineSection implements Section {

    /** The node names PflashSection gives the firmware image and its variable store. */
    static final String PFLASH0 = "libvirt-pflash0-format";
    static final String PFLASH1 = "libvirt-pflash1-format";

    @Override
    public void build(BuildContext ctx) {
        Domain d = ctx.domain();
        // the machine name is not escaped: it is one of QEMU's own names
        KeyValue m = KeyValue.create().raw(ctx.prepared().machine()).raw("usb=off");
        if (d.getKeywrap() != null) {
            keywrap(ctx, m, "aes", "aes-key-wrap", QemuCapability.AES_KEY_WRAP);
            keywrap(ctx, m, "dea", "dea-key-wrap", QemuCapability.DEA_KEY_WRAP);
        }
        features(d.getFeatures(), ctx.prepared().firmware().smm(), m);
        if (d.getDevices() != null && d.getDevices().getIommu() != null
                && "smmuv3".equals(d.getDevices().getIommu().getModel())) {
            m.raw("iommu=smmuv3");
        }
        memory(ctx, m);
        if (ctx.has(QemuCapability.LOADPARM)) {
            loadparm(ctx, m);
        }
        if (d.getLaunchSecurity() != null) {
            switch (d.getLaunchSecurity().getType()) {
                case SEV -> m.raw(ctx.has(QemuCapability.MACHINE_CONFIDENTAL_GUEST_SUPPORT)
                        ? "confidential-guest-support=lsec0" : "memory-encryption=lsec0");
                case S390_PV -> m.raw("confidential-guest-support=lsec0");
            }
        }
        if (ctx.prepared().firmware().pflash()) {
            m.raw("pflash0=" + PFLASH0);
            if (ctx.prepared().firmware().nvramPath() != null || ctx.prepared().firmware().nvramNetwork()) {
                m.raw("pflash1=" + PFLASH1);
            }
        }
        if (NumaSection.hasHmat(d)) {
            m.raw("hmat=on");
        }
        if (d.getOs().getBios() != null && d.getOs().getBios().getUseserial() == YesNo.YES) {
            // on x86 this switches the firmware's output to the serial console
            m.raw("graphics=off");
        }
        if (d.getClock() != null) {
            for (DomainClockTimer t : d.getClock().getTimers()) {
                // without the machine property, ClockSection writes the old -no-hpet
                if (t.getName() == DomainClockTimerName.HPET && ctx.has(QemuCapability.MACHINE_HPET)
                        && t.getPresent() != null) {
                    m.raw("hpet=" + (t.getPresent() == YesNo.YES ? "on" : "off"));
                }
            }
        }
        ctx.add("-machine", m);
    }

    private static void keywrap(BuildContext ctx, KeyValue m, String cipher, String property, QemuCapability cap) {
        for (DomainKeywrapCipher c : ctx.domain().getKeywrap().getCiphers()) {
            if (cipher.equals(c.getName()) && c.getState() != null) {
                if (!ctx.has(cap)) {
                    throw new ArgvException("unsupported configuration: " + property
                            + " is not available with this QEMU binary");
                }
                m.raw(property + "=" + c.getState().xml());
            }
        }
    }

    private static void features(DomainFeatures f, String smm, KeyValue m) {
        if (f != null && f.getVmport() != null && f.getVmport().getState() != null) {
            m.raw("vmport=" + f.getVmport().getState().xml());
        }
        // SMM as firmware selection left it (a firmware that requires SMM turns it on)
        if (smm != null) {
            m.raw("smm=" + smm);
        }
        if (f == null) {
            return;
        }
        if (f.getIoapic() != null && f.getIoapic().getDriver() != null) {
            switch (f.getIoapic().getDriver()) {
                case QEMU -> m.raw("kernel_irqchip=split");
                case KVM -> m.raw("kernel_irqchip=on");
            }
        }
        // GIC, HPT, HTM, nested-HV, CCF assist, CFPC, SBBC and IBS are ARM/pSeries machine features; the
        // normalizer refuses them for x86 guests
    }

    private static void memory(BuildContext ctx, KeyValue m) {
        Domain d = ctx.domain();
        DomainMemory mem = d.getMemory();
        OnOff dump = mem == null ? null : mem.getDumpCore();
        if (dump == null) {
            dump = ctx.caps().host().qemuConf().dumpGuestCore() ? OnOff.ON : OnOff.OFF;
        }
        m.raw("dump-guest-core=" + dump.xml());
        if (d.getMemoryBacking() != null && d.getMemoryBacking().getNosharepages() != null) {
            m.raw("mem-merge=off");
        }
        boolean nvdimm = false;
        int epc = 0;
        if (d.getDevices() != null) {
            for (DomainMemoryDevice md : d.getDevices().getMemories()) {
                if ("nvdimm".equals(md.getModel()) && !nvdimm) {
                    m.raw("nvdimm=on");
                    nvdimm = true;
                } else if ("sgx-epc".equals(md.getModel())) {
                    Integer node = md.getTarget() == null ? null : md.getTarget().getNode();
                    String alias = ctx.prepared().alias(md);
                    m.raw("sgx-epc." + epc + ".memdev=mem" + alias + ",sgx-epc." + epc + ".node="
                            + (node == null || node < 0 ? 0 : node));
                    epc++;
                }
            }
        }
        if (!NumaSection.hasNuma(d)) {
            // QEMU is dropping -mem-path: the default RAM is a memory-backend object named as QEMU names it,
            // so that migration from older QEMUs still finds it (MemorySection adds the object)
            String ramId = defaultRamId(ctx);
            if (ramId != null) {
                m.raw("memory-backend=" + ramId);
            }
        }
    }

    /** The id of the machine's default RAM ({@code pc.ram}), or null when QEMU does not expose one. */
    static String defaultRamId(BuildContext ctx) {
        return ctx.caps().machine(ctx.prepared().virtType(), ctx.prepared().machine()).map(MachineType::defaultRamId)
                .orElse(null);
    }

    private static void loadparm(BuildContext ctx, KeyValue m) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainDevice dev : ctx.domain().getDevices().getDisks()) {
            if (dev.getBoot() != null && Integer.valueOf(1).equals(dev.getBoot().getOrder())
                    && dev.getBoot().getLoadparm() != null) {
                m.raw("loadparm=" + dev.getBoot().getLoadparm());
                return;
            }
        }
        for (DomainDevice dev : ctx.domain().getDevices().getInterfaces()) {
            if (dev.getBoot() != null && Integer.valueOf(1).equals(dev.getBoot().getOrder())
                    && dev.getBoot().getLoadparm() != null) {
                m.raw("loadparm=" + dev.getBoot().getLoadparm());
                return;
            }
        }
    }
}
