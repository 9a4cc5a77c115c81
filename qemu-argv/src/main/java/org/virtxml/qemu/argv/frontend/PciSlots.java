package org.virtxml.qemu.argv.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.qemu.argv.ArgvException;

/**
 * The guest PCI slots as libvirt's address set sees them when it assigns addresses at start
 * ({@code qemuDomainAssignAddresses} in {@code qemuProcessPrepareDomain}): which functions of which slots are
 * taken, what each bus accepts. domxml-to-native needs it because it rebuilds every interface without its
 * address, so the new ones take the first free compatible slots while every other device keeps its own.
 */
public final class PciSlots {

    /** What a device plugs into: a conventional PCI slot or a PCI Express one. */
    public enum Connect {
        /** A conventional PCI device ({@code VIR_PCI_CONNECT_TYPE_PCI_DEVICE}). */
        PCI,
        /** A PCI Express endpoint ({@code VIR_PCI_CONNECT_TYPE_PCIE_DEVICE}). */
        PCIE
    }

    private static final int SLOTS = 32;

    /** Per bus (index = controller index): what it accepts for auto-assignment, or null when nothing. */
    private final List<Bus> buses = new ArrayList<>();

    private record Bus(Set<Connect> accepts, int minSlot, int maxSlot, int[] functions) {
    }

    /**
     * The slots of {@code domain} with every device's address taken except those of {@code skip} (the devices
     * about to be given new addresses), plus the functions the chipset always occupies.
     */
    public PciSlots(Domain domain, boolean q35, boolean i440fx, Set<DomainDevice> skip) {
        for (DomainController c : domain.getDevices().getControllers()) {
            if (c.getType() != DomainControllerType.PCI || c.getIndex() == null) {
                continue;
            }
            while (buses.size() <= c.getIndex()) {
                buses.add(null);
            }
            buses.set(c.getIndex(), bus(c.getModel()));
        }
        for (DomainDevice d : domain.getDevices().all()) {
            if (!skip.contains(d) && d.getAddress() instanceof DomainAddressPci a) {
                take(a);
            }
        }
        // the chipset's own functions are not devices of the XML: PIIX3 at 00:01.0/.3, the ICH9's LPC and SMBus
        if (i440fx) {
            take(0, 1, 0);
            take(0, 1, 3);
        }
        if (q35) {
            take(0, 0x1f, 0);
            take(0, 0x1f, 3);
        }
    }

    /** libvirt's virDomainPCIAddressBusSetModel, for auto-assignment (no hotplug needed at start). */
    private static Bus bus(DomainControllerModel model) {
        if (model == null) {
            return null;
        }
        return switch (model) {
            case PCI_ROOT, PCI_BRIDGE, PCIE_TO_PCI_BRIDGE -> new Bus(Set.of(Connect.PCI), 1, SLOTS - 1,
                    new int[SLOTS]);
            case PCI_EXPANDER_BUS -> new Bus(Set.of(Connect.PCI), 0, SLOTS - 1, new int[SLOTS]);
            case PCIE_ROOT_PORT, PCIE_SWITCH_DOWNSTREAM_PORT -> new Bus(Set.of(Connect.PCIE), 0, 0, new int[SLOTS]);
            // the PCIe root and the DMI bridge take devices only where the XML puts them; the rest take ports
            case PCIE_ROOT, DMI_TO_PCI_BRIDGE, PCIE_SWITCH_UPSTREAM_PORT, PCIE_EXPANDER_BUS ->
                    new Bus(Set.of(), 0, SLOTS - 1, new int[SLOTS]);
            default -> null;
        };
    }

    private void take(DomainAddressPci a) {
        if (a.getDomain() != null && a.getDomain() != 0) {
            return;
        }
        take(nz(a.getBus()), nz(a.getSlot()), nz(a.getFunction()));
    }

    private void take(int bus, int slot, int function) {
        if (bus < buses.size() && buses.get(bus) != null && slot < SLOTS && function < 8) {
            buses.get(bus).functions()[slot] |= 1 << function;
        }
    }

    /**
     * Takes the first free slot (function 0) on the lowest-numbered bus that accepts {@code connect}, as
     * libvirt's virDomainPCIAddressGetNextAddr does outside its dry run.
     */
    public DomainAddressPci next(Connect connect) {
        for (int b = 0; b < buses.size(); b++) {
            Bus bus = buses.get(b);
            if (bus == null || !bus.accepts().contains(connect)) {
                continue;
            }
            for (int s = bus.minSlot(); s <= bus.maxSlot(); s++) {
                if (bus.functions()[s] == 0) {
                    bus.functions()[s] = 1;
                    DomainAddressPci a = new DomainAddressPci();
                    a.setDomain(0);
                    a.setBus(b);
                    a.setSlot(s);
                    a.setFunction(0);
                    return a;
                }
            }
        }
        throw new ArgvException("internal error: No more available PCI slots");
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
