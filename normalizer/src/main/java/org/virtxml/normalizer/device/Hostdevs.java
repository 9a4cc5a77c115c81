package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcw;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevDriver;
import org.virtxml.model.devices.DomainHostdevMode;
import org.virtxml.model.devices.DomainHostdevSourceScsi;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.normalizer.NormalizeException;

/**
 * Host device defaults: {@code managed='no'} spelled out, iSCSI LUN 0, SCSI host devices placed on the first free
 * unit of a (narrow) SCSI bus, and mediated devices' display off by default.
 */
final class Hostdevs {
    /** Units one narrow SCSI bus offers to devices. */
    private static final int SCSI_UNITS = 7;

    private Hostdevs() {
    }

    /** A subsystem host device (the default mode). */
    static boolean isSubsys(DomainHostdev h) {
        return h.getMode() == null || h.getMode() == DomainHostdevMode.SUBSYSTEM;
    }

    /** The PCI passthrough backend as libvirt keeps it: only a backend name, written when one is chosen. */
    static DomainHostdevDriver backendDriver(DomainHostdevDriver d) {
        if (d == null || d.getName() == null) {
            return null;
        }
        DomainHostdevDriver out = new DomainHostdevDriver();
        out.setName(d.getName());
        return out;
    }

    /** Parse-time spellings: libvirt keeps a boolean 'managed' and writes it for every subsystem device. */
    static void parse(DomainHostdev h) {
        if (isSubsys(h)) {
            h.setDriver(h.getType() == DomainHostdevType.PCI ? backendDriver(h.getDriver()) : null);
            h.setMode(DomainHostdevMode.SUBSYSTEM);
            h.setManaged(h.getManaged() == YesNo.YES ? YesNo.YES : YesNo.NO);
            if (h.getSource() instanceof org.virtxml.model.devices.DomainHostdevSourcePci pci
                    && pci.getAddress() == null) {
                // libvirt keeps the host address it did not find as all zeroes, and writes it so (checked with
                // virsh define: 0000:00:00.0)
                org.virtxml.model.devices.DomainHostPciAddress a = new org.virtxml.model.devices.DomainHostPciAddress();
                a.setDomain(0);
                a.setBus(0);
                a.setSlot(0);
                a.setFunction(0);
                pci.setAddress(a);
            }
        }
    }

    /** virDomainHostdevDefPostParse and qemuDomainHostdevDefPostParse. */
    static void postParse(DomainHostdev h, GuestPlatform p, List<DomainDisk> disks, List<DomainHostdev> all,
            List<org.virtxml.model.devices.DomainController> controllers) {
        if (!isSubsys(h)) {
            return;
        }
        if (h.getType() == DomainHostdevType.SCSI) {
            if (h.getSource() instanceof DomainHostdevSourceScsi s && "iscsi".equals(s.getProtocol())
                    && s.getName() != null && s.getName().indexOf('/') < 0) {
                s.setName(s.getName() + "/0");
            }
            if (h.getAddress() == null) {
                assignScsiAddress(h, disks, all, controllers);
            }
            if (h.getAddress() instanceof DomainAddressDrive a
                    && scsiDiskUses(disks, a.getController(), a.getBus(), a.getTarget(), a.getUnit())) {
                throw new NormalizeException("XML error: SCSI host address controller='" + n(a.getController())
                        + "' bus='" + n(a.getBus()) + "' target='" + n(a.getTarget()) + "' unit='" + n(a.getUnit())
                        + "' in use by a SCSI disk", h);
            }
        } else if (h.getType() == DomainHostdevType.MDEV) {
            DomainAddress a = h.getAddress();
            boolean wrong = a != null && (("vfio-pci".equals(h.getModel()) && !(a instanceof DomainAddressPci))
                    || ("vfio-ccw".equals(h.getModel()) && !(a instanceof DomainAddressCcw)));
            if (wrong) {
                throw new NormalizeException("XML error: Unsupported address type '" + Addresses.type(a)
                        + "' with mediated device model '" + h.getModel() + "'", h);
            }
            // QEMU can show a vGPU's display; libvirt keeps it off unless asked, so the guest ABI cannot change
            if (p.has(QemuCapability.VFIO_PCI_DISPLAY) && "vfio-pci".equals(h.getModel())
                    && h.getDisplay() == null) {
                h.setDisplay(OnOff.OFF);
            }
        }
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    /**
     * The first unit of bus 0, target 0 that no SCSI disk or host device uses and the controller allows, trying
     * controller 0, 1, ... (the controller itself is added later if missing).
     */
    private static void assignScsiAddress(DomainHostdev h, List<DomainDisk> disks, List<DomainHostdev> all,
            List<org.virtxml.model.devices.DomainController> controllers) {
        for (int controller = 0;; controller++) {
            for (int unit = 0; unit < SCSI_UNITS; unit++) {
                if (!ScsiBus.unitUsed(controllers, disks, all, controller, 0, 0, unit)) {
                    DomainAddressDrive a = new DomainAddressDrive();
                    a.setController(controller);
                    a.setBus(0);
                    a.setTarget(0);
                    a.setUnit(unit);
                    h.setAddress(a);
                    return;
                }
            }
        }
    }

    /** Whether a SCSI disk has this drive address. */
    static boolean scsiDiskUses(List<DomainDisk> disks, Integer c, Integer b, Integer t, Integer u) {
        for (DomainDisk d : disks) {
            if (d.getTarget() != null && d.getTarget().getBus() == DomainDiskBus.SCSI
                    && d.getAddress() instanceof DomainAddressDrive a && same(a, c, b, t, u)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a SCSI host device has this drive address. */
    static boolean scsiAddressUsed(List<DomainHostdev> hostdevs, Integer c, Integer b, Integer t, Integer u) {
        for (DomainHostdev h : hostdevs) {
            if (isSubsys(h) && h.getType() == DomainHostdevType.SCSI && h.getAddress() instanceof DomainAddressDrive a
                    && same(a, c, b, t, u)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(DomainAddressDrive a, Integer c, Integer b, Integer t, Integer u) {
        return n(a.getController()) == n(c) && n(a.getBus()) == n(b) && n(a.getTarget()) == n(t)
                && n(a.getUnit()) == n(u);
    }
}
