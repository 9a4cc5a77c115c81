package org.virtxml.qemu.argv;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcw;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressIsa;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainAddressSpaprVio;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainAddressVirtioMmio;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDeviceRom;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainVirtioModel;

/**
 * The {@code -device} properties every device kind shares, as libvirt adds them: where the device sits
 * ({@code qemuBuildDeviceAddressProps}: {@code bus}/{@code addr} for PCI, {@code bus}/{@code port} for USB,
 * {@code iobase}/{@code irq} for ISA, ...), the virtio driver name and options ({@code qemuBuildVirtioDevProps})
 * and ROM tuning ({@code qemuBuildRomProps}). Sections of every owner call these instead of repeating them.
 */
public final class DeviceProps {
    private final Prepared p;

    DeviceProps(Prepared p) {
        this.p = p;
    }

    /** A device's virtio options ({@code <driver iommu ats packed page_per_vq>}); any may be null. */
    public record VirtioOptions(OnOff iommu, OnOff ats, OnOff packed, OnOff pagePerVq) {
        /** No options. */
        public static final VirtioOptions NONE = new VirtioOptions(null, null, null, null);
    }

    /** Adds the address properties of {@code device}'s {@code <address>} (nothing for none/ccid/mmio). */
    public void address(Props props, DomainDevice device) {
        address(props, device.getAddress(), device.getAcpi() == null ? null : device.getAcpi().getIndex());
    }

    /** Adds the properties of an address, with an optional ACPI index (PCI only). */
    public void address(Props props, DomainAddress address, Integer acpiIndex) {
        if (address instanceof DomainAddressPci pci) {
            String addr = nz(pci.getFunction()) != 0
                    ? String.format("0x%x.0x%x", nz(pci.getSlot()), nz(pci.getFunction()))
                    : String.format("0x%x", nz(pci.getSlot()));
            props.str("bus", pciBus(pci));
            Boolean multi = pci.getMultifunction() == null ? null : pci.getMultifunction() == OnOff.ON;
            if (multi == null && nz(pci.getFunction()) == 0) {
                java.util.Set<String> slots = p.get(PciMultifunction.KEY);
                if (slots != null && slots.contains(PciMultifunction.slot(pci))) {
                    multi = true;
                }
            }
            props.bool("multifunction", multi);
            props.str("addr", addr);
            props.positive("acpi-index", acpiIndex);
        } else if (address instanceof DomainAddressUsb usb) {
            props.str("bus", controllerAlias(DomainControllerType.USB, nz(usb.getBus())) + ".0");
            props.str("port", usb.getPort());
        } else if (address instanceof DomainAddressSpaprVio vio) {
            props.positive("reg", vio.getReg());
        } else if (address instanceof DomainAddressCcw ccw) {
            props.str("devno", String.format("%x.%x.%04x", nz(ccw.getCssid()), nz(ccw.getSsid()), nz(ccw.getDevno())));
        } else if (address instanceof DomainAddressIsa isa) {
            props.num("iobase", nz(isa.getIobase()));
            props.positive("irq", isa.getIrq());
        } else if (address instanceof DomainAddressDimm dimm) {
            props.num("slot", nz(dimm.getSlot()));
            props.positive("addr", dimm.getBase());
        } else if (address instanceof DomainAddressVirtioSerial vs) {
            props.str("bus", controllerAlias(DomainControllerType.VIRTIO_SERIAL, nz(vs.getController())) + "."
                    + nz(vs.getBus()));
            props.num("nr", nz(vs.getPort()));
        }
        // drive addresses depend on the disk bus: see drive(); none, ccid, virtio-mmio, s390 add nothing
    }

    /**
     * Adds a drive address's properties for a device on {@code bus} (libvirt's qemuBuildDeviceAddresDriveProps):
     * IDE {@code bus=ide.B,unit=U}, SATA {@code bus=ide.U}, floppy {@code unit}, SCSI by controller model.
     */
    public void drive(Props props, DomainAddressDrive d, DomainDiskBus bus) {
        int controller = nz(d.getController());
        switch (bus) {
            case IDE -> {
                String alias = p.hasBuiltinIde() ? "ide" : controllerAlias(DomainControllerType.IDE, controller);
                props.str("bus", alias + "." + nz(d.getBus()));
                props.num("unit", nz(d.getUnit()));
            }
            case SATA -> {
                String alias = p.isQ35() && controller == 0 ? "ide"
                        : controllerAlias(DomainControllerType.SATA, controller);
                props.str("bus", alias + "." + nz(d.getUnit()));
            }
            case FDC -> props.num("unit", nz(d.getUnit()));
            case SCSI -> {
                DomainController c = controller(DomainControllerType.SCSI, controller);
                if (c == null) {
                    throw new ArgvException("internal error: unable to find a SCSI controller for idx=" + controller);
                }
                DomainControllerModel m = c.getModel();
                if (m == DomainControllerModel.LSILOGIC || m == DomainControllerModel.NCR53C90
                        || m == DomainControllerModel.DC390 || m == DomainControllerModel.AM53C974) {
                    props.str("bus", p.alias(c) + "." + nz(d.getBus()));
                    props.num("scsi-id", nz(d.getUnit()));
                } else {
                    props.str("bus", p.alias(c) + ".0");
                    props.num("channel", nz(d.getBus()));
                    props.num("scsi-id", nz(d.getTarget()));
                    props.num("lun", nz(d.getUnit()));
                }
            }
            case VIRTIO, XEN, USB, UML, SD -> throw new ArgvException(
                    "internal error: address type drive is not supported for bus '" + bus.xml() + "'");
        }
    }

    /** The bus a PCI address names: the alias of the PCI controller with that index ({@code pci.0}, {@code pcie.0}). */
    public String pciBus(DomainAddressPci pci) {
        int bus = nz(pci.getBus());
        for (DomainController c : p.controllers()) {
            if (c.getType() == DomainControllerType.PCI && c.getIndex() != null && c.getIndex() == bus) {
                String alias = p.alias(c);
                if (alias != null && alias.startsWith("ua-")) {
                    // the implicit root is never on the command line, so QEMU knows it only by its own name
                    if (c.getModel() == DomainControllerModel.PCI_ROOT) {
                        return "pci.0";
                    }
                    if (c.getModel() == DomainControllerModel.PCIE_ROOT) {
                        return "pcie.0";
                    }
                }
                return alias;
            }
        }
        throw new ArgvException(String.format("internal error: Could not find PCI controller with index '%d' "
                + "required for device at address '%04x:%02x:%02x.%d'", bus, nz(pci.getDomain()), bus,
                nz(pci.getSlot()), nz(pci.getFunction())));
    }

    /** The controller of a type and index, or null. */
    public DomainController controller(DomainControllerType type, int index) {
        for (DomainController c : p.controllers()) {
            if (c.getType() == type && c.getIndex() != null && c.getIndex() == index) {
                return c;
            }
        }
        return null;
    }

    /** The alias of the controller of a type and index (libvirt's virDomainControllerAliasFind), or refuses. */
    public String controllerAlias(DomainControllerType type, int index) {
        DomainController c = controller(type, index);
        if (c == null) {
            throw new ArgvException("internal error: Could not find " + type.xml() + " controller with index "
                    + index + " required for device");
        }
        String alias = p.alias(c);
        if (alias == null) {
            throw new ArgvException("internal error: Device alias was not set for " + type.xml()
                    + " controller with index " + index);
        }
        return alias;
    }

    /**
     * The {@code driver} of a virtio device and its virtio options (libvirt's qemuBuildVirtioDevProps):
     * {@code BASE-pci}, {@code BASE-device} (virtio-mmio) or {@code BASE-ccw} by address type, with
     * {@code -transitional}/{@code -non-transitional} for those models.
     *
     * @param baseName      {@code virtio-blk}, {@code virtio-net}, {@code virtio-balloon}, ...
     * @param address       the device's address
     * @param model         the virtio model, or null
     * @param options       the {@code <driver>} virtio options
     * @param busSuffix     false for the video models that carry no bus suffix
     */
    public Props virtio(String baseName, DomainAddress address, DomainVirtioModel model, VirtioOptions options,
            boolean busSuffix) {
        StringBuilder driver = new StringBuilder(baseName);
        String impl;
        if (address instanceof DomainAddressPci) {
            impl = "pci";
        } else if (address instanceof DomainAddressVirtioMmio) {
            impl = "device";
        } else if (address instanceof DomainAddressCcw) {
            impl = "ccw";
        } else {
            throw new ArgvException("internal error: Unexpected address type for '" + baseName + "'");
        }
        if (busSuffix) {
            driver.append('-').append(impl);
        }
        if (model == DomainVirtioModel.VIRTIO_TRANSITIONAL) {
            if (p.caps().has(QemuCapability.VIRTIO_PCI_TRANSITIONAL)) {
                driver.append("-transitional");
            }
        } else if (model == DomainVirtioModel.VIRTIO_NON_TRANSITIONAL) {
            if (!p.caps().has(QemuCapability.VIRTIO_PCI_TRANSITIONAL)) {
                throw new ArgvException(
                        "unsupported configuration: virtio non-transitional model not supported for this qemu");
            }
            driver.append("-non-transitional");
        }
        Props props = Props.of("driver", driver.toString());
        if (options != null) {
            props.bool("iommu_platform", onOff(options.iommu()));
            props.bool("ats", onOff(options.ats()));
            props.bool("packed", onOff(options.packed()));
            props.bool("page-per-vq", onOff(options.pagePerVq()));
        }
        return props;
    }

    /**
     * Adds ROM tuning ({@code <rom bar file enabled>}): {@code rombar} and {@code romfile} ("" when disabled).
     * Only PCI devices can tune their ROM.
     */
    public void rom(Props props, DomainDeviceRom rom, DomainAddress address) {
        if (rom == null || (rom.getEnabled() == null && rom.getBar() == null && rom.getFile() == null)) {
            return;
        }
        if (!(address instanceof DomainAddressPci)) {
            throw new ArgvException("unsupported configuration: ROM tuning is only supported for PCI devices");
        }
        if (rom.getEnabled() == YesNo.NO) {
            props.str("romfile", "");
            return;
        }
        // libvirt adds rombar before romfile
        if (rom.getBar() != null) {
            props.num("rombar", rom.getBar() == OnOff.ON ? 1 : 0);
        }
        props.str("romfile", rom.getFile());
    }

    /** A tristate switch as a JSON boolean, null when absent. */
    public static Boolean onOff(OnOff v) {
        return v == null ? null : v == OnOff.ON;
    }

    /** A yes/no tristate as a JSON boolean, null when absent. */
    public static Boolean yesNo(YesNo v) {
        return v == null ? null : v == YesNo.YES;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
