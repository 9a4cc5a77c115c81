package org.virtxml.normalizer.platform;

import java.util.BitSet;
import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.SgxCapability;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.model.devices.DomainAddressCcw;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerTarget;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainIommu;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;

/**
 * The per-device validation of the devices the platform half owns (virDomainDeviceDefValidate and
 * qemuValidateDomainDeviceDef): controllers, the IOMMU and memory modules. Called for every device in libvirt's
 * order by the validation stage; never changes the domain.
 */
public final class PlatformDeviceChecks {

    private PlatformDeviceChecks() {
    }

    /** Checks {@code dev} when it is a controller, an IOMMU or a memory module. */
    public static void check(NormalizeContext ctx, DomainDevice dev) {
        if (dev instanceof DomainController c) {
            controller(ctx, c);
        } else if (dev instanceof DomainIommu i) {
            iommu(ctx, i);
        } else if (dev instanceof DomainMemoryDevice m) {
            memory(ctx, m);
        }
    }

    private static void controller(NormalizeContext ctx, DomainController c) {
        QemuCaps caps = ctx.caps();
        if (c.getType() == DomainControllerType.PCI) {
            pciRanges(c);
        }
        if (c.getType() == DomainControllerType.SCSI) {
            scsiModel(caps, c);
        }
        boolean virtioScsi = c.getType() == DomainControllerType.SCSI
                && (c.getModel() == DomainControllerModel.VIRTIO_SCSI
                || c.getModel() == DomainControllerModel.VIRTIO_TRANSITIONAL
                || c.getModel() == DomainControllerModel.VIRTIO_NON_TRANSITIONAL);
        if (!virtioScsi && c.getDriver() != null) {
            var drv = c.getDriver();
            if (drv.getQueues() != null && drv.getQueues() != 0) {
                throw NormalizeException.unsupported("'queues' is only supported by virtio-scsi controller", c);
            }
            if (drv.getCmdPerLun() != null && drv.getCmdPerLun() != 0) {
                throw NormalizeException.unsupported("'cmd_per_lun' is only supported by virtio-scsi controller", c);
            }
            if (drv.getMaxSectors() != null && drv.getMaxSectors() != 0) {
                throw NormalizeException.unsupported("'max_sectors' is only supported by virtio-scsi controller", c);
            }
            if (drv.getIoeventfd() != null) {
                throw NormalizeException.unsupported("'ioeventfd' is only supported by virtio-scsi controller", c);
            }
            if (drv.getIothread() != null && drv.getIothread() != 0) {
                throw NormalizeException.unsupported("'iothread' is only supported for virtio-scsi controller", c);
            }
        }
        switch (c.getType()) {
            case IDE -> {
                boolean builtin = ctx.isI440fx();
                if (c.getIndex() == 0 && builtin) {
                    return;
                }
                throw NormalizeException.unsupported(builtin
                        ? "Only a single IDE controller is supported for this machine type"
                        : "IDE controllers are unsupported for this QEMU binary or machine type", c);
            }
            case SCSI -> scsi(ctx, c);
            case PCI -> pci(ctx, c);
            case SATA -> {
                if (!(c.getIndex() == 0 && ctx.isQ35()) && !caps.has(QemuCapability.ICH9_AHCI)) {
                    throw NormalizeException.unsupported("SATA is not supported with this QEMU binary", c);
                }
            }
            case FDC, VIRTIO_SERIAL, CCID, USB, XENBUS, ISA -> {
            }
        }
    }

    /** virDomainControllerDefValidate: the roots have no address, indexes and numbers stay in range. */
    private static void pciRanges(DomainController c) {
        if ((c.getModel() == DomainControllerModel.PCI_ROOT || c.getModel() == DomainControllerModel.PCIE_ROOT)
                && c.getAddress() != null) {
            throw NormalizeException.unsupported("pci-root and pcie-root controllers should not have an address", c);
        }
        if (c.getIndex() > 255) {
            throw NormalizeException.unsupported("PCI controller index " + c.getIndex() + " too high, maximum is 255",
                    c);
        }
        DomainControllerTarget t = c.getTarget();
        if (t == null) {
            return;
        }
        if (t.getIndex() != null) {
            if (t.getIndex() < 0 || t.getIndex() > 30) {
                throw NormalizeException.unsupported("PCI controller target index '" + t.getIndex()
                        + "' out of range - must be 0-30", c);
            }
            if ((c.getIndex() == 0) != (t.getIndex() == 0)) {
                throw NormalizeException.unsupported("Only the PCI controller with index 0 can have target index 0,"
                        + " and vice versa", c);
            }
        }
        if (t.getChassisNr() != null && (t.getChassisNr() < 1 || t.getChassisNr() > 255)) {
            throw NormalizeException.unsupported("PCI controller chassisNr '" + t.getChassisNr()
                    + "' out of range - must be 1-255", c);
        }
        if (t.getChassis() != null && (t.getChassis() < 0 || t.getChassis() > 255)) {
            throw NormalizeException.unsupported("PCI controller chassis '" + t.getChassis()
                    + "' out of range - must be 0-255", c);
        }
        if (t.getPort() != null && (t.getPort() < 0 || t.getPort() > 255)) {
            throw NormalizeException.unsupported("PCI controller port '" + t.getPort() + "' out of range - must be"
                    + " 0-255", c);
        }
        if (t.getBusNr() != null && (t.getBusNr() < 1 || t.getBusNr() > 254)) {
            throw NormalizeException.unsupported("PCI controller busNr '" + t.getBusNr() + "' out of range - must be"
                    + " 1-254", c);
        }
        if (t.getNode() != null && c.getIndex() == 0) {
            throw NormalizeException.unsupported(
                    "The PCI controller with index=0 can't be associated with a NUMA node", c);
        }
    }

    private static void scsiModel(QemuCaps caps, DomainController c) {
        if (c.getModel() == null) {
            return;
        }
        switch (c.getModel()) {
            case LSILOGIC -> need(caps, QemuCapability.SCSI_LSI, "This QEMU doesn't support the LSI 53C895A SCSI"
                    + " controller", c);
            case VIRTIO_SCSI, VIRTIO_TRANSITIONAL, VIRTIO_NON_TRANSITIONAL -> need(caps, QemuCapability.VIRTIO_SCSI,
                    "This QEMU doesn't support virtio scsi controller", c);
            case LSISAS1068 -> need(caps, QemuCapability.SCSI_MPTSAS1068, "This QEMU doesn't support the LSI SAS1068"
                    + " (MPT Fusion) controller", c);
            case LSISAS1078 -> need(caps, QemuCapability.SCSI_MEGASAS, "This QEMU doesn't support the LSI SAS1078"
                    + " (MegaRAID) controller", c);
            case VMPVSCSI -> need(caps, QemuCapability.SCSI_PVSCSI, "This QEMU doesn't support the pvscsi (VMware"
                    + " paravirtual SCSI) controller", c);
            case AUTO, BUSLOGIC -> throw NormalizeException.unsupported("Unsupported controller model: "
                    + c.getModel().xml(), c);
            // libvirt reports a missing ESP, DC390 or AM53C974 device but goes on (it is refused at start-up)
            default -> {
            }
        }
    }

    private static void need(QemuCaps caps, QemuCapability cap, String message, DomainController c) {
        if (!caps.has(cap)) {
            throw NormalizeException.unsupported(message, c);
        }
    }

    private static void scsi(NormalizeContext ctx, DomainController c) {
        DomainControllerModel m = c.getModel();
        if (m == DomainControllerModel.VIRTIO_SCSI || m == DomainControllerModel.VIRTIO_TRANSITIONAL
                || m == DomainControllerModel.VIRTIO_NON_TRANSITIONAL) {
            Integer iothread = c.getDriver() == null ? null : c.getDriver().getIothread();
            if (iothread != null && iothread != 0) {
                if (c.getAddress() != null && !(c.getAddress() instanceof DomainAddressPci)
                        && !(c.getAddress() instanceof DomainAddressCcw)) {
                    throw NormalizeException.unsupported("virtio-scsi IOThreads only available for virtio pci and"
                            + " virtio ccw controllers", c);
                }
                if (!Tunables.iothreadIds(ctx.domain()).contains(iothread)) {
                    throw NormalizeException.unsupported("controller iothread '" + iothread
                            + "' not defined in iothreadid", c);
                }
            }
        } else if (m == DomainControllerModel.NCR53C90) {
            if (c.getIndex() != 0) {
                throw NormalizeException.unsupported("ncr53c90 can only be used as first SCSI controller", c);
            }
            throw NormalizeException.unsupported("ncr53c90 SCSI controller is not a built-in for this machine", c);
        }
    }

    /** What each PCI controller model may set, and whether this QEMU has its device. */
    private static void pci(NormalizeContext ctx, DomainController c) {
        DomainControllerModel m = c.getModel();
        String model = m == null ? "(null)" : m.xml();
        String name = c.getModelName() == null || c.getModelName().getName() == null ? "none"
                : c.getModelName().getName();
        DomainControllerTarget t = c.getTarget() == null ? new DomainControllerTarget() : c.getTarget();
        boolean root = m == DomainControllerModel.PCI_ROOT || m == DomainControllerModel.PCIE_ROOT;
        if (root) {
            if (!name.equals("none")) {
                throw invalidOption(c, model, name, "modelName");
            }
        } else if (name.equals("none")) {
            throw NormalizeException.internal("Required option 'modelName' is not set for PCI controller with index '"
                    + c.getIndex() + "', model '" + model + "' and modelName '" + name + "'", c);
        }
        String expected = switch (m) {
            case PCI_BRIDGE -> "pci-bridge";
            case DMI_TO_PCI_BRIDGE -> "i82801b11-bridge";
            case PCIE_SWITCH_UPSTREAM_PORT -> "x3130-upstream";
            case PCIE_SWITCH_DOWNSTREAM_PORT -> "xio3130-downstream";
            case PCI_EXPANDER_BUS -> "pxb";
            case PCIE_EXPANDER_BUS -> "pxb-pcie";
            case PCIE_TO_PCI_BRIDGE -> "pcie-pci-bridge";
            default -> null;
        };
        boolean nameOk = m == DomainControllerModel.PCIE_ROOT_PORT
                ? name.equals("ioh3420") || name.equals("pcie-root-port") : root || name.equals(expected);
        if (!nameOk) {
            throw NormalizeException.unsupported("Option 'modelName' has invalid value for PCI controller with index '"
                    + c.getIndex() + "', model '" + model + "' and modelName '" + name + "'", c);
        }
        if (!root && c.getIndex() == 0) {
            throw NormalizeException.unsupported("Index for '" + model + "' controllers must be > 0", c);
        }
        if (root && c.getIndex() != 0) {
            throw NormalizeException.unsupported("Index for '" + model + "' controllers must be 0", c);
        }
        if (t.getIndex() != null) {
            throw invalidOption(c, model, name, "targetIndex");
        }
        if (c.getPcihole64() != null) {
            boolean ok = (m == DomainControllerModel.PCI_ROOT && ctx.isI440fx())
                    || (m == DomainControllerModel.PCIE_ROOT && ctx.isQ35());
            if (root && !ok) {
                throw NormalizeException.unsupported("Setting the 64-bit PCI hole size is not supported for machine '"
                        + ctx.machine() + "'", c);
            }
            if (!root) {
                throw invalidOption(c, model, name, "pcihole64");
            }
        }
        boolean expander = m == DomainControllerModel.PCI_EXPANDER_BUS || m == DomainControllerModel.PCIE_EXPANDER_BUS;
        if (expander && t.getBusNr() == null) {
            throw NormalizeException.internal("Required option 'busNr' is not set for PCI controller with index '"
                    + c.getIndex() + "', model '" + model + "' and modelName '" + name + "'", c);
        }
        if (!expander && t.getBusNr() != null) {
            throw invalidOption(c, model, name, "busNr");
        }
        if (!expander && t.getNode() != null) {
            throw invalidOption(c, model, name, "numaNode");
        }
        if (m == DomainControllerModel.PCI_BRIDGE && t.getChassisNr() == null) {
            throw NormalizeException.internal("Required option 'chassisNr' is not set for PCI controller with index '"
                    + c.getIndex() + "', model '" + model + "' and modelName '" + name + "'", c);
        }
        if (m != DomainControllerModel.PCI_BRIDGE && t.getChassisNr() != null) {
            throw invalidOption(c, model, name, "chassisNr");
        }
        boolean port = m == DomainControllerModel.PCIE_ROOT_PORT || m == DomainControllerModel.PCIE_SWITCH_DOWNSTREAM_PORT;
        if (port) {
            if (t.getChassis() == null || t.getPort() == null) {
                throw NormalizeException.internal("Required option '" + (t.getChassis() == null ? "chassis" : "port")
                        + "' is not set for PCI controller with index '" + c.getIndex() + "', model '" + model
                        + "' and modelName '" + name + "'", c);
            }
        } else {
            if (t.getChassis() != null) {
                throw invalidOption(c, model, name, "chassis");
            }
            if (t.getPort() != null) {
                throw invalidOption(c, model, name, "port");
            }
        }
        if (t.getHotplug() != null) {
            if (m == DomainControllerModel.PCI_ROOT) {
                if (!ctx.caps().has(QemuCapability.PIIX4_ACPI_ROOT_PCI_HOTPLUG)) {
                    throw NormalizeException.unsupported("setting the 'hotplug' property on a 'pci-root' device is"
                            + " not supported by this QEMU binary", c);
                }
            } else if (port) {
                if (!ctx.caps().has(QemuCapability.PCIE_ROOT_PORT_HOTPLUG)) {
                    throw NormalizeException.unsupported("setting the 'hotplug' property on a '" + name + "' device"
                            + " is not supported by this QEMU binary", c);
                }
            } else {
                throw invalidOption(c, model, name, "hotplug");
            }
        }
        QemuCapability cap = switch (name) {
            case "pci-bridge" -> QemuCapability.DEVICE_PCI_BRIDGE;
            case "i82801b11-bridge" -> QemuCapability.DEVICE_DMI_TO_PCI_BRIDGE;
            case "ioh3420" -> QemuCapability.DEVICE_IOH3420;
            case "x3130-upstream" -> QemuCapability.DEVICE_X3130_UPSTREAM;
            case "xio3130-downstream" -> QemuCapability.DEVICE_XIO3130_DOWNSTREAM;
            case "pxb" -> QemuCapability.DEVICE_PXB;
            case "pxb-pcie" -> QemuCapability.DEVICE_PXB_PCIE;
            case "pcie-root-port" -> QemuCapability.DEVICE_PCIE_ROOT_PORT;
            case "pcie-pci-bridge" -> QemuCapability.DEVICE_PCIE_PCI_BRIDGE;
            default -> null;
        };
        if (cap != null && !ctx.caps().has(cap)) {
            throw NormalizeException.unsupported("The '" + name + "' device is not supported by this QEMU binary", c);
        }
    }

    private static NormalizeException invalidOption(DomainController c, String model, String name, String option) {
        return NormalizeException.unsupported("Option '" + option + "' is not valid for PCI controller with index '"
                + c.getIndex() + "', model '" + model + "' and modelName '" + name + "'", c);
    }

    /**
     * virDomainIOMMUDefValidate (only Intel's IOMMU has tuning, SMMUv3 and Intel's have no address), then which
     * machines have which IOMMU and what the emulator supports of it.
     */
    private static void iommu(NormalizeContext ctx, DomainIommu iommu) {
        QemuCaps caps = ctx.caps();
        String model = iommu.getModel() == null ? "intel" : iommu.getModel();
        var d = iommu.getDriver();
        boolean tuned = d != null && (d.getIntremap() != null || d.getCachingMode() != null || d.getEim() != null
                || d.getIotlb() != null || (d.getAwBits() != null && d.getAwBits() != 0));
        if ((model.equals("smmuv3") || model.equals("virtio")) && tuned) {
            throw NormalizeException.xmlError("iommu model '" + model + "' doesn't support additional attributes",
                    iommu);
        }
        if ((model.equals("smmuv3") || model.equals("intel")) && iommu.getAddress() != null) {
            throw NormalizeException.xmlError("iommu model '" + model + "' can't have address", iommu);
        }
        boolean armVirt = (ctx.arch().equals("aarch64") || ctx.arch().startsWith("armv7")) && ctx.machine() != null
                && (ctx.machine().equals("virt") || ctx.machine().startsWith("virt-"));
        switch (model) {
            case "intel" -> {
                if (!ctx.isQ35()) {
                    throw NormalizeException.unsupported("IOMMU device: 'intel' is only supported with Q35 machines",
                            iommu);
                }
                if (!caps.has(QemuCapability.DEVICE_INTEL_IOMMU)) {
                    throw NormalizeException.unsupported("IOMMU device: 'intel' is not supported with this QEMU"
                            + " binary", iommu);
                }
            }
            case "smmuv3" -> {
                if (!armVirt) {
                    throw NormalizeException.unsupported("IOMMU device: 'smmuv3' is only supported with ARM Virt"
                            + " machines", iommu);
                }
                if (!caps.has(QemuCapability.MACHINE_VIRT_IOMMU)) {
                    throw NormalizeException.unsupported("IOMMU device: 'smmuv3' is not supported with this QEMU"
                            + " binary", iommu);
                }
            }
            case "virtio" -> {
                if (!armVirt && !ctx.isQ35()) {
                    throw NormalizeException.unsupported("IOMMU device: 'virtio' is only supported with Q35 and ARM"
                            + " Virt machines", iommu);
                }
                if (!caps.has(QemuCapability.DEVICE_VIRTIO_IOMMU_PCI)
                        || !caps.has(QemuCapability.VIRTIO_IOMMU_BOOT_BYPASS)) {
                    throw NormalizeException.unsupported("IOMMU device: 'virtio' is not supported with this QEMU"
                            + " binary", iommu);
                }
                if (ctx.domain().getFeatures() == null || ctx.domain().getFeatures().getAcpi() == null) {
                    throw NormalizeException.unsupported("IOMMU device: 'virtio' requires ACPI", iommu);
                }
                if (iommu.getAddress() != null && !(iommu.getAddress() instanceof DomainAddressPci)) {
                    throw NormalizeException.unsupported("IOMMU device: 'virtio' needs a PCI address", iommu);
                }
            }
            default -> {
            }
        }
        var drv = iommu.getDriver();
        if (drv == null) {
            return;
        }
        if (drv.getIntremap() != null && !caps.has(QemuCapability.INTEL_IOMMU_INTREMAP)) {
            throw NormalizeException.unsupported(
                    "iommu: interrupt remapping is not supported with this QEMU binary", iommu);
        }
        if (drv.getCachingMode() != null && !caps.has(QemuCapability.INTEL_IOMMU_CACHING_MODE)) {
            throw NormalizeException.unsupported("iommu: caching mode is not supported with this QEMU binary", iommu);
        }
        if (drv.getEim() != null && !caps.has(QemuCapability.INTEL_IOMMU_EIM)) {
            throw NormalizeException.unsupported("iommu: eim is not supported with this QEMU binary", iommu);
        }
        if (drv.getIotlb() != null && !caps.has(QemuCapability.INTEL_IOMMU_DEVICE_IOTLB)) {
            throw NormalizeException.unsupported("iommu: device IOTLB is not supported with this QEMU binary", iommu);
        }
        if (drv.getAwBits() != null && drv.getAwBits() > 0 && !caps.has(QemuCapability.INTEL_IOMMU_AW_BITS)) {
            throw NormalizeException.unsupported("iommu: aw_bits is not supported with this QEMU binary", iommu);
        }
    }

    /** Each memory module model needs its QEMU device; SGX EPC must fit in the host's EPC sections. */
    private static void memory(NormalizeContext ctx, DomainMemoryDevice m) {
        MemoryDevices.validate(m, ControllerDefaults.numaCells(ctx.domain()));
        QemuCaps caps = ctx.caps();
        String model = m.getModel() == null ? "" : m.getModel();
        switch (model) {
            case "dimm" -> {
                if (!caps.has(QemuCapability.DEVICE_PC_DIMM)) {
                    throw NormalizeException.unsupported("memory hotplug isn't supported by this QEMU binary", m);
                }
            }
            case "nvdimm" -> {
                if (!caps.has(QemuCapability.DEVICE_NVDIMM)) {
                    throw NormalizeException.unsupported("nvdimm isn't supported by this QEMU binary", m);
                }
                if (m.getTarget() != null && m.getTarget().getReadonly() != null
                        && !caps.has(QemuCapability.DEVICE_NVDIMM_UNARMED)) {
                    throw NormalizeException.unsupported(
                            "nvdimm readonly property is not available with this QEMU binary", m);
                }
            }
            case "virtio-pmem" -> {
                if (!caps.has(QemuCapability.DEVICE_VIRTIO_PMEM_PCI)) {
                    throw NormalizeException.unsupported("virtio-pmem isn't supported by this QEMU binary", m);
                }
            }
            case "virtio-mem" -> {
                if (!caps.has(QemuCapability.DEVICE_VIRTIO_MEM_PCI)) {
                    throw NormalizeException.unsupported("virtio-mem isn't supported by this QEMU binary", m);
                }
            }
            case "sgx-epc" -> {
                if (!caps.has(QemuCapability.SGX_EPC)) {
                    throw NormalizeException.unsupported("sgx epc isn't supported by this QEMU binary", m);
                }
                SgxCapability sgx = caps.sgx().orElse(null);
                if (sgx == null || sgx.sections().isEmpty()) {
                    throw NormalizeException.unsupported("this QEMU version didn't provide SGX EPC NUMA info", m);
                }
                long size = MemoryDevices.size(m);
                BitSet nodes = m.getSource() == null || m.getSource().getNodemask() == null ? null
                        : CpuSetAdapter.parse(m.getSource().getNodemask());
                if (nodes == null) {
                    nodes = new BitSet();
                    nodes.set(0);
                }
                for (int n = nodes.nextSetBit(0); n >= 0; n = nodes.nextSetBit(n + 1)) {
                    long have = n < sgx.sections().size() ? sgx.sections().get(n).sizeKiB() : 0;
                    if (size > have) {
                        throw NormalizeException.unsupported("sgx epc size " + have + " on host node " + n
                                + " is less than requested size " + size, m);
                    }
                }
            }
            default -> {
            }
        }
    }
}
