package org.virtxml.normalizer.address;

import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainFilesystem;
import org.virtxml.model.devices.DomainFilesystemDriverType;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevMode;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.model.devices.DomainInput;
import org.virtxml.model.devices.DomainInputBus;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.model.devices.DomainIommu;
import org.virtxml.model.devices.DomainMemballoon;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.model.devices.DomainShmem;
import org.virtxml.model.devices.DomainSound;
import org.virtxml.model.devices.DomainVideo;
import org.virtxml.model.devices.DomainVirtioModel;
import org.virtxml.model.devices.DomainVsock;
import org.virtxml.model.devices.DomainWatchdog;
import org.virtxml.normalizer.device.NetModels;

/**
 * Which devices sit on a PCI bus and what kind of slot each needs (qemuDomainDeviceCalculatePCIConnectFlags): 0
 * for devices that are not PCI devices here, otherwise the connection flags for a conventional PCI slot, a PCI
 * Express slot (on a PCIe machine), or what virtio devices get (PCIe where QEMU's virtio devices can be either,
 * conventional PCI for the "transitional" models, which only work there).
 */
public final class PciDevices {
    private final int pciFlags = PciFlags.PCI_DEVICE | PciFlags.AUTOASSIGN;
    private final int pcieFlags;
    private final int virtioFlags;

    /**
     * The flags for a domain with a PCIe root bus or not, with an emulator whose virtio devices work in both kinds
     * of slot or not.
     */
    public PciDevices(boolean pcieRoot, boolean virtioTransitional) {
        this.pcieFlags = pcieRoot ? PciFlags.PCIE_DEVICE | PciFlags.AUTOASSIGN : pciFlags;
        this.virtioFlags = virtioTransitional ? pcieFlags : pciFlags;
    }

    /** Flags for a conventional PCI device. */
    public int pci() {
        return pciFlags;
    }

    /** Flags for a PCI Express device (conventional on a machine without PCIe). */
    public int pcie() {
        return pcieFlags;
    }

    /** The connection flags of {@code dev}, 0 when it does not use PCI. */
    public int flags(DomainDevice dev) {
        if (dev instanceof DomainController c) {
            return controller(c);
        }
        if (dev instanceof DomainFilesystem fs) {
            DomainFilesystemDriverType t = fs.getDriver() == null ? null : fs.getDriver().getType();
            if (t == null || t == DomainFilesystemDriverType.PATH || t == DomainFilesystemDriverType.HANDLE) {
                // virtio-9p-pci
                return virtio(fs.getModel());
            }
            if (t == DomainFilesystemDriverType.VIRTIOFS) {
                return virtioFlags; // vhost-user-fs-pci
            }
            return 0;
        }
        if (dev instanceof DomainInterface net) {
            return net(net);
        }
        if (dev instanceof DomainSound s) {
            if (s.getModel() == null) {
                return 0;
            }
            return switch (s.getModel()) {
                case ES1370, AC97, ICH6, ICH9 -> pciFlags;
                case SB16, PCSPK, USB, ICH7 -> 0;
            };
        }
        if (dev instanceof DomainDisk d) {
            if (d.getTarget() == null || d.getTarget().getBus() != DomainDiskBus.VIRTIO) {
                return 0;
            }
            return virtio(d.getModel());
        }
        if (dev instanceof DomainHostdev h) {
            return hostdev(h);
        }
        if (dev instanceof DomainMemballoon m) {
            String model = m.getModel() == null ? "virtio" : m.getModel();
            return switch (model) {
                case "virtio-transitional" -> pciFlags;
                case "virtio", "virtio-non-transitional" -> virtioFlags;
                default -> 0;
            };
        }
        if (dev instanceof DomainRng r) {
            return virtio(r.getModel());
        }
        if (dev instanceof DomainWatchdog w) {
            return "i6300esb".equals(w.getModel()) ? pciFlags : 0;
        }
        if (dev instanceof DomainVideo v) {
            if (v.getModel() == null || v.getModel().getType() == null) {
                return 0;
            }
            return switch (v.getModel().getType()) {
                case VIRTIO -> virtioFlags;
                case VGA, CIRRUS, VMVGA, XEN, VBOX, QXL, PARALLELS -> pciFlags;
                case BOCHS -> pcieFlags;
                case DEFAULT, GOP, NONE, RAMFB -> 0;
            };
        }
        if (dev instanceof DomainShmem) {
            return pciFlags;
        }
        if (dev instanceof DomainInput in) {
            return in.getBus() == DomainInputBus.VIRTIO ? virtio(in.getModel()) : 0;
        }
        if (dev instanceof DomainSerial s) {
            return s.getTarget() != null && "pci-serial".equals(s.getTarget().getType()) ? pciFlags : 0;
        }
        if (dev instanceof DomainIommu i) {
            // virtio-iommu must sit on the root bus itself
            return "virtio".equals(i.getModel()) ? virtioFlags | PciFlags.INTEGRATED : 0;
        }
        if (dev instanceof DomainVsock v) {
            return v.getModel() == null ? 0 : virtio(v.getModel());
        }
        if (dev instanceof DomainMemoryDevice m) {
            return "virtio-pmem".equals(m.getModel()) || "virtio-mem".equals(m.getModel()) ? virtioFlags : 0;
        }
        // NVRAM, TPM, panic, hub, redirdev, smartcard, parallel, channel, console, lease, graphics, audio
        return 0;
    }

    private int virtio(DomainVirtioModel model) {
        return model == DomainVirtioModel.VIRTIO_TRANSITIONAL ? pciFlags : virtioFlags;
    }

    private int controller(DomainController c) {
        if (c.getType() == null) {
            return 0;
        }
        return switch (c.getType()) {
            case PCI -> PciBus.connectType(c.getModel());
            case SATA, IDE -> pciFlags;
            case USB -> {
                if (c.getModel() == null) {
                    // the legacy -usb, a PCI device
                    yield pciFlags;
                }
                yield switch (c.getModel()) {
                    case NEC_XHCI, QEMU_XHCI -> pcieFlags;
                    case EHCI, ICH9_EHCI1, ICH9_UHCI1, ICH9_UHCI2, ICH9_UHCI3, VT82C686B_UHCI, PIIX3_UHCI, PIIX4_UHCI,
                            PCI_OHCI -> pciFlags;
                    default -> 0;
                };
            }
            case SCSI -> {
                if (c.getModel() == null) {
                    yield 0;
                }
                yield switch (c.getModel()) {
                    case NCR53C90 -> 0;
                    case VIRTIO_SCSI, VIRTIO_NON_TRANSITIONAL -> virtioFlags;
                    default -> pciFlags;
                };
            }
            case VIRTIO_SERIAL -> c.getModel() == DomainControllerModel.VIRTIO_TRANSITIONAL ? pciFlags
                    : virtioFlags;
            case FDC, CCID, XENBUS, ISA -> 0;
        };
    }

    private int net(DomainInterface net) {
        if (net.getType() == DomainInterfaceType.HOSTDEV) {
            // a hostdev interface is a host device: it gets the flags of its PCI host device
            if (net.getSource() != null && net.getSource().getAddress() instanceof DomainAddressUsb) {
                return 0;
            }
            return hostdevPci();
        }
        String model = net.getModel() == null ? null : net.getModel().getType();
        if (!NetModels.isKnown(model)) {
            // a model libvirt does not know by name counts as unknown
            model = null;
        }
        model = NetModels.canonical(model);
        if ("usb-net".equals(model)) {
            return 0;
        }
        if ("virtio".equals(model) || "virtio-non-transitional".equals(model)) {
            return virtioFlags;
        }
        if ("virtio-transitional".equals(model)) {
            return pciFlags;
        }
        if ("e1000e".equals(model)) {
            return pcieFlags;
        }
        if (model == null) {
            // only hostdev networks leave the model unknown: such devices are PCIe on the host
            return pcieFlags;
        }
        return pciFlags;
    }

    private int hostdev(DomainHostdev h) {
        DomainHostdevType t = h.getType();
        boolean subsys = h.getMode() == null || h.getMode() == DomainHostdevMode.SUBSYSTEM;
        if (t != DomainHostdevType.MDEV && (!subsys || (t != DomainHostdevType.PCI
                && t != DomainHostdevType.SCSI_HOST))) {
            return 0;
        }
        if (pciFlags == pcieFlags) {
            return pciFlags;
        }
        if (h.getAddress() instanceof DomainAddressPci p && !PciAddr.of(p).isEmpty()) {
            // a given address is checked more leniently, either kind of slot will do
            return pcieFlags;
        }
        if (t == DomainHostdevType.MDEV) {
            // mediated devices have no config space to look at, and all of them are PCIe
            return pcieFlags;
        }
        if (t == DomainHostdevType.SCSI_HOST) {
            // vhost-scsi follows the virtio rules
            String model = h.getModel();
            if ("virtio-transitional".equals(model)) {
                return pciFlags;
            }
            if (model == null || model.equals("virtio") || model.equals("virtio-non-transitional")) {
                return virtioFlags;
            }
            return 0;
        }
        return hostdevPci();
    }

    /**
     * A PCI host device: libvirt reads the host device's config space to see whether it is PCIe; the host
     * devices domains name are not present on this host, for which libvirt assumes PCIe, as most assignable
     * devices are.
     */
    private int hostdevPci() {
        if (pciFlags == pcieFlags) {
            return pciFlags;
        }
        return pcieFlags;
    }
}
