package org.virtxml.normalizer;

import java.util.Objects;
import org.virtxml.caps.Machines;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainType;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;

/**
 * What every stage sees: the domain being normalized, the QEMU capability profile (which also carries the host
 * facts), the source of randomness, and the facts stages derive from the domain and share (architecture, machine
 * family, the accelerator whose answers apply). The profile is chosen by the first stage, from the emulator the
 * domain names, as libvirt does.
 */
public final class NormalizeContext {
    private final Domain domain;
    private final CapsProvider provider;
    private final RandomSource random;
    private QemuCaps caps;

    /** A context for one normalization run; the profile is chosen later from the domain's emulator. */
    public NormalizeContext(Domain domain, CapsProvider provider, RandomSource random) {
        this.domain = domain;
        this.provider = provider;
        this.random = random;
    }

    /** A context with the profile already chosen (for tests of single stages). */
    public NormalizeContext(Domain domain, QemuCaps caps, RandomSource random) {
        this(domain, a -> caps, random);
        this.caps = caps;
    }

    /** The domain, changed in place by the stages. */
    public Domain domain() {
        return domain;
    }

    /** Where profiles come from (the emulator stage looks the domain's emulator up in it). */
    public CapsProvider provider() {
        return provider;
    }

    /** QEMU's capabilities and the host facts of the domain's emulator. */
    public QemuCaps caps() {
        return Objects.requireNonNull(caps, "the emulator's profile has not been chosen yet");
    }

    /** Sets the profile of the domain's emulator (done once, by the emulator stage). */
    public void setCaps(QemuCaps caps) {
        this.caps = caps;
    }

    /** Randomness for generated UUIDs and MACs. */
    public RandomSource random() {
        return random;
    }

    // ------------------------------------------------------------------ derived facts

    /** The guest architecture in libvirt's spelling ({@code x86_64} when the domain names none, as on this host). */
    public String arch() {
        DomainOs os = domain.getOs();
        if (os != null && os.getType() != null && os.getType().getArch() != null) {
            return os.getType().getArch();
        }
        return "x86_64";
    }

    /** True for the architectures QEMU's PC machines emulate. */
    public boolean isX86() {
        return Machines.isX86(arch());
    }

    /** The machine type as the domain currently names it (an alias before canonicalization), or null. */
    public String machine() {
        DomainOs os = domain.getOs();
        return os == null || os.getType() == null ? null : os.getType().getMachine();
    }

    /** A q35 (ICH9, PCI Express) machine: {@code q35} or {@code pc-q35-*} on x86. */
    public boolean isQ35() {
        return isX86() && Machines.isQ35Name(machine());
    }

    /** An i440FX (PIIX3, conventional PCI) machine: {@code pc}, {@code pc-i440fx-*} and the old names, on x86. */
    public boolean isI440fx() {
        return isX86() && Machines.isI440fxName(machine());
    }

    /**
     * The profile key for the domain's type: QEMU answers per accelerator, and libvirt reads KVM's answers for
     * {@code kvm} domains and TCG's for every other type except {@code hvf}, which has none here (null).
     */
    public VirtType accel() {
        DomainType t = domain.getType();
        if (t == DomainType.KVM) {
            return VirtType.KVM;
        }
        if (t == DomainType.HVF) {
            return null;
        }
        return VirtType.QEMU;
    }

    /** The domain type ({@code kvm}, {@code qemu}, ...), never null after parsing. */
    public DomainType domainType() {
        return domain.getType();
    }

    /** The {@code <devices>} element, created when the domain has none (libvirt always has the lists). */
    public DomainDevices devices() {
        if (domain.getDevices() == null) {
            domain.setDevices(new DomainDevices());
        }
        return domain.getDevices();
    }

    /** The first controller of {@code type} with {@code index}, or null (libvirt's virDomainControllerFind). */
    public DomainController controller(DomainControllerType type, int index) {
        for (DomainController c : devices().getControllers()) {
            if (c.getType() == type && c.getIndex() != null && c.getIndex() == index) {
                return c;
            }
        }
        return null;
    }

    /** The PCI root bus (the pci controller with index 0) is a conventional {@code pci-root}. */
    public boolean hasPciRoot() {
        DomainController c = controller(DomainControllerType.PCI, 0);
        return c != null && c.getModel() == DomainControllerModel.PCI_ROOT;
    }

    /** The PCI root bus is a {@code pcie-root} (q35). */
    public boolean hasPcieRoot() {
        DomainController c = controller(DomainControllerType.PCI, 0);
        return c != null && c.getModel() == DomainControllerModel.PCIE_ROOT;
    }
}
