package org.virtxml.normalizer.device;

import java.util.List;
import java.util.Set;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainSecretRef;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskAuth;
import org.virtxml.model.devices.DomainDiskBackingStore;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainDiskDevice;
import org.virtxml.model.devices.DomainDiskEncryption;
import org.virtxml.model.devices.DomainDiskEncryptionEngine;
import org.virtxml.model.devices.DomainDiskEncryptionFormat;
import org.virtxml.model.devices.DomainDiskGeometry;
import org.virtxml.model.devices.DomainDiskSource;
import org.virtxml.model.devices.DomainDiskSourceBlock;
import org.virtxml.model.devices.DomainDiskSourceDir;
import org.virtxml.model.devices.DomainDiskSourceFile;
import org.virtxml.model.devices.DomainDiskSourceHostTransport;
import org.virtxml.model.devices.DomainDiskSourceNetwork;
import org.virtxml.model.devices.DomainDiskSourceProtocol;
import org.virtxml.model.devices.DomainDiskSourceVolume;
import org.virtxml.model.devices.DomainDiskType;
import org.virtxml.normalizer.NormalizeException;

/** Disk refusals: libvirt's generic disk validation, then the QEMU driver's. Read-only. */
final class DiskChecks {
    /** Secret usage types libvirt knows (virSecretUsageType). */
    private static final Set<String> SECRET_USAGES = Set.of("none", "volume", "ceph", "iscsi", "tls", "vtpm");

    private DiskChecks() {
    }

    /** virDomainDiskDefValidate. */
    static void validate(DomainDisk disk) {
        String dst = disk.getTarget() == null ? null : disk.getTarget().getDev();
        DomainDiskSource src = disk.getSource();
        if (dst == null) {
            // VIR_ERR_NO_TARGET, naming the source if there is one
            if (src instanceof DomainDiskSourceVolume v) {
                throw new NormalizeException("missing target information for device pool = '" + v.getPool()
                        + "', volume = '" + v.getVolume() + "'", disk);
            }
            String path = src == null ? null : DiskSources.path(src);
            throw new NormalizeException("missing target information for device"
                    + (path == null ? "" : " " + path), disk);
        }
        validateSourceChain(disk);
        DomainDiskBus bus = disk.getTarget().getBus();
        if (disk.getDevice() == DomainDiskDevice.LUN) {
            validateLunSource(disk);
        } else {
            if (disk.getRawio() != null) {
                throw new NormalizeException("unsupported configuration: rawio can be used only with device='lun'",
                        disk);
            }
            if (disk.getSgio() != null) {
                throw new NormalizeException("unsupported configuration: sgio can be used only with device='lun'",
                        disk);
            }
        }
        DomainAddress a = disk.getAddress();
        if (!addressFitsBus(bus, a)) {
            throw new NormalizeException("unsupported configuration: Invalid address type '" + Addresses.type(a)
                    + "' for the disk '" + dst + "' with the bus type '" + bus.xml() + "'", disk);
        }
        if (bus != DomainDiskBus.VIRTIO && disk.getModel() != null) {
            throw new NormalizeException("unsupported configuration: disk model '" + disk.getModel().xml()
                    + "' not supported for bus '" + bus.xml() + "'", disk);
        }
        if (disk.getTarget().getTray() != null && disk.getDevice() != DomainDiskDevice.FLOPPY
                && disk.getDevice() != DomainDiskDevice.CDROM) {
            throw new NormalizeException("unsupported configuration: tray is only valid for cdrom and floppy",
                    disk);
        }
        if (disk.getDevice() == DomainDiskDevice.FLOPPY && bus != DomainDiskBus.FDC) {
            throw new NormalizeException("internal error: Invalid bus type '" + bus.xml() + "' for floppy disk",
                    disk);
        }
        if (disk.getDevice() != DomainDiskDevice.FLOPPY && bus == DomainDiskBus.FDC) {
            throw new NormalizeException("internal error: Invalid bus type '" + bus.xml() + "' for disk", disk);
        }
        if ((disk.getDevice() == null || disk.getDevice() == DomainDiskDevice.DISK
                || disk.getDevice() == DomainDiskDevice.LUN) && !dst.startsWith("hd") && !dst.startsWith("sd")
                && !dst.startsWith("vd") && !dst.startsWith("xvd") && !dst.startsWith("ubd")) {
            throw new NormalizeException("internal error: Invalid harddisk device name: " + dst, disk);
        }
        if (disk.getDevice() == DomainDiskDevice.FLOPPY && !dst.startsWith("fd")) {
            throw new NormalizeException("internal error: Invalid floppy device name: " + dst, disk);
        }
        if (isEmpty(disk) && (disk.getDevice() == null || disk.getDevice() == DomainDiskDevice.DISK)) {
            // VIR_ERR_NO_SOURCE
            throw new NormalizeException("missing source information for device " + dst, disk);
        }
    }

    /**
     * The controller-based buses take only drive addresses (virDomainDiskAddressDiskBusCompatibility); the others
     * are left to the driver's checks.
     */
    private static boolean addressFitsBus(DomainDiskBus bus, DomainAddress a) {
        if (a == null) {
            return true;
        }
        return switch (bus) {
            case IDE, FDC, SCSI, SATA -> a instanceof DomainAddressDrive;
            case VIRTIO, XEN, USB, UML, SD -> true;
        };
    }

    private static boolean isEmpty(DomainDisk disk) {
        DomainDiskSource s = disk.getSource();
        if (s == null) {
            return true;
        }
        if (s instanceof DomainDiskSourceFile || s instanceof DomainDiskSourceBlock
                || s instanceof DomainDiskSourceDir) {
            return DiskSources.path(s) == null;
        }
        return false;
    }

    /** virDomainDiskDefValidateSourceChainOne on the disk and its backing chain. */
    private static void validateSourceChain(DomainDisk disk) {
        validateSourceOne(disk.getSource(), disk.getAuth(), disk);
        for (DomainDiskBackingStore b = disk.getBackingStore(); b != null; b = b.getBackingStore()) {
            validateSourceOne(b.getSource(), null, disk);
        }
    }

    private static void validateSourceOne(DomainDiskSource s, DomainDiskAuth diskAuth, DomainDisk disk) {
        if (!(s instanceof DomainDiskSourceNetwork n)) {
            return;
        }
        DomainDiskAuth auth = diskAuth != null ? diskAuth : n.getAuth();
        if (auth == null) {
            return;
        }
        DomainDiskSourceProtocol p = n.getProtocol();
        if (p != null) {
            switch (p) {
                case ISCSI, HTTP, HTTPS, FTP, FTPS, SSH, RBD -> {
                    // these protocols authenticate
                }
                case NBD, SHEEPDOG, GLUSTER, TFTP, VXHS, NFS -> throw new NormalizeException(
                        "unsupported configuration: authentication is not supported for protocol '" + p.xml() + "'",
                        disk);
            }
        }
        DomainSecretRef secret = auth.getSecret();
        String usage = secret == null || secret.getType() == null ? null : secret.getType().xml();
        if (usage == null || !SECRET_USAGES.contains(usage)) {
            throw new NormalizeException("unsupported configuration: unknown secret type '"
                    + (usage == null ? "<null>" : usage) + "'", disk);
        }
        if ((p == DomainDiskSourceProtocol.ISCSI && !usage.equals("iscsi"))
                || (p == DomainDiskSourceProtocol.RBD && !usage.equals("ceph"))) {
            throw new NormalizeException("unsupported configuration: invalid secret type '" + usage + "'", disk);
        }
    }

    /** virDomainDiskDefSourceLUNValidate. */
    private static void validateLunSource(DomainDisk disk) {
        DomainDiskSource s = disk.getSource();
        if (s instanceof DomainDiskSourceNetwork n) {
            if (n.getProtocol() != DomainDiskSourceProtocol.ISCSI) {
                throw new NormalizeException("unsupported configuration: disk device='lun' is not supported for "
                        + "protocol='" + (n.getProtocol() == null ? "" : n.getProtocol().xml()) + "'", disk);
            }
        } else if (disk.getType() != DomainDiskType.BLOCK && disk.getType() != DomainDiskType.VOLUME) {
            throw new NormalizeException(
                    "unsupported configuration: disk device='lun' is only valid for block type disk source", disk);
        }
        String format = disk.getDriver() == null ? null : disk.getDriver().getType();
        if (format != null && !format.equals("raw")) {
            throw new NormalizeException("unsupported configuration: disk device 'lun' must use 'raw' format",
                    disk);
        }
    }

    /** qemuValidateDomainDeviceDefDisk (the front end, the throttling, the storage of the chain). */
    static void validateQemu(DomainDisk disk, Domain dom, GuestPlatform p) {
        DomainDiskBus bus = disk.getTarget().getBus();
        String dst = disk.getTarget().getDev();
        DomainDiskGeometry g = disk.getGeometry();
        if (g != null && positive(g.getCyls()) && positive(g.getHeads()) && positive(g.getSecs())) {
            if (bus == DomainDiskBus.USB || bus == DomainDiskBus.SD) {
                throw NormalizeException.unsupported("CHS geometry can not be set for '" + bus.xml() + "' bus", disk);
            }
            // only the IDE disk device has a BIOS translation property
            if (g.getTrans() != null && bus != DomainDiskBus.IDE) {
                throw NormalizeException.unsupported("CHS translation mode can only be set for 'ide' bus not '"
                        + bus.xml() + "'", disk);
            }
        }
        if (disk.getDevice() == DomainDiskDevice.CDROM
                && (bus == DomainDiskBus.VIRTIO || bus == DomainDiskBus.SD)) {
            throw new NormalizeException("unsupported configuration: disk type of '" + dst
                    + "' does not support ejectable media", disk);
        }
        if (disk.getWwn() != null && bus != DomainDiskBus.IDE && bus != DomainDiskBus.SCSI) {
            throw new NormalizeException("unsupported configuration: Only ide and scsi disk support wwn", disk);
        }
        if ((disk.getVendor() != null || disk.getProduct() != null) && bus != DomainDiskBus.SCSI) {
            throw new NormalizeException("unsupported configuration: Only scsi disk supports vendor and product",
                    disk);
        }
        if (disk.getDevice() == DomainDiskDevice.LUN && bus != DomainDiskBus.VIRTIO && bus != DomainDiskBus.SCSI) {
            throw new NormalizeException("unsupported configuration: disk device='lun' is not supported for bus='"
                    + bus.xml() + "'", disk);
        }
        DomainAddress a = disk.getAddress();
        switch (bus) {
            case SCSI, IDE, FDC, SATA -> {
                if (!(a instanceof DomainAddressDrive)) {
                    throw new NormalizeException("internal error: unexpected address type for " + bus.xml()
                            + " disk", disk);
                }
            }
            case USB -> {
                if (a != null && !(a instanceof DomainAddressUsb)) {
                    throw new NormalizeException("internal error: unexpected address type for usb disk", disk);
                }
            }
            case VIRTIO, XEN, UML, SD -> {
                // no address rule of their own
            }
        }
        boolean readonly = disk.getReadonly() != null;
        if (readonly && (disk.getDevice() == null || disk.getDevice() == DomainDiskDevice.DISK)) {
            if (bus == DomainDiskBus.IDE) {
                throw new NormalizeException("unsupported configuration: readonly ide disks are not supported",
                        disk);
            }
            if (bus == DomainDiskBus.SATA) {
                throw new NormalizeException("unsupported configuration: readonly sata disks are not supported",
                        disk);
            }
        }
        if (disk.getDriver() != null && disk.getDriver().getIothread() != null && disk.getDriver().getIothread() != 0) {
            if (bus != DomainDiskBus.VIRTIO) {
                throw new NormalizeException("unsupported configuration: IOThreads not available for bus "
                        + bus.xml() + " target " + dst, disk);
            }
            if (!Iothreads.ids(dom).contains(disk.getDriver().getIothread())) {
                throw new NormalizeException("unsupported configuration: Disk iothread '"
                        + disk.getDriver().getIothread() + "' not defined in iothreadid", disk);
            }
        }
        String format = disk.getDriver() == null ? null : disk.getDriver().getType();
        if (disk.getShareable() != null && !readonly && !"raw".equals(format)) {
            // only raw images can be written from two guests at once
            throw new NormalizeException("unsupported configuration: shared access for disk '" + dst
                    + "' requires use of supported storage format", disk);
        }
        String driverName = disk.getDriver() == null ? null : disk.getDriver().getName();
        if (driverName != null && !driverName.equals("qemu")) {
            throw new NormalizeException("unsupported configuration: unsupported driver name '" + driverName
                    + "' for disk '" + dst + "'", disk);
        }
        int partition = Disks.partition(dst);
        if (partition < 0) {
            throw NormalizeException.unsupported("invalid disk target '" + dst + "'", disk);
        }
        if (partition != 0) {
            // QEMU gives the guest whole disks; a partition of one is the guest's business
            throw NormalizeException.unsupported("invalid disk target '" + dst
                    + "', partitions can't appear in disk targets", disk);
        }
        validateStorage(disk.getType(), disk.getSource(), disk.getDriver() == null ? null : disk.getDriver().getType(),
                readonly, encryption(disk), disk);
        for (DomainDiskBackingStore b = disk.getBackingStore(); b != null; b = b.getBackingStore()) {
            if (b.getType() == null) {
                // the terminator of the chain
                break;
            }
            validateStorage(b.getType(), b.getSource(), b.getFormat() == null ? null : b.getFormat().getType(),
                    true, b.getSource() == null ? null : DiskSources.encryption(b.getSource()), disk);
        }
        if (disk.getSource() instanceof org.virtxml.model.devices.DomainDiskSourceVhostuser) {
            if (!p.has(QemuCapability.DEVICE_VHOST_USER_BLK)) {
                throw new NormalizeException(
                        "unsupported configuration: vhostuser disk is not supported with this QEMU binary", disk);
            }
            SharedMemory.require(dom, p, "vhostuser", disk);
        }
    }

    private static boolean positive(Integer i) {
        return i != null && i > 0;
    }

    /** The disk's encryption, wherever it was written. */
    static DomainDiskEncryption encryption(DomainDisk disk) {
        if (disk.getEncryption() != null) {
            return disk.getEncryption();
        }
        return disk.getSource() == null ? null : DiskSources.encryption(disk.getSource());
    }

    /** qemuDomainValidateStorageSource: formats QEMU cannot open directly and encryption it cannot do. */
    private static void validateStorage(DomainDiskType type, DomainDiskSource src, String format, boolean readonly,
            DomainDiskEncryption enc, DomainDisk disk) {
        if ("cow".equals(format)) {
            throw new NormalizeException("unsupported configuration: 'cow' storage format is not supported", disk);
        }
        if ("dir".equals(format)) {
            throw new NormalizeException("unsupported configuration: 'directory' storage format is not directly "
                    + "supported by QEMU, use 'dir' disk type instead", disk);
        }
        if ("iso".equals(format)) {
            throw new NormalizeException("unsupported configuration: storage format 'iso' is not directly supported "
                    + "by QEMU, use 'raw' instead", disk);
        }
        if ("fat".equals(format) && type != DomainDiskType.VOLUME && type != DomainDiskType.DIR) {
            throw new NormalizeException(
                    "unsupported configuration: storage format 'fat' is supported only with 'dir' storage type", disk);
        }
        if (type == DomainDiskType.DIR) {
            if (format != null && !format.equals("fat")) {
                throw new NormalizeException(
                        "unsupported configuration: storage type 'dir' requires use of storage format 'fat'", disk);
            }
            if (!readonly) {
                throw new NormalizeException(
                        "unsupported configuration: virtual FAT storage can't be accessed in read-write mode", disk);
            }
        }
        if (enc != null) {
            DomainDiskEncryptionFormat f = enc.getFormat();
            if (f == null || f == DomainDiskEncryptionFormat.DEFAULT || f == DomainDiskEncryptionFormat.QCOW) {
                throw new NormalizeException("unsupported configuration: old qcow/qcow2 encryption is not supported",
                        disk);
            }
            if (enc.getEngine() == null || enc.getEngine() == DomainDiskEncryptionEngine.QEMU) {
                if (f == DomainDiskEncryptionFormat.LUKS && !"qcow2".equals(format) && !"raw".equals(format)) {
                    throw new NormalizeException("unsupported configuration: encryption is supported only with "
                            + "'raw' and 'qcow2' image format", disk);
                }
                if (f == DomainDiskEncryptionFormat.LUKS2) {
                    throw new NormalizeException("unsupported configuration: luks2 is currently not supported by the "
                            + "qemu encryption engine", disk);
                }
            }
        }
        if (src instanceof DomainDiskSourceNetwork n && n.getProtocol() == DomainDiskSourceProtocol.TFTP) {
            throw new NormalizeException(
                    "unsupported configuration: 'tftp' protocol is not supported with this QEMU binary", disk);
        }
        if (src instanceof DomainDiskSourceNetwork n && n.getProtocol() == DomainDiskSourceProtocol.NFS) {
            // QEMU's NFS driver takes one TCP host, on NFS's own port
            if (n.getHosts().size() != 1) {
                throw new NormalizeException(
                        "unsupported configuration: 'nfs' protocol requires the usage of exactly one host", disk);
            }
            var h = n.getHosts().get(0);
            if (h.getTransport() != null && h.getTransport() != DomainDiskSourceHostTransport.TCP) {
                throw new NormalizeException("unsupported configuration: 'nfs' host must use TCP protocol", disk);
            }
            if (h.getPort() != null && h.getPort() != 0) {
                throw new NormalizeException(
                        "unsupported configuration: port cannot be specified in 'nfs' protocol host", disk);
            }
        }
    }

    /**
     * The duplicate checks libvirt makes over all disks (virDomainDefDuplicateDiskInfoValidate and the drive
     * address part of virDomainDefDuplicateDriveAddressesValidate).
     */
    static void validateAll(List<DomainDisk> disks) {
        for (int i = 0; i < disks.size(); i++) {
            for (int j = i + 1; j < disks.size(); j++) {
                DomainDisk a = disks.get(i);
                DomainDisk b = disks.get(j);
                String da = a.getTarget().getDev();
                if (da != null && da.equals(b.getTarget().getDev())) {
                    throw new NormalizeException("XML error: target '" + da + "' duplicated for disk sources '"
                            + sourceName(a) + "' and '" + sourceName(b) + "'", b);
                }
            }
        }
        for (int i = 0; i < disks.size(); i++) {
            DomainDisk a = disks.get(i);
            if (!(a.getAddress() instanceof DomainAddressDrive ad)) {
                continue;
            }
            for (int j = i + 1; j < disks.size(); j++) {
                DomainDisk b = disks.get(j);
                if (a.getTarget().getBus() == b.getTarget().getBus() && b.getAddress() instanceof DomainAddressDrive bd
                        && Addresses.sameDrive(ad, bd)) {
                    throw new NormalizeException("unsupported configuration: Found duplicate drive address for disk "
                            + "with target name '" + a.getTarget().getDev() + "' controller='" + ad.getController()
                            + "' bus='" + ad.getBus() + "' target='" + ad.getTarget() + "' unit='" + ad.getUnit()
                            + "'", b);
                }
            }
        }
    }

    /** virDomainDiskGetSource as the message prints it ({@code (null)} for none). */
    private static String sourceName(DomainDisk d) {
        String p = d.getSource() == null ? null : DiskSources.path(d.getSource());
        return p == null ? "(null)" : p;
    }
}
