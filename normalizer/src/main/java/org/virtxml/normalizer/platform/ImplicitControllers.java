package org.virtxml.normalizer.platform;

import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcid;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevMode;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * The controllers devices need, added when the domain does not list them (virDomainDefAddImplicitControllers):
 * every drive controller index up to the highest one a disk of that bus is addressed on (SCSI, floppy, IDE,
 * SATA), the virtio-serial controllers virtio channels and consoles sit on, the CCID controller of smart cards
 * (which also get their slot here), and SCSI controllers for SCSI host devices. New SCSI controllers then get
 * their default model, as libvirt re-runs the controller post-parse for them.
 *
 * <p>It relies on the device stages having given disks their drive addresses already (libvirt does that in the
 * per-device post-parse, before this step).
 */
public final class ImplicitControllers implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices devices = ctx.devices();
        diskControllers(devices, DomainControllerType.SCSI, DomainDiskBus.SCSI);
        diskControllers(devices, DomainControllerType.FDC, DomainDiskBus.FDC);
        diskControllers(devices, DomainControllerType.IDE, DomainDiskBus.IDE);
        diskControllers(devices, DomainControllerType.SATA, DomainDiskBus.SATA);
        virtioSerial(devices);
        smartcards(devices);
        hostdevScsi(devices);
        for (DomainController c : devices.getControllers()) {
            if (c.getType() == DomainControllerType.SCSI && c.getModel() == null) {
                ControllerDefaults.apply(ctx, c);
            }
        }
    }

    private static void diskControllers(DomainDevices devices, DomainControllerType type, DomainDiskBus bus) {
        int max = -1;
        for (DomainDisk disk : devices.getDisks()) {
            if (disk.getTarget() == null || disk.getTarget().getBus() != bus) {
                continue;
            }
            if (disk.getAddress() instanceof DomainAddressDrive a && a.getController() != null) {
                max = Math.max(max, a.getController());
            }
        }
        addUpTo(devices, type, max, null);
    }

    /**
     * Adds the controllers of {@code type} with index 0 to {@code max} that are missing, in index order (each
     * virDomainDefMaybeAddController), looking the existing ones up once rather than once per index.
     */
    private static void addUpTo(DomainDevices devices, DomainControllerType type, int max,
            DomainControllerModel model) {
        java.util.Set<Integer> present = new java.util.HashSet<>();
        for (DomainController c : devices.getControllers()) {
            if (c.getType() == type && c.getIndex() != null) {
                present.add(c.getIndex());
            }
        }
        for (int i = 0; i <= max; i++) {
            if (present.add(i)) {
                Controllers.add(devices, type, i, model);
            }
        }
    }

    private static void virtioSerial(DomainDevices devices) {
        for (DomainChannel ch : devices.getChannels()) {
            if (ch.getTarget() != null && "virtio".equals(ch.getTarget().getType())) {
                Controllers.maybeAdd(devices, DomainControllerType.VIRTIO_SERIAL, vioserialController(ch.getAddress()),
                        null);
            }
        }
        for (DomainConsole con : devices.getConsoles()) {
            if (con.getTarget() != null && "virtio".equals(con.getTarget().getType())) {
                Controllers.maybeAdd(devices, DomainControllerType.VIRTIO_SERIAL,
                        vioserialController(con.getAddress()), null);
            }
        }
    }

    private static int vioserialController(DomainAddress a) {
        if (a instanceof DomainAddressVirtioSerial v && v.getController() != null) {
            return v.getController();
        }
        return 0;
    }

    /** A smart card without an address goes to the next free slot of CCID controller 0. */
    private static void smartcards(DomainDevices devices) {
        for (DomainSmartcard card : devices.getSmartcards()) {
            int idx = 0;
            if (card.getAddress() instanceof DomainAddressCcid a) {
                idx = a.getController() == null ? 0 : a.getController();
            } else if (card.getAddress() == null) {
                int max = -1;
                for (DomainSmartcard other : devices.getSmartcards()) {
                    if (other.getAddress() instanceof DomainAddressCcid o && (o.getController() == null
                            || o.getController() == 0) && o.getSlot() != null) {
                        max = Math.max(max, o.getSlot());
                    }
                }
                DomainAddressCcid a = new DomainAddressCcid();
                a.setController(0);
                a.setSlot(max + 1);
                card.setAddress(a);
            }
            Controllers.maybeAdd(devices, DomainControllerType.CCID, idx, null);
        }
    }

    /** SCSI host devices need the SCSI controllers up to the highest one they name, of the model they share. */
    static void hostdevScsi(DomainDevices devices) {
        int max = -1;
        DomainControllerModel model = null;
        for (DomainHostdev h : devices.getHostdevs()) {
            if ((h.getMode() != null && h.getMode() != DomainHostdevMode.SUBSYSTEM) || h.getType() != DomainHostdevType.SCSI) {
                continue;
            }
            // a host device without an address yet counts as controller 0 (libvirt reads its zeroed address)
            int controller = h.getAddress() instanceof DomainAddressDrive a && a.getController() != null
                    ? a.getController() : 0;
            if (controller > max) {
                max = controller;
                DomainController c = Controllers.find(devices, DomainControllerType.SCSI, max);
                if (c != null && c.getModel() != null) {
                    model = c.getModel();
                }
            }
        }
        addUpTo(devices, DomainControllerType.SCSI, max, model);
    }
}
