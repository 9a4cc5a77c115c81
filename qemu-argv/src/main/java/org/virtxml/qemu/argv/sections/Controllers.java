package org.virtxml.qemu.argv.sections;

import org.virtxml.model.OnOff;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerDriver;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerTarget;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainVirtioModel;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.Props;

/**
 * The controllers of one type as libvirt's {@code qemuBuildControllersByTypeCommandLine} writes them: the
 * i440FX root's ACPI hotplug switch, then a {@code -device} for every controller that is not built into the
 * machine (the PCI/PCIe root, the Q35's first SATA, the i440FX's first IDE) or absent ({@code model='none'}).
 */
final class Controllers {

    private Controllers() {
    }

    static void ofType(BuildContext ctx, DomainControllerType type) {
        for (DomainController c : ctx.prepared().controllers()) {
            if (c.getType() != type) {
                continue;
            }
            rootHotplug(ctx, c);
            if (builtIn(ctx, c)) {
                continue;
            }
            if (type == DomainControllerType.USB && (c.getModel() == DomainControllerModel.NONE
                    || (c.getModel() == null && !ctx.prepared().isQ35()))) {
                // no controller, or the legacy one ControllerSection asks for with -usb
                continue;
            }
            Props props = props(ctx, c);
            if (props == null) {
                continue;
            }
            ctx.deviceProps().address(props, c);
            ctx.device(props);
        }
    }

    /** {@code -global PIIX4_PM.acpi-root-pci-hotplug=on|off} for the i440FX root's {@code <target hotplug>}. */
    private static void rootHotplug(BuildContext ctx, DomainController c) {
        if (c.getType() == DomainControllerType.PCI && c.getModel() == DomainControllerModel.PCI_ROOT
                && index(c) == 0 && c.getTarget() != null && c.getTarget().getHotplug() != null) {
            ctx.add("-global", "PIIX4_PM.acpi-root-pci-hotplug=" + c.getTarget().getHotplug().xml());
        }
    }

    /** libvirt's qemuBuildSkipController: controllers the machine type already has. */
    static boolean builtIn(BuildContext ctx, DomainController c) {
        if (c.getType() == DomainControllerType.PCI
                && (c.getModel() == DomainControllerModel.PCIE_ROOT || c.getModel() == DomainControllerModel.PCI_ROOT)) {
            return true;
        }
        if (c.getType() == DomainControllerType.SATA && index(c) == 0 && ctx.prepared().isQ35()) {
            return true;
        }
        return c.getType() == DomainControllerType.IDE && index(c) == 0 && ctx.prepared().hasBuiltinIde();
    }

    private static Props props(BuildContext ctx, DomainController c) {
        String alias = ctx.prepared().alias(c);
        DomainControllerDriver drv = c.getDriver();
        switch (c.getType()) {
            case SCSI:
                return scsi(ctx, c, alias, drv);
            case VIRTIO_SERIAL: {
                Props p = ctx.deviceProps().virtio("virtio-serial", c.getAddress(), virtioModel(c.getModel()),
                        virtioOptions(drv), true);
                return p.str("id", alias).num("max_ports", nonNegative(c.getPorts()))
                        .num("vectors", nonNegative(c.getVectors()));
            }
            case CCID:
                return Props.of("driver", "usb-ccid").str("id", alias);
            case SATA:
                return Props.of("driver", "ahci").str("id", alias);
            case USB:
                return usb(ctx, c, alias);
            case PCI:
                return pci(c, alias);
            case IDE, FDC, XENBUS, ISA:
                throw new ArgvException("unsupported configuration: Unsupported controller type: " + c.getType().xml(),
                        c);
        }
        return null;
    }

    private static Props scsi(BuildContext ctx, DomainController c, String alias, DomainControllerDriver drv) {
        DomainControllerModel m = c.getModel();
        String driver;
        switch (m) {
            case VIRTIO_SCSI, VIRTIO_TRANSITIONAL, VIRTIO_NON_TRANSITIONAL -> {
                Props p = ctx.deviceProps().virtio("virtio-scsi", c.getAddress(), virtioModel(m), virtioOptions(drv),
                        true);
                if (drv != null && drv.getIothread() != null && drv.getIothread() > 0) {
                    p.str("iothread", "iothread" + drv.getIothread());
                }
                p.str("id", alias);
                if (drv != null) {
                    p.positive("num_queues", drv.getQueues()).positive("cmd_per_lun", drv.getCmdPerLun())
                            .positive("max_sectors", drv.getMaxSectors()).bool("ioeventfd",
                                    DeviceProps.onOff(drv.getIoeventfd()));
                }
                return p;
            }
            case LSILOGIC -> driver = "lsi";
            case IBMVSCSI -> driver = "spapr-vscsi";
            case LSISAS1068 -> driver = "mptsas1068";
            case LSISAS1078 -> driver = "megasas";
            case VMPVSCSI -> driver = "pvscsi";
            case AM53C974 -> driver = "am53c974";
            case DC390 -> driver = "dc-390";
            default -> throw new ArgvException("unsupported configuration: Unsupported controller model: "
                    + (m == null ? "default" : m.xml()), c);
        }
        return Props.of("driver", driver).str("id", alias);
    }

    private static Props usb(BuildContext ctx, DomainController c, String alias) {
        DomainControllerModel m = c.getModel();
        if (m == null) {
            throw new ArgvException("unsupported configuration: no model provided for USB controller", c);
        }
        Props p = Props.of("driver", usbDriver(m));
        Integer ports = nonNegative(c.getPorts());
        p.num("p2", ports).num("p3", ports);
        if (c.getMaster() != null) {
            // a companion controller: it joins its EHCI master's bus instead of having one of its own
            String master = null;
            for (DomainController o : ctx.prepared().controllers()) {
                if (o.getType() == DomainControllerType.USB && index(o) == index(c) && o.getMaster() == null) {
                    master = ctx.prepared().alias(o);
                    break;
                }
            }
            if (master == null) {
                throw new ArgvException("internal error: masterbus not found", c);
            }
            p.str("masterbus", master + ".0").num("firstport", c.getMaster().getStartport() == null ? 0
                    : c.getMaster().getStartport());
        } else {
            p.str("id", alias);
        }
        return p;
    }

    /** QEMU's device for a USB controller model. */
    static String usbDriver(DomainControllerModel m) {
        return switch (m) {
            case PIIX3_UHCI -> "piix3-usb-uhci";
            case PIIX4_UHCI -> "piix4-usb-uhci";
            case EHCI -> "usb-ehci";
            case ICH9_EHCI1 -> "ich9-usb-ehci1";
            case ICH9_UHCI1 -> "ich9-usb-uhci1";
            case ICH9_UHCI2 -> "ich9-usb-uhci2";
            case ICH9_UHCI3 -> "ich9-usb-uhci3";
            case VT82C686B_UHCI -> "vt82c686b-usb-uhci";
            case PCI_OHCI -> "pci-ohci";
            case NEC_XHCI -> "nec-usb-xhci";
            case QUSB1 -> "qusb1";
            case QUSB2 -> "qusb2";
            case QEMU_XHCI -> "qemu-xhci";
            default -> m.xml();
        };
    }

    private static Props pci(DomainController c, String alias) {
        String modelName = c.getModelName() == null ? null : c.getModelName().getName();
        if (modelName == null) {
            throw new ArgvException("internal error: Unknown virDomainControllerPCIModelName value: 0", c);
        }
        DomainControllerTarget t = c.getTarget();
        Props p = Props.of("driver", modelName);
        switch (c.getModel()) {
            case PCI_BRIDGE -> p.num("chassis_nr", t == null ? null : t.getChassisNr()).str("id", alias);
            case PCI_EXPANDER_BUS, PCIE_EXPANDER_BUS -> {
                p.num("bus_nr", t == null ? null : t.getBusNr()).str("id", alias);
                if (t != null && t.getNode() != null) {
                    p.num("numa_node", t.getNode());
                }
            }
            case DMI_TO_PCI_BRIDGE, PCIE_SWITCH_UPSTREAM_PORT, PCIE_TO_PCI_BRIDGE -> p.str("id", alias);
            case PCIE_ROOT_PORT, PCIE_SWITCH_DOWNSTREAM_PORT -> p.num("port", t == null ? null : t.getPort())
                    .num("chassis", t == null ? null : t.getChassis()).str("id", alias)
                    .bool("hotplug", t == null ? null : DeviceProps.onOff(t.getHotplug()));
            case PCI_ROOT -> {
                p.num("index", t == null ? null : t.getIndex()).str("id", alias);
                if (t != null && t.getNode() != null) {
                    p.num("numa_node", t.getNode());
                }
            }
            case PCIE_ROOT -> throw new ArgvException(
                    "unsupported configuration: Unsupported PCI Express root controller", c);
            default -> throw new ArgvException("internal error: Unexpected PCI controller model", c);
        }
        return p;
    }

    static DomainVirtioModel virtioModel(DomainControllerModel m) {
        if (m == DomainControllerModel.VIRTIO_TRANSITIONAL) {
            return DomainVirtioModel.VIRTIO_TRANSITIONAL;
        }
        if (m == DomainControllerModel.VIRTIO_NON_TRANSITIONAL) {
            return DomainVirtioModel.VIRTIO_NON_TRANSITIONAL;
        }
        return null;
    }

    static DeviceProps.VirtioOptions virtioOptions(DomainControllerDriver d) {
        return d == null ? DeviceProps.VirtioOptions.NONE
                : new DeviceProps.VirtioOptions(d.getIommu(), d.getAts(), d.getPacked(), d.getPagePerVq());
    }

    /** "k:" numbers: absent or negative means unset. */
    private static Integer nonNegative(Integer v) {
        return v == null || v < 0 ? null : v;
    }

    static int index(DomainController c) {
        return c.getIndex() == null ? 0 : c.getIndex();
    }

    static boolean on(OnOff v) {
        return v == OnOff.ON;
    }
}
