package org.virtxml.normalizer.address;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.Located;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.normalizer.NormalizeException;

/**
 * The PCI buses of a domain and the slots in use on them, with libvirt's rules for reserving a given address and
 * for finding the next free one (domain_addr.c). In a dry run, running out of slots grows the set with the buses
 * the missing controllers would provide, which is how libvirt works out which bridges and root ports to add.
 *
 * <p>Isolation groups (pSeries only) are not modelled: every device and bus is in group 0.
 */
final class PciAddressSet {
    final List<PciBus> buses = new ArrayList<>();
    final boolean dryRun;
    final boolean pcieToPciBridgeSupported;
    /** Per kind of request (flags and function), the first bus that may still have a place for it. */
    private final java.util.Map<Long, Integer> firstCandidate = new java.util.HashMap<>();

    PciAddressSet(int nbuses, boolean dryRun, boolean pcieToPciBridgeSupported) {
        for (int i = 0; i < nbuses; i++) {
            buses.add(new PciBus());
        }
        this.dryRun = dryRun;
        this.pcieToPciBridgeSupported = pcieToPciBridgeSupported;
    }

    int size() {
        return buses.size();
    }

    PciBus bus(int i) {
        return buses.get(i);
    }

    /** True when any function of the address's slot is in use. */
    boolean slotInUse(PciAddr a) {
        return buses.get(a.bus).functions[a.slot] != 0;
    }

    private static NormalizeException error(boolean fromConfig, String message, Located where) {
        return fromConfig ? NormalizeException.xmlError(message, where) : NormalizeException.internal(message, where);
    }

    /**
     * Whether a device needing {@code devFlags} may sit at {@code addr} of a bus offering {@code busFlags}. A user's
     * address may put a PCI device on a PCIe slot and the reverse, and a pci-bridge anywhere a PCI device fits;
     * an auto-assigned one needs a bus that allows auto-assignment.
     */
    static boolean compatible(PciAddr addr, int busFlags, int devFlags, boolean report, boolean fromConfig,
            Located where) {
        if ((devFlags & PciFlags.INTEGRATED) != 0) {
            if (addr.bus == 0) {
                // the root bus does not usually take endpoints, but integrated devices are made for it
                busFlags |= PciFlags.AUTOASSIGN;
            } else {
                if (report) {
                    throw error(fromConfig, "The device at PCI address " + addr
                            + " needs to be an integrated device (bus=0)", where);
                }
                return false;
            }
        }
        if (fromConfig) {
            if ((busFlags & PciFlags.TYPES_ENDPOINT) != 0) {
                busFlags |= PciFlags.TYPES_ENDPOINT;
            }
            if ((devFlags & PciFlags.PCI_BRIDGE) != 0) {
                devFlags |= PciFlags.PCI_DEVICE;
            }
        } else if ((devFlags & PciFlags.AUTOASSIGN) != 0 && (busFlags & PciFlags.AUTOASSIGN) == 0) {
            if (report) {
                throw error(false, "The device at PCI address " + addr + " was auto-assigned this address, but the"
                        + " PCI controller with index='" + addr.bus + "' doesn't allow auto-assignment", where);
            }
            return false;
        }
        if ((devFlags & PciFlags.HOTPLUGGABLE) != 0 && (busFlags & PciFlags.HOTPLUGGABLE) == 0) {
            if (report) {
                throw error(fromConfig, "The device at PCI address " + addr + " requires hotplug capability, but"
                        + " the PCI controller with index='" + addr.bus + "' doesn't support hotplug", where);
            }
            return false;
        }
        if ((devFlags & busFlags & PciFlags.TYPES_MASK) == 0) {
            if (!report) {
                return false;
            }
            String connect;
            if ((devFlags & PciFlags.PCI_DEVICE) != 0) {
                connect = "standard PCI device";
            } else if ((devFlags & PciFlags.PCIE_DEVICE) != 0) {
                connect = "PCI Express device";
            } else if ((devFlags & PciFlags.PCIE_ROOT_PORT) != 0) {
                connect = "pcie-root-port";
            } else if ((devFlags & PciFlags.PCIE_SWITCH_UPSTREAM_PORT) != 0) {
                connect = "pcie-switch-upstream-port";
            } else if ((devFlags & PciFlags.PCIE_SWITCH_DOWNSTREAM_PORT) != 0) {
                connect = "pcie-switch-downstream-port";
            } else if ((devFlags & PciFlags.DMI_TO_PCI_BRIDGE) != 0) {
                connect = "dmi-to-pci-bridge";
            } else if ((devFlags & PciFlags.PCIE_TO_PCI_BRIDGE) != 0) {
                connect = "pcie-to-pci-bridge";
            } else if ((devFlags & PciFlags.PCI_EXPANDER_BUS) != 0) {
                connect = "pci-expander-bus";
            } else if ((devFlags & PciFlags.PCIE_EXPANDER_BUS) != 0) {
                connect = "pcie-expander-bus";
            } else if ((devFlags & PciFlags.PCI_BRIDGE) != 0) {
                connect = "pci-bridge";
            } else {
                throw error(fromConfig, String.format("The device at PCI address %s has unrecognized connection"
                        + " type flags 0x%02x", addr, devFlags & PciFlags.TYPES_MASK), where);
            }
            throw error(fromConfig, "The device at PCI address " + addr + " cannot be plugged into the PCI"
                    + " controller with index='" + addr.bus + "'. It requires a controller that accepts a " + connect
                    + ".", where);
        }
        return true;
    }

    /** Checks that {@code addr} exists in this set, on a bus that takes the device, in a valid slot. */
    void validate(PciAddr addr, int flags, boolean fromConfig, Located where) {
        if (buses.isEmpty()) {
            throw error(fromConfig, "No PCI buses available", where);
        }
        if (addr.domain != 0) {
            throw error(fromConfig, "Invalid PCI address " + addr + ". Only PCI domain 0 is available", where);
        }
        if (addr.bus >= buses.size()) {
            throw error(fromConfig, "Invalid PCI address " + addr + ". Only PCI buses up to " + (buses.size() - 1)
                    + " are available", where);
        }
        PciBus bus = buses.get(addr.bus);
        compatible(addr, bus.flags, flags, true, fromConfig, where);
        if (bus.minSlot > 0 && addr.slot < bus.minSlot) {
            throw error(fromConfig, "Invalid PCI address " + addr + ". slot must be >= " + bus.minSlot, where);
        }
        if (addr.slot > bus.maxSlot) {
            throw error(fromConfig, "Invalid PCI address " + addr + ". slot must be <= " + bus.maxSlot, where);
        }
        if (addr.function > PciBus.FUNCTION_LAST) {
            throw error(fromConfig, "Invalid PCI address " + addr + ". function must be <= " + PciBus.FUNCTION_LAST,
                    where);
        }
    }

    /**
     * Grows a dry-run set so that {@code addr.bus} exists, adding the buses a device of {@code flags} needs: for a
     * PCI device pci-bridges (behind a pcie-root-port + pcie-to-pci-bridge, or a dmi-to-pci-bridge, when the
     * topology has nowhere to plug a pci-bridge yet, which shifts the device one bus further), for a PCIe device
     * pcie-root-ports; other controllers cannot be added automatically.
     */
    int grow(PciAddr addr, int flags, Located where) {
        int add = addr.bus - buses.size() + 1;
        if (add <= 0) {
            return 0;
        }
        DomainControllerModel model;
        boolean needDmi = false;
        boolean needPcieToPci = false;
        if ((flags & PciFlags.PCI_DEVICE) != 0) {
            model = DomainControllerModel.PCI_BRIDGE;
            needDmi = true;
            needPcieToPci = true;
            for (PciBus b : buses) {
                if ((b.flags & PciFlags.PCI_BRIDGE) != 0) {
                    needDmi = false;
                    needPcieToPci = false;
                    break;
                }
            }
            // prefer pcie-to-pci-bridge, fall back to dmi-to-pci-bridge
            if (pcieToPciBridgeSupported) {
                needDmi = false;
            } else {
                needPcieToPci = false;
            }
            if ((needDmi || needPcieToPci) && add == 1) {
                add++;
                addr.bus++;
            }
        } else if ((flags & (PciFlags.PCIE_DEVICE | PciFlags.PCIE_SWITCH_UPSTREAM_PORT)) != 0) {
            model = DomainControllerModel.PCIE_ROOT_PORT;
        } else {
            DomainControllerModel existing = modelForConnect(flags);
            if (existing != null) {
                throw NormalizeException.internal("a PCI slot is needed to connect a PCI controller model='"
                        + existing.xml() + "', but none is available, and it cannot be automatically added", where);
            }
            throw NormalizeException.internal(String.format("Cannot automatically add a new PCI bus for a device"
                    + " with connect flags %02x", flags), where);
        }
        int i = buses.size();
        for (int k = 0; k < add; k++) {
            buses.add(new PciBus());
        }
        if (needDmi) {
            buses.get(i++).setModel(DomainControllerModel.DMI_TO_PCI_BRIDGE, false);
        }
        if (needPcieToPci) {
            // the root port added for the bridge takes only the bridge, so that a later placeholder for hotplug
            // gets a root port of its own
            PciBus port = buses.get(i++);
            port.setModel(DomainControllerModel.PCIE_ROOT_PORT, true);
            port.flags = PciFlags.PCIE_TO_PCI_BRIDGE;
            buses.get(i++).setModel(DomainControllerModel.PCIE_TO_PCI_BRIDGE, true);
        }
        for (; i < buses.size(); i++) {
            buses.get(i).setModel(model, true);
        }
        return add;
    }

    private static DomainControllerModel modelForConnect(int flags) {
        if ((flags & PciFlags.PCIE_ROOT_PORT) != 0) {
            return DomainControllerModel.PCIE_ROOT_PORT;
        }
        if ((flags & PciFlags.PCIE_SWITCH_UPSTREAM_PORT) != 0) {
            return DomainControllerModel.PCIE_SWITCH_UPSTREAM_PORT;
        }
        if ((flags & PciFlags.PCIE_SWITCH_DOWNSTREAM_PORT) != 0) {
            return DomainControllerModel.PCIE_SWITCH_DOWNSTREAM_PORT;
        }
        if ((flags & PciFlags.DMI_TO_PCI_BRIDGE) != 0) {
            return DomainControllerModel.DMI_TO_PCI_BRIDGE;
        }
        if ((flags & PciFlags.PCI_EXPANDER_BUS) != 0) {
            return DomainControllerModel.PCI_EXPANDER_BUS;
        }
        if ((flags & PciFlags.PCIE_EXPANDER_BUS) != 0) {
            return DomainControllerModel.PCIE_EXPANDER_BUS;
        }
        if ((flags & PciFlags.PCI_BRIDGE) != 0) {
            return DomainControllerModel.PCI_BRIDGE;
        }
        return null;
    }

    /** Reserves one function at an address the domain gives (or the chipset fixes). */
    void reserve(PciAddr addr, int flags, Located where) {
        reserve(addr, flags, true, where);
    }

    void reserve(PciAddr addr, int flags, boolean fromConfig, Located where) {
        if (dryRun) {
            grow(addr, flags, where);
        }
        validate(addr, flags, fromConfig, where);
        PciBus bus = buses.get(addr.bus);
        if ((bus.functions[addr.slot] & (1 << addr.function)) != 0) {
            throw error(fromConfig, "Attempted double use of PCI Address " + addr, where);
        }
        if (bus.functions[addr.slot] == 0 && (flags & PciFlags.AGGREGATE_SLOT) != 0) {
            bus.aggregate[addr.slot] = true;
        }
        bus.use(addr.slot, addr.function);
    }

    /**
     * The first free place on {@code bus} from {@code a.slot} on for a device of {@code flags}: an unused slot, or,
     * for devices that share slots (root ports), a free function of a slot only such devices use. Updates
     * {@code a} and says whether it found one.
     */
    private boolean findOnBus(PciBus bus, PciAddr a, int function, int flags) {
        if (!compatible(a, bus.flags, flags, false, false, null)) {
            return false;
        }
        if ((flags & PciFlags.AGGREGATE_SLOT) == 0) {
            // only a slot with nothing in use will do: the first one, found at once
            int free = bus.firstFreeSlot(a.slot);
            if (free < 0) {
                a.slot = bus.maxSlot + 1;
                return false;
            }
            a.slot = free;
            return true;
        }
        while (a.slot <= bus.maxSlot) {
            if (bus.functions[a.slot] == 0) {
                return true;
            }
            if ((flags & PciFlags.AGGREGATE_SLOT) != 0 && bus.aggregate[a.slot]) {
                if ((bus.functions[a.slot] & (1 << a.function)) == 0) {
                    return true;
                }
                if (function == -1) {
                    while (a.function < 8) {
                        if ((bus.functions[a.slot] & (1 << a.function)) == 0) {
                            return true;
                        }
                        a.function++;
                    }
                    a.function = 0;
                }
            }
            a.slot++;
        }
        return false;
    }

    /**
     * The next free address for a device of {@code flags}, on the first bus (in index order) that takes it; a dry
     * run adds buses when none does. {@code function} -1 means any (0 on a fresh slot).
     */
    PciAddr nextAddr(int flags, int function, Located where) {
        if (buses.isEmpty()) {
            throw NormalizeException.xmlError("No PCI buses available", where);
        }
        PciAddr a = new PciAddr();
        a.function = function == -1 ? 0 : function;
        // libvirt searches from bus 0 every time; a bus that had no place for this kind of request never gets one
        // (nothing is released, and a bus's flags are fixed when it is made), so the search resumes where the last
        // one of the same kind found its place: the same answer, without a walk over every bus per device
        long key = ((long) flags << 8) | (function & 0xFF);
        for (a.bus = firstCandidate.getOrDefault(key, 0); a.bus < buses.size(); a.bus++) {
            PciBus bus = buses.get(a.bus);
            a.slot = bus.minSlot;
            if (findOnBus(bus, a, function, flags)) {
                firstCandidate.put(key, a.bus);
                return a;
            }
        }
        firstCandidate.put(key, buses.size());
        if (dryRun) {
            grow(a, flags, where);
            a.slot = buses.get(a.bus).minSlot;
            return a;
        }
        throw NormalizeException.internal("No more available PCI slots", where);
    }

    /** Finds and reserves the next free address; returns it (callers store it unless this is a dry run). */
    PciAddr reserveNext(int flags, int function, Located where) {
        PciAddr a = nextAddr(flags, function, where);
        reserve(a, flags, false, where);
        return a;
    }
}
