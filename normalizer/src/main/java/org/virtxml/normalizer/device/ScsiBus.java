package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainHostdev;

/** Which SCSI units are taken (libvirt's virDomainSCSIDriveAddressIsUsed). */
final class ScsiBus {
    private ScsiBus() {
    }

    /**
     * A unit is taken when a disk or host device uses it, or when the controller model cannot offer it: the
     * limits are QEMU's (virtio-scsi 16383, ibmvscsi 31, lsisas1068 1, lsisas1078 255, the 53c9x family 6) and
     * unit 7 is the initiator on lsilogic, vmpvscsi, buslogic and ibmvscsi.
     */
    static boolean unitUsed(List<DomainController> controllers, List<DomainDisk> disks, List<DomainHostdev> hostdevs,
            int controller, int bus, int target, int unit) {
        DomainController c = find(controllers, controller);
        if (c != null && c.getModel() != null) {
            int max = -1;
            int reserved = -1;
            switch (c.getModel()) {
                case VIRTIO_SCSI, VIRTIO_TRANSITIONAL, VIRTIO_NON_TRANSITIONAL -> max = 16383;
                case IBMVSCSI -> {
                    max = 31;
                    reserved = 7;
                }
                case LSISAS1068 -> max = 1;
                case LSISAS1078 -> max = 255;
                case LSILOGIC, VMPVSCSI, BUSLOGIC -> reserved = 7;
                case NCR53C90, DC390, AM53C974 -> max = 6;
                default -> {
                    // 'auto' and the models of other controller types set no limit
                }
            }
            if (max != -1 && unit > max) {
                return true;
            }
            if (reserved != -1 && unit == reserved) {
                return true;
            }
        }
        return Hostdevs.scsiDiskUses(disks, controller, bus, target, unit)
                || Hostdevs.scsiAddressUsed(hostdevs, controller, bus, target, unit);
    }

    private static DomainController find(List<DomainController> controllers, int index) {
        for (DomainController c : controllers) {
            if (c.getType() == DomainControllerType.SCSI && c.getIndex() != null && c.getIndex() == index) {
                return c;
            }
        }
        return null;
    }

    /** Whether {@code m} is one of the virtio SCSI models. */
    static boolean isVirtio(DomainControllerModel m) {
        return m == DomainControllerModel.VIRTIO_SCSI || m == DomainControllerModel.VIRTIO_TRANSITIONAL
                || m == DomainControllerModel.VIRTIO_NON_TRANSITIONAL;
    }
}
