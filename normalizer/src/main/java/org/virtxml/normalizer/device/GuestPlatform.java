package org.virtxml.normalizer.device;

import org.virtxml.caps.Machines;
import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;
import org.virtxml.model.DomainType;
import org.virtxml.normalizer.NormalizeContext;

/**
 * The guest facts device defaults depend on — architecture, machine type family, virt type — derived from the
 * domain as libvirt's qemuDomainIs* helpers derive them (the platform half's NormalizeContext derives the same
 * facts; this helper keeps the device stages independent of the stage that computes them). The machine may still
 * be an alias ({@code pc}, {@code q35}) when a device stage runs, so families are recognised by name prefix; a
 * missing machine is the one libvirt would pick. The capability profile is only asked for when needed, since the
 * parse stages run before the emulator's profile is chosen.
 */
public final class GuestPlatform {
    private final NormalizeContext ctx;
    private final String arch;
    private final VirtType virtType;
    private String machine;

    private GuestPlatform(NormalizeContext ctx) {
        this.ctx = ctx;
        this.arch = ctx.arch();
        this.machine = ctx.machine();
        this.virtType = ctx.domainType() == DomainType.KVM ? VirtType.KVM : VirtType.QEMU;
    }

    /** The platform of the domain being normalized. */
    public static GuestPlatform of(NormalizeContext ctx) {
        return new GuestPlatform(ctx);
    }

    /** The guest architecture ({@code x86_64} when the domain names none). */
    public String arch() {
        return arch;
    }

    /** The domain type as a QEMU accelerator choice. */
    public VirtType virtType() {
        return virtType;
    }

    /** The machine type as the domain names it, or the default machine's name. */
    public String machine() {
        if (machine == null) {
            machine = caps().defaultMachine(virtType).name();
        }
        return machine;
    }

    /** The emulator's capabilities (available once the emulator's profile is chosen). */
    public QemuCaps caps() {
        return ctx.caps();
    }

    /** True when the emulator has the flag. */
    public boolean has(QemuCapability cap) {
        return caps().has(cap);
    }

    /** x86 guest (libvirt's ARCH_IS_X86: i686 or x86_64). */
    public boolean isX86() {
        return Machines.isX86(arch);
    }

    /** A q35 machine ({@code q35} or {@code pc-q35-*}). */
    public boolean isQ35() {
        return isX86() && Machines.isQ35Name(machine());
    }

    /** An i440FX machine ({@code pc}, {@code pc-i440fx-*} and the old {@code pc-0.*}, {@code pc-1.*}, {@code rhel*}). */
    public boolean isI440fx() {
        return isX86() && Machines.isI440fxName(machine());
    }

    /** ARM's generic {@code virt} board. */
    public boolean isArmVirt() {
        return ("aarch64".equals(arch) || "armv7l".equals(arch) || "armv6l".equals(arch))
                && ("virt".equals(machine()) || machine().startsWith("virt-"));
    }

    /** RISC-V's generic {@code virt} board. */
    public boolean isRiscvVirt() {
        return ("riscv64".equals(arch) || "riscv32".equals(arch)) && "virt".equals(machine());
    }

    /** IBM POWER {@code pseries} machines. */
    public boolean isPSeries() {
        return ("ppc64".equals(arch) || "ppc64le".equals(arch)) && machine().startsWith("pseries");
    }

    /** IBM Z guests. */
    public boolean isS390() {
        return "s390x".equals(arch) || "s390".equals(arch);
    }
}
