package org.virtxml.normalizer.platform;

import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainOsTypeName;
import org.virtxml.model.DomainType;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * QEMU's domain-level validation (qemuValidateDomainDef), which never changes the domain: the emulator must run
 * the OS type, architecture, virt type and machine type; and the platform settings it cannot honour are refused.
 */
public final class QemuDomainChecks implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        QemuCaps caps = ctx.caps();
        String emulator = ctx.devices().getEmulator();
        DomainOsTypeName osType = d.getOs().getType().getValue();
        if (osType != DomainOsTypeName.HVM) {
            throw NormalizeException.unsupported("Emulator '" + emulator + "' does not support os type '"
                    + (osType == null ? "(null)" : osType.xml()) + "'", d.getOs());
        }
        if (!archSupported(caps.arch(), ctx.arch())) {
            throw NormalizeException.unsupported("Emulator '" + emulator + "' does not support arch '" + ctx.arch()
                    + "'", d.getOs().getType());
        }
        if (!virtTypeSupported(caps, d.getType())) {
            throw NormalizeException.unsupported("Emulator '" + emulator + "' does not support virt type '"
                    + d.getType().xml() + "'", d);
        }
        VirtType accel = ctx.accel();
        if (accel == null || !caps.isMachineSupported(accel, ctx.machine())) {
            throw NormalizeException.unsupported("Emulator '" + emulator + "' does not support machine type '"
                    + ctx.machine() + "'", d.getOs().getType());
        }
        if (d.getMemtune() != null && d.getMemtune().getMinGuarantee() != null) {
            throw NormalizeException.unsupported("Parameter 'min_guarantee' not supported by QEMU.", d.getMemtune());
        }
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
}
