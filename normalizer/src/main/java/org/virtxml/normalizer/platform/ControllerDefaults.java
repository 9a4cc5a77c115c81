package org.virtxml.normalizer.platform;

import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The per-device post-parse of controllers (qemuDomainControllerDefPostParse, virDomainControllerDefPostParse):
 * the default SCSI and USB models this emulator offers, and the controller configurations QEMU cannot build.
 * Other stages call {@link #apply(NormalizeContext, DomainController)} for controllers they add after the
 * per-device pass, as libvirt re-runs it for implicit SCSI controllers.
 */
public final class ControllerDefaults implements Stage {

    /** QEMU's xHCI controllers have at most this many ports. */
    static final int XHCI_MAX_PORTS = 15;

    @Override
    public void apply(NormalizeContext ctx) {
        for (DomainController c : ctx.devices().getControllers()) {
            apply(ctx, c);
        }
    }

    /** Applies the controller defaults and refusals to one controller. */
    public static void apply(NormalizeContext ctx, DomainController c) {
        Domain d = ctx.domain();
        QemuCaps caps = ctx.caps();
        switch (c.getType()) {
            case SCSI -> {
                if (c.getModel() == null) {
                    c.setModel(defaultScsiModel(ctx, c));
                }
            }
            case USB -> {
                if (c.getModel() == null) {
                    // piix3-uhci where QEMU has it; the other architectures' defaults follow
                    if (caps.has(QemuCapability.PIIX3_USB_UHCI)) {
                        c.setModel(DomainControllerModel.PIIX3_UHCI);
                    }
                    String arch = ctx.arch();
                    if (arch.startsWith("s390")) {
                        if (c.getAddress() == null) {
                            c.setModel(DomainControllerModel.NONE);
                        }
                    } else if (arch.startsWith("ppc64")) {
                        if (caps.has(QemuCapability.DEVICE_QEMU_XHCI)) {
                            c.setModel(DomainControllerModel.QEMU_XHCI);
                        } else if (caps.has(QemuCapability.NEC_USB_XHCI)) {
                            c.setModel(DomainControllerModel.NEC_XHCI);
                        } else if (caps.has(QemuCapability.PCI_OHCI)) {
                            c.setModel(DomainControllerModel.PCI_OHCI);
                        } else {
                            c.setModel(null);
                        }
                    } else if (arch.equals("aarch64")) {
                        if (caps.has(QemuCapability.DEVICE_QEMU_XHCI)) {
                            c.setModel(DomainControllerModel.QEMU_XHCI);
                        } else if (caps.has(QemuCapability.NEC_USB_XHCI)) {
                            c.setModel(DomainControllerModel.NEC_XHCI);
                        }
                    }
                }
                if (c.getModel() == DomainControllerModel.QUSB1 || c.getModel() == DomainControllerModel.QUSB2) {
                    throw NormalizeException.unsupported("USB controller model type 'qusb1' or 'qusb2' is not"
                            + " supported in " + d.getType().xml(), c);
                }
                if ((c.getModel() == DomainControllerModel.NEC_XHCI || c.getModel() == DomainControllerModel.QEMU_XHCI)
                        && c.getPorts() != null && c.getPorts() > XHCI_MAX_PORTS) {
                    throw NormalizeException.unsupported("'" + c.getModel().xml() + "' controller only supports up"
                            + " to '" + XHCI_MAX_PORTS + "' ports", c);
                }
            }
            case PCI -> pci(ctx, c);
            case SATA, VIRTIO_SERIAL, CCID, IDE, FDC, XENBUS, ISA -> {
            }
        }
        if (c.getDriver() != null && c.getDriver().getIothread() != null && c.getDriver().getIothread() != 0
                && c.getModel() != DomainControllerModel.VIRTIO_SCSI
                && c.getModel() != DomainControllerModel.VIRTIO_TRANSITIONAL
                && c.getModel() != DomainControllerModel.VIRTIO_NON_TRANSITIONAL) {
            throw NormalizeException.xmlError("'iothread' attribute only supported for virtio scsi controllers", c);
        }
    }

    private static void pci(NormalizeContext ctx, DomainController c) {
        boolean pseries = ctx.arch().startsWith("ppc64") && ctx.machine() != null
                && (ctx.machine().equals("pseries") || ctx.machine().startsWith("pseries-"));
        if (!pseries && (c.getModel() == DomainControllerModel.PCI_ROOT
                || c.getModel() == DomainControllerModel.PCIE_ROOT) && c.getIndex() != 0) {
            throw NormalizeException.xmlError("pci-root and pcie-root controllers should have index 0", c);
        }
        if (c.getModel() == DomainControllerModel.PCI_EXPANDER_BUS && !ctx.isI440fx()) {
            throw NormalizeException.unsupported(
                    "pci-expander-bus controllers are only supported on 440fx-based machinetypes", c);
        }
        if (c.getModel() == DomainControllerModel.PCIE_EXPANDER_BUS && !ctx.isQ35()
                && !(ctx.arch().equals("aarch64") || ctx.arch().startsWith("armv7"))) {
            throw NormalizeException.unsupported(
                    "pcie-expander-bus controllers are not supported with this machine type", c);
        }
        Integer node = c.getTarget() == null ? null : c.getTarget().getNode();
        int cells = numaCells(ctx.domain());
        if (node != null && node >= cells) {
            throw NormalizeException.xmlError((c.getModel() == null ? "(null)" : c.getModel().xml()) + " with index "
                    + c.getIndex() + " is configured for a NUMA node (" + node + ") not present in the domain's"
                    + " <cpu><numa> array (" + cells + ")", c);
        }
    }

    /** The number of guest NUMA cells. */
    static int numaCells(Domain d) {
        return d.getCpu() == null || d.getCpu().getNuma() == null ? 0 : d.getCpu().getNuma().getCells().size();
    }

    /** libvirt's default SCSI controller for this guest and emulator. */
    static DomainControllerModel defaultScsiModel(NormalizeContext ctx, DomainController c) {
        String arch = ctx.arch();
        String machine = ctx.machine();
        if (arch.startsWith("ppc64") && machine != null && (machine.equals("pseries") || machine.startsWith("pseries-"))) {
            return DomainControllerModel.IBMVSCSI;
        }
        if (arch.startsWith("s390")) {
            return DomainControllerModel.VIRTIO_SCSI;
        }
        if (ctx.caps().has(QemuCapability.SCSI_LSI)) {
            return DomainControllerModel.LSILOGIC;
        }
        if (ctx.caps().has(QemuCapability.VIRTIO_SCSI)) {
            return DomainControllerModel.VIRTIO_SCSI;
        }
        if (arch.equals("sparc")) {
            return DomainControllerModel.NCR53C90;
        }
        throw NormalizeException.internal("Unable to determine model for SCSI controller idx=" + c.getIndex(), c);
    }
}
