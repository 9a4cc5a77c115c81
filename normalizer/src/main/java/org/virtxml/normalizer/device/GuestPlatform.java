package org.virtxml.normalizer.device;

import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainType;
import org.virtxml.normalizer.NormalizeContext;

/**
 * The guest facts device defaults depend on — architecture, machine type family, virt type — derived from the
 * domain as libvirt's qemuDomainIs* helpers derive them (the platform half's NormalizeContext derives the same
 * facts; this helper keeps the device stages independent of the stage that computes them). The machine may still be an alias ({@code pc},
 * {@code q35}) or missing when a device stage runs, so the families are recognised by name prefix, and a missing
 * machine is the one libvirt would pick.
 *
 * @param arch     the guest architecture ({@code x86_64} when the domain names none)
 * @param machine  the machine type as the domain names it, or the default machine's name
 * @param virtType the domain type as a QEMU accelerator choice
 * @param caps     the emulator's capabilities
 */
public record GuestPlatform(String arch, String machine, VirtType virtType, QemuCaps caps) {

    /** The platform of the domain being normalized. */
    public static GuestPlatform of(NormalizeContext ctx) {
        Domain d = ctx.domain();
        String arch = "x86_64";
        String machine = null;
        if (d.getOs() != null && d.getOs().getType() != null) {
            if (d.getOs().getType().getArch() != null) {
                arch = d.getOs().getType().getArch();
            }
            machine = d.getOs().getType().getMachine();
        }
        VirtType vt = d.getType() == DomainType.KVM ? VirtType.KVM : VirtType.QEMU;
        QemuCaps caps = ctx.caps();
        if (machine == null) {
            // the parse stages may run before the emulator's profile is chosen; they only ask for the arch
            machine = caps == null ? "" : caps.defaultMachine(vt).name();
        }
        return new GuestPlatform(arch, machine, vt, caps);
    }

    /** x86 guest (libvirt's ARCH_IS_X86: i686 or x86_64). */
    public boolean isX86() {
        return "x86_64".equals(arch) || "i686".equals(arch);
    }

    /** A q35 machine ({@code q35} or {@code pc-q35-*}). */
    public boolean isQ35() {
        return isX86() && ("q35".equals(machine) || machine.startsWith("pc-q35-"));
    }

    /** An i440FX machine ({@code pc}, {@code pc-i440fx-*} and the old {@code pc-0.*}, {@code pc-1.*}, {@code rhel*}). */
    public boolean isI440fx() {
        return isX86() && ("pc".equals(machine) || machine.startsWith("pc-0.") || machine.startsWith("pc-1.")
                || machine.startsWith("pc-i440fx-") || machine.startsWith("rhel"));
    }

    /** ARM's generic {@code virt} board. */
    public boolean isArmVirt() {
        return ("aarch64".equals(arch) || "armv7l".equals(arch) || "armv6l".equals(arch))
                && ("virt".equals(machine) || machine.startsWith("virt-"));
    }

    /** RISC-V's generic {@code virt} board. */
    public boolean isRiscvVirt() {
        return ("riscv64".equals(arch) || "riscv32".equals(arch)) && "virt".equals(machine);
    }

    /** IBM POWER {@code pseries} machines. */
    public boolean isPSeries() {
        return ("ppc64".equals(arch) || "ppc64le".equals(arch)) && machine.startsWith("pseries");
    }

    /** IBM Z guests. */
    public boolean isS390() {
        return "s390x".equals(arch) || "s390".equals(arch);
    }

    /** The ISA-only PC, which has no PCI and no USB. */
    public boolean isIsaPc() {
        return "isapc".equals(machine);
    }

    /** True when {@code caps} has the flag. */
    public boolean has(org.virtxml.caps.QemuCapability cap) {
        return caps.has(cap);
    }
}
