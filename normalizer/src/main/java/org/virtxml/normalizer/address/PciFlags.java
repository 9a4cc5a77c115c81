package org.virtxml.normalizer.address;

/**
 * How a device connects to a PCI bus, and what a bus accepts, as bit sets (libvirt's virDomainPCIConnectFlags): a
 * device's flags name the kind of slot it needs (one type bit) and how (auto-assigned, hot-pluggable, integrated
 * into the root bus); a bus's flags name every kind of device it takes. A device fits a bus when they share a
 * type bit.
 */
public final class PciFlags {
    /** Libvirt may pick this bus by itself (for a device: the address is being auto-assigned). */
    public static final int AUTOASSIGN = 1;
    /** The slot supports hot plug (for a device: it needs it). */
    public static final int HOTPLUGGABLE = 1 << 1;
    /** The device only works directly on the root bus (virtio-iommu). */
    public static final int INTEGRATED = 1 << 2;
    /** Devices of this kind may share a slot, one per function (pcie-root-ports). */
    public static final int AGGREGATE_SLOT = 1 << 3;
    /** A conventional PCI endpoint. */
    public static final int PCI_DEVICE = 1 << 4;
    /** A PCI Express endpoint. */
    public static final int PCIE_DEVICE = 1 << 5;
    /** A pcie-root-port. */
    public static final int PCIE_ROOT_PORT = 1 << 6;
    /** A pcie-switch-upstream-port. */
    public static final int PCIE_SWITCH_UPSTREAM_PORT = 1 << 7;
    /** A pcie-switch-downstream-port. */
    public static final int PCIE_SWITCH_DOWNSTREAM_PORT = 1 << 8;
    /** A dmi-to-pci-bridge. */
    public static final int DMI_TO_PCI_BRIDGE = 1 << 9;
    /** A pci-expander-bus. */
    public static final int PCI_EXPANDER_BUS = 1 << 10;
    /** A pcie-expander-bus. */
    public static final int PCIE_EXPANDER_BUS = 1 << 11;
    /** A pci-bridge. */
    public static final int PCI_BRIDGE = 1 << 12;
    /** A pcie-to-pci-bridge. */
    public static final int PCIE_TO_PCI_BRIDGE = 1 << 13;

    /** Every connection type bit. */
    public static final int TYPES_MASK = PCI_DEVICE | PCIE_DEVICE | PCIE_SWITCH_UPSTREAM_PORT
            | PCIE_SWITCH_DOWNSTREAM_PORT | PCIE_ROOT_PORT | DMI_TO_PCI_BRIDGE | PCI_EXPANDER_BUS | PCIE_EXPANDER_BUS
            | PCI_BRIDGE | PCIE_TO_PCI_BRIDGE;
    /** The type bits of ordinary endpoint devices. */
    public static final int TYPES_ENDPOINT = PCI_DEVICE | PCIE_DEVICE;

    private PciFlags() {
    }
}
