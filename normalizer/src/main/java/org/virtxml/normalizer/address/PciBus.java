package org.virtxml.normalizer.address;

import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.normalizer.NormalizeException;

/**
 * One PCI bus of an address set: the controller model providing it, what it accepts downstream, its usable slots,
 * and which functions of each slot are taken.
 */
final class PciBus {
    /** The last slot number of any bus. */
    static final int SLOT_LAST = 31;
    /** The last function number of any slot. */
    static final int FUNCTION_LAST = 7;

    DomainControllerModel model;
    int flags;
    int minSlot;
    int maxSlot;
    /** Per slot, a bit per function in use. */
    final int[] functions = new int[SLOT_LAST + 1];
    /** Per slot: only devices that may share a slot (root ports) use it, so more of them may join. */
    final boolean[] aggregate = new boolean[SLOT_LAST + 1];
    /**
     * A bit per slot with a function in use (the same as {@code functions[s] != 0}), so that the search for a free
     * slot costs one operation per bus: a domain may imply tens of thousands of devices, each searched for over
     * every bus.
     */
    int usedSlots;

    /** Marks one function of a slot in use. */
    void use(int slot, int function) {
        functions[slot] |= 1 << function;
        usedSlots |= 1 << slot;
    }

    /** The first slot from {@code from} to {@code maxSlot} with no function in use, or -1. */
    int firstFreeSlot(int from) {
        if (from > maxSlot) {
            return -1;
        }
        // slots below from, and above maxSlot, count as used
        long range = ((1L << (maxSlot + 1)) - 1) & ~((1L << from) - 1);
        long free = range & ~(usedSlots & 0xFFFFFFFFL);
        return free == 0 ? -1 : Long.numberOfTrailingZeros(free);
    }

    /**
     * Sets what a controller of {@code model} provides downstream (virDomainPCIAddressBusSetModel): the roots and
     * bridges accept endpoints on slots 1-31 (slot 0 of pci-root is the host bridge, of a pci-bridge its SHPC),
     * pcie-root only PCIe endpoints, root ports and bridges to legacy PCI, a root or downstream port exactly one
     * device on slot 0, and only the conventional buses allow libvirt to auto-assign plain PCI devices.
     */
    void setModel(DomainControllerModel model, boolean allowHotplug) {
        int hotplug = allowHotplug ? PciFlags.HOTPLUGGABLE : 0;
        switch (model) {
            case PCI_ROOT -> set(PciFlags.AUTOASSIGN | PciFlags.PCI_DEVICE | PciFlags.PCI_BRIDGE
                    | PciFlags.PCI_EXPANDER_BUS | hotplug, 1, SLOT_LAST);
            case PCI_BRIDGE -> set(PciFlags.AUTOASSIGN | PciFlags.PCI_DEVICE | PciFlags.PCI_BRIDGE | hotplug, 1,
                    SLOT_LAST);
            case PCI_EXPANDER_BUS -> set(PciFlags.AUTOASSIGN | PciFlags.PCI_DEVICE | PciFlags.PCI_BRIDGE | hotplug, 0,
                    SLOT_LAST);
            case PCIE_ROOT -> set(PciFlags.PCIE_DEVICE | PciFlags.PCIE_ROOT_PORT | PciFlags.DMI_TO_PCI_BRIDGE
                    | PciFlags.PCIE_EXPANDER_BUS, 1, SLOT_LAST);
            case DMI_TO_PCI_BRIDGE -> set(PciFlags.PCI_DEVICE | PciFlags.PCI_BRIDGE, 0, SLOT_LAST);
            case PCIE_TO_PCI_BRIDGE -> set(PciFlags.AUTOASSIGN | PciFlags.PCI_DEVICE | PciFlags.PCI_BRIDGE | hotplug,
                    1, SLOT_LAST);
            case PCIE_ROOT_PORT, PCIE_SWITCH_DOWNSTREAM_PORT -> set(PciFlags.AUTOASSIGN | PciFlags.PCIE_DEVICE
                    | PciFlags.PCIE_SWITCH_UPSTREAM_PORT | PciFlags.PCIE_TO_PCI_BRIDGE | hotplug, 0, 0);
            case PCIE_SWITCH_UPSTREAM_PORT -> set(PciFlags.PCIE_SWITCH_DOWNSTREAM_PORT, 0, SLOT_LAST);
            case PCIE_EXPANDER_BUS -> set(PciFlags.PCIE_ROOT_PORT | PciFlags.DMI_TO_PCI_BRIDGE, 0, SLOT_LAST);
            default -> throw NormalizeException.internal("PCI controller model was not set correctly", null);
        }
        this.model = model;
    }

    private void set(int f, int min, int max) {
        flags = f;
        minSlot = min;
        maxSlot = max;
    }

    /** Every usable slot has a function in use. */
    boolean isFullyReserved() {
        for (int i = minSlot; i <= maxSlot; i++) {
            if (functions[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** No usable slot has a function in use. */
    boolean isEmpty() {
        for (int i = minSlot; i <= maxSlot; i++) {
            if (functions[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The connection type bits a PCI controller model plugs in with (virDomainPCIControllerModelToConnectType). */
    static int connectType(DomainControllerModel model) {
        if (model == null) {
            return 0;
        }
        return switch (model) {
            case PCI_BRIDGE -> PciFlags.PCI_BRIDGE;
            case PCI_EXPANDER_BUS -> PciFlags.PCI_EXPANDER_BUS;
            case PCIE_EXPANDER_BUS -> PciFlags.PCIE_EXPANDER_BUS;
            case DMI_TO_PCI_BRIDGE -> PciFlags.DMI_TO_PCI_BRIDGE;
            case PCIE_TO_PCI_BRIDGE -> PciFlags.PCIE_TO_PCI_BRIDGE;
            case PCIE_ROOT_PORT -> PciFlags.PCIE_ROOT_PORT | PciFlags.AGGREGATE_SLOT;
            case PCIE_SWITCH_UPSTREAM_PORT -> PciFlags.PCIE_SWITCH_UPSTREAM_PORT;
            case PCIE_SWITCH_DOWNSTREAM_PORT -> PciFlags.PCIE_SWITCH_DOWNSTREAM_PORT;
            // the roots are built into the machine and plug into nothing
            default -> 0;
        };
    }
}
