package org.virtxml.normalizer.platform;

import java.util.List;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDeviceMaster;
import org.virtxml.model.devices.DomainDevices;

/**
 * Finding and adding controllers the way libvirt's domain code does: controllers are looked up by type and index,
 * added ones are appended (virDomainDefAddController), while the parser inserts each one after the last of its
 * type in index order (virDomainControllerInsertPreAlloced), which is the order libvirt prints them in.
 */
public final class Controllers {
    private Controllers() {
    }

    /** The first controller of {@code type} with {@code index}, or null. */
    public static DomainController find(DomainDevices devices, DomainControllerType type, int index) {
        for (DomainController c : devices.getControllers()) {
            if (c.getType() == type && c.getIndex() != null && c.getIndex() == index) {
                return c;
            }
        }
        return null;
    }

    /** The lowest index no controller of {@code type} uses yet. */
    public static int unusedIndex(DomainDevices devices, DomainControllerType type) {
        // one pass rather than one per candidate index: a domain with hundreds of unindexed controllers asks this
        // once per controller. Indexes above the controller count cannot be the answer.
        List<DomainController> all = devices.getControllers();
        java.util.BitSet used = new java.util.BitSet();
        for (DomainController c : all) {
            if (c.getType() == type && c.getIndex() != null && c.getIndex() >= 0 && c.getIndex() <= all.size()) {
                used.set(c.getIndex());
            }
        }
        return used.nextClearBit(0);
    }

    /** Appends a controller of {@code type}; a negative index means the lowest unused one, a null model none. */
    public static DomainController add(DomainDevices devices, DomainControllerType type, int index,
            DomainControllerModel model) {
        DomainController c = new DomainController();
        c.setType(type);
        c.setIndex(index < 0 ? unusedIndex(devices, type) : index);
        c.setModel(model);
        devices.getControllers().add(c);
        return c;
    }

    /** Adds a controller unless one of {@code type} with {@code index} exists; true when it added one. */
    public static boolean maybeAdd(DomainDevices devices, DomainControllerType type, int index,
            DomainControllerModel model) {
        if (index >= 0 && find(devices, type, index) != null) {
            return false;
        }
        add(devices, type, index, model);
        return true;
    }

    /**
     * Adds a USB controller; an {@code ich9-ehci1} brings its three UHCI companions at the same index, with the
     * first ports libvirt gives them (0, 2, 4) as ICH9 hardware has them.
     */
    public static void addUsb(DomainDevices devices, int index, DomainControllerModel model) {
        DomainController c = add(devices, DomainControllerType.USB, index, model);
        if (model != DomainControllerModel.ICH9_EHCI1) {
            return;
        }
        int idx = c.getIndex();
        DomainControllerModel[] companions = {DomainControllerModel.ICH9_UHCI1, DomainControllerModel.ICH9_UHCI2,
            DomainControllerModel.ICH9_UHCI3};
        for (int i = 0; i < companions.length; i++) {
            DomainController u = add(devices, DomainControllerType.USB, idx, companions[i]);
            DomainDeviceMaster m = new DomainDeviceMaster();
            m.setStartport(2 * i);
            u.setMaster(m);
        }
    }

    /**
     * Places {@code c} in {@code list} as libvirt's parser does: after the last controller of the same type, before
     * the first of that type with a higher index, and a master before its companions at the same index. A
     * controller without an index goes after the last one of its type.
     */
    public static void insertSorted(List<DomainController> list, DomainController c) {
        int insertAt = -1;
        for (int i = list.size() - 1; i >= 0; i--) {
            DomainController cur = list.get(i);
            if (cur.getType() != c.getType()) {
                continue;
            }
            if (c.getIndex() == null) {
                insertAt = i + 1;
                break;
            }
            int curIdx = cur.getIndex() == null ? -1 : cur.getIndex();
            if (curIdx > c.getIndex()) {
                insertAt = i;
            } else if (c.getMaster() == null && cur.getMaster() != null && curIdx == c.getIndex()) {
                insertAt = i;
            } else if (insertAt == -1) {
                insertAt = i + 1;
            }
        }
        if (insertAt < 0) {
            list.add(c);
        } else {
            list.add(insertAt, c);
        }
    }

    /** Whether {@code model} is one of the models of controllers of {@code type}. */
    public static boolean validModel(DomainControllerType type, DomainControllerModel model) {
        return switch (type) {
            case PCI -> PCI_MODELS.contains(model);
            case SCSI -> SCSI_MODELS.contains(model);
            case USB -> USB_MODELS.contains(model);
            case IDE -> IDE_MODELS.contains(model);
            case VIRTIO_SERIAL -> VIRTIO_SERIAL_MODELS.contains(model);
            case ISA, FDC, SATA, CCID, XENBUS -> false;
        };
    }

    private static final java.util.Set<DomainControllerModel> PCI_MODELS = java.util.EnumSet.of(
            DomainControllerModel.PCI_ROOT, DomainControllerModel.PCIE_ROOT, DomainControllerModel.PCI_BRIDGE,
            DomainControllerModel.DMI_TO_PCI_BRIDGE, DomainControllerModel.PCIE_TO_PCI_BRIDGE,
            DomainControllerModel.PCIE_ROOT_PORT, DomainControllerModel.PCIE_SWITCH_UPSTREAM_PORT,
            DomainControllerModel.PCIE_SWITCH_DOWNSTREAM_PORT, DomainControllerModel.PCI_EXPANDER_BUS,
            DomainControllerModel.PCIE_EXPANDER_BUS);
    private static final java.util.Set<DomainControllerModel> SCSI_MODELS = java.util.EnumSet.of(
            DomainControllerModel.AUTO, DomainControllerModel.BUSLOGIC, DomainControllerModel.LSILOGIC,
            DomainControllerModel.LSISAS1068, DomainControllerModel.VMPVSCSI, DomainControllerModel.IBMVSCSI,
            DomainControllerModel.VIRTIO_SCSI, DomainControllerModel.LSISAS1078,
            DomainControllerModel.VIRTIO_TRANSITIONAL, DomainControllerModel.VIRTIO_NON_TRANSITIONAL,
            DomainControllerModel.NCR53C90, DomainControllerModel.DC390, DomainControllerModel.AM53C974);
    private static final java.util.Set<DomainControllerModel> USB_MODELS = java.util.EnumSet.of(
            DomainControllerModel.PIIX3_UHCI, DomainControllerModel.PIIX4_UHCI, DomainControllerModel.EHCI,
            DomainControllerModel.ICH9_EHCI1, DomainControllerModel.ICH9_UHCI1, DomainControllerModel.ICH9_UHCI2,
            DomainControllerModel.ICH9_UHCI3, DomainControllerModel.VT82C686B_UHCI, DomainControllerModel.PCI_OHCI,
            DomainControllerModel.NEC_XHCI, DomainControllerModel.QUSB1, DomainControllerModel.QUSB2,
            DomainControllerModel.QEMU_XHCI, DomainControllerModel.NONE);
    private static final java.util.Set<DomainControllerModel> IDE_MODELS = java.util.EnumSet.of(
            DomainControllerModel.PIIX3, DomainControllerModel.PIIX4, DomainControllerModel.ICH6);
    private static final java.util.Set<DomainControllerModel> VIRTIO_SERIAL_MODELS = java.util.EnumSet.of(
            DomainControllerModel.VIRTIO, DomainControllerModel.VIRTIO_TRANSITIONAL,
            DomainControllerModel.VIRTIO_NON_TRANSITIONAL);

    /** USB 2 controllers: the EHCI masters and UHCI companions that share one index (IS_USB2_CONTROLLER). */
    public static boolean isUsb2(DomainController c) {
        return c.getType() == DomainControllerType.USB && USB2.contains(c.getModel());
    }

    private static final java.util.Set<DomainControllerModel> USB2 = java.util.EnumSet.of(DomainControllerModel.EHCI,
            DomainControllerModel.ICH9_EHCI1, DomainControllerModel.ICH9_UHCI1, DomainControllerModel.ICH9_UHCI2,
            DomainControllerModel.ICH9_UHCI3);
}
