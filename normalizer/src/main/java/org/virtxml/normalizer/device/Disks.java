package org.virtxml.normalizer.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.virtxml.model.EmptyElement;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBackingStore;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainDiskDevice;
import org.virtxml.model.devices.DomainDiskCache;
import org.virtxml.model.devices.DomainDiskDriver;
import org.virtxml.model.devices.DomainDiskEncryption;
import org.virtxml.model.devices.DomainDiskEncryptionEngine;
import org.virtxml.model.devices.DomainDiskIotune;
import org.virtxml.model.devices.DomainDiskSnapshot;
import org.virtxml.model.devices.DomainDiskSource;
import org.virtxml.model.devices.DomainDiskSourceNetwork;
import org.virtxml.model.devices.DomainDiskSourceHost;
import org.virtxml.model.devices.DomainDiskSourceHostTransport;
import org.virtxml.model.devices.DomainDiskSourceNvme;
import org.virtxml.model.devices.DomainDiskSourceProtocol;
import org.virtxml.model.devices.DomainDiskSourceVhostuser;
import org.virtxml.model.devices.DomainDiskSourceVolume;
import org.virtxml.model.devices.DomainDiskTarget;
import org.virtxml.model.devices.DomainDiskTray;
import org.virtxml.model.devices.DomainDiskType;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.YesNo;
import org.virtxml.normalizer.NormalizeException;

/**
 * Disk defaults: what libvirt's disk parser drops or converts for an inactive definition, the generic post-parse
 * (bus from the target name, read-only CD-ROMs, drive addresses) and the QEMU one (driver {@code qemu}, format
 * {@code raw}, encryption engine {@code qemu}).
 */
final class Disks {
    /** Target name prefixes libvirt understands, in the order it tries them (virDiskNameParse). */
    private static final String[] DRIVE_PREFIXES = {"fd", "hd", "vd", "sd", "xvd", "ubd"};

    /** Units on one narrow SCSI bus: libvirt's QEMU driver does not declare wide SCSI, so 7 per controller. */
    private static final int SCSI_NARROW_UNITS = 7;

    private Disks() {
    }

    /**
     * The parser inserts each disk after the last one on the same bus, but before the first following one on that
     * bus whose target name has a higher index (virDomainDiskInsert); the bus is the one written, absent counting
     * as its own value.
     */
    static void parseOrder(List<DomainDisk> disks) {
        // libvirt scans every disk placed so far for each new one (quadratic: minutes for the 250,000 disks a 10 MiB
        // document can hold). The same order comes from what that scan keeps true: on each bus the disks with a
        // target name stand in ascending target index, so "the first later one" is the leftmost disk of the
        // smallest index above the new one's, found in a sorted map; the placed disks form a linked list.
        Map<DomainDiskBus, TreeMap<Integer, Placed>> leftmost = new HashMap<>();
        Map<DomainDiskBus, Placed> lastOnBus = new HashMap<>();
        Placed head = new Placed(null);
        Placed tail = head;
        for (DomainDisk disk : disks) {
            DomainDiskBus bus = bus(disk);
            String dst = dst(disk);
            Placed p = new Placed(disk);
            TreeMap<Integer, Placed> sorted = leftmost.computeIfAbsent(bus, b -> new TreeMap<>());
            Map.Entry<Integer, Placed> later = null;
            if (dst != null) {
                int index = nameToIndex(dst);
                later = sorted.higherEntry(index);
                // disks of the same index stand before the new one, so it is the leftmost of its index only when
                // it is the first of it
                sorted.putIfAbsent(index, p);
            }
            Placed last = lastOnBus.get(bus);
            if (later != null) {
                p.insertBefore(later.getValue());
            } else if (last != null) {
                p.insertAfter(last);
                lastOnBus.put(bus, p);
                if (tail == last) {
                    tail = p;
                }
            } else {
                p.insertAfter(tail);
                tail = p;
                lastOnBus.put(bus, p);
            }
        }
        disks.clear();
        for (Placed p = head.next; p != null; p = p.next) {
            disks.add(p.disk);
        }
    }

    /** A disk in the parse order, linked to its neighbours. */
    private static final class Placed {
        final DomainDisk disk;
        Placed prev;
        Placed next;

        Placed(DomainDisk disk) {
            this.disk = disk;
        }

        void insertAfter(Placed p) {
            prev = p;
            next = p.next;
            if (next != null) {
                next.prev = this;
            }
            p.next = this;
        }

        void insertBefore(Placed p) {
            insertAfter(p.prev);
        }
    }

    private static DomainDiskBus bus(DomainDisk d) {
        return d.getTarget() == null ? null : d.getTarget().getBus();
    }

    private static String dst(DomainDisk d) {
        return d.getTarget() == null ? null : d.getTarget().getDev();
    }

    /** Conversions of the XML parser for an inactive definition. */
    static void parse(DomainDisk disk) {
        if (disk.getDevice() == null) {
            disk.setDevice(DomainDiskDevice.DISK);
        }
        if (disk.getSource() instanceof DomainDiskSourceNetwork n) {
            parseNetwork(n);
        }
        for (DomainDiskBackingStore b = disk.getBackingStore(); b != null; b = b.getBackingStore()) {
            if (b.getSource() instanceof DomainDiskSourceNetwork n) {
                parseNetwork(n);
            }
        }
        if (disk.getType() == null || disk.getSource() == null) {
            // file is the default, and a disk without <source> is an empty file disk whatever its type said
            disk.setType(DomainDiskType.FILE);
        }
        DomainDiskTarget t = disk.getTarget();
        if (t != null) {
            boolean removableMedia = disk.getDevice() == DomainDiskDevice.FLOPPY
                    || disk.getDevice() == DomainDiskDevice.CDROM;
            if (t.getTray() == DomainDiskTray.CLOSED || !removableMedia) {
                // a closed tray is the default state and only removable media have one
                t.setTray(null);
            }
            if (t.getBus() != DomainDiskBus.USB) {
                t.setRemovable(null);
            }
            if (t.getRotationRate() != null && t.getRotationRate() == 0) {
                t.setRotationRate(null);
            }
        }
        // block job state and source indexes belong to running guests; an inactive parse ignores them
        disk.setMirror(null);
        DomainDiskSource src = disk.getSource();
        if (src != null) {
            DiskSources.setIndex(src, null);
            // a source path of '' means "no medium"; libvirt treats it as absent
            String path = DiskSources.path(src);
            if (path != null && path.isEmpty() && !(src instanceof DomainDiskSourceNetwork)) {
                DiskSources.setPath(src, null);
            }
            if (DiskSources.writesNothing(src)) {
                // a <source> with nothing left in it is not written
                disk.setSource(null);
            }
        }
        for (DomainDiskBackingStore b = disk.getBackingStore(); b != null; b = b.getBackingStore()) {
            b.setIndex(null);
            if (b.getSource() != null) {
                Seclabels.normalize(DiskSources.seclabels(b.getSource()));
            }
        }
        if (src instanceof DomainDiskSourceNetwork) {
            // labels do not apply to network storage and are not written
            DiskSources.seclabels(src).clear();
        } else if (src != null) {
            Seclabels.normalize(DiskSources.seclabels(src));
        }
        DomainDiskDriver drv = disk.getDriver();
        if (drv != null && "aio".equals(drv.getType())) {
            // Xen's old spelling of a raw image
            drv.setType("raw");
        }
        if (drv != null && drv.getCache() == DomainDiskCache.DEFAULT) {
            // 'default' is the hypervisor's choice, which libvirt holds as "not set"
            drv.setCache(null);
        }
    }

    /**
     * A network source as libvirt keeps it: TCP hosts (the default transport, not written) get the protocol's
     * well-known port, HTTP-only settings are kept only for HTTP(S) and FTP(S).
     */
    static void parseNetwork(DomainDiskSourceNetwork n) {
        DiskSources.requireProtocol(n);
        for (DomainDiskSourceHost h : n.getHosts()) {
            DiskSources.checkHost(h, n);
        }
        DomainDiskSourceProtocol p = n.getProtocol();
        for (DomainDiskSourceHost h : n.getHosts()) {
            boolean tcp = h.getTransport() == null || h.getTransport() == DomainDiskSourceHostTransport.TCP;
            h.setTransport(tcp ? null : h.getTransport());
            if (tcp && (h.getPort() == null || h.getPort() == 0)) {
                int port = p == null ? 0 : DiskSources.defaultPort(p);
                h.setPort(port == 0 ? null : port);
            }
        }
        boolean http = p == DomainDiskSourceProtocol.HTTP || p == DomainDiskSourceProtocol.HTTPS;
        boolean curl = http || p == DomainDiskSourceProtocol.FTP || p == DomainDiskSourceProtocol.FTPS;
        if (!http) {
            n.setQuery(null);
        }
        if (p != DomainDiskSourceProtocol.HTTPS && p != DomainDiskSourceProtocol.FTPS) {
            n.setSsl(null);
        }
        if (!curl) {
            n.setReadahead(null);
            n.setTimeout(null);
        }
        if (p != DomainDiskSourceProtocol.NFS) {
            n.setIdentity(null);
        }
    }

    /** Cookies are secrets: an ordinary (not {@code --security-info}) dump does not show them. */
    static void hideSecrets(DomainDisk disk) {
        if (disk.getSource() instanceof DomainDiskSourceNetwork n) {
            n.setCookies(null);
        }
        for (DomainDiskBackingStore b = disk.getBackingStore(); b != null; b = b.getBackingStore()) {
            if (b.getSource() instanceof DomainDiskSourceNetwork n) {
                n.setCookies(null);
            }
        }
    }

    /** virDomainDiskDefPostParse and qemuDomainDeviceDiskDefPostParse. */
    static void postParse(DomainDisk disk, List<DomainDisk> allDisks, List<DomainHostdev> hostdevs) {
        qemuPostParse(disk);
        DomainDiskTarget t = disk.getTarget();
        if (t != null && t.getDev() != null && t.getDev().startsWith("ioemu:")) {
            // compatibility with definitions written by the old Xen driver
            t.setDev(t.getDev().substring("ioemu:".length()));
        }
        if (disk.getDevice() == DomainDiskDevice.CDROM) {
            disk.setReadonly(new EmptyElement());
        }
        if (t == null) {
            t = new DomainDiskTarget();
            disk.setTarget(t);
        }
        if (t.getBus() == null) {
            t.setBus(busFromTarget(disk.getDevice(), t.getDev()));
        }
        boolean readonly = disk.getReadonly() != null;
        if (disk.getSnapshot() == null && readonly) {
            disk.setSnapshot(DomainDiskSnapshot.NO);
        }
        DomainDiskSource src = disk.getSource();
        if (src instanceof DomainDiskSourceNetwork n && n.getProtocol() == DomainDiskSourceProtocol.ISCSI
                && n.getName() != null && n.getName().indexOf('/') < 0) {
            // an iSCSI target without a LUN means LUN 0
            n.setName(n.getName() + "/0");
        }
        if (src instanceof DomainDiskSourceNvme nvme && nvme.getManaged() == null) {
            nvme.setManaged(YesNo.YES);
        }
        if (src instanceof DomainDiskSourceVhostuser && disk.getSnapshot() == null) {
            // vhost-user disks cannot be snapshotted
            disk.setSnapshot(DomainDiskSnapshot.NO);
        }
        if (disk.getAddress() == null && t.getDev() != null) {
            assignDriveAddress(disk, hostdevs);
        }
        expandIotuneGroup(disk, allDisks);
        if (disk.getSnapshot() == DomainDiskSnapshot.NO && disk.getReadonly() != null) {
            // implied by read-only media, so the formatter leaves it out
            disk.setSnapshot(null);
        }
    }

    private static void qemuPostParse(DomainDisk disk) {
        DomainDiskDriver drv = disk.getDriver();
        if (drv == null) {
            drv = new DomainDiskDriver();
            disk.setDriver(drv);
        }
        if (drv.getName() == null) {
            drv.setName("qemu");
        }
        // a volume's format comes from its pool; everything else defaults to raw
        if (drv.getType() == null && disk.getType() != DomainDiskType.VOLUME
                && !(disk.getType() == null && disk.getSource() instanceof DomainDiskSourceVolume)) {
            drv.setType("raw");
        }
        setEngine(disk.getEncryption());
        if (disk.getSource() != null) {
            setEngine(DiskSources.encryption(disk.getSource()));
        }
        for (DomainDiskBackingStore b = disk.getBackingStore(); b != null; b = b.getBackingStore()) {
            if (b.getSource() != null) {
                setEngine(DiskSources.encryption(b.getSource()));
            }
        }
    }

    private static void setEngine(DomainDiskEncryption e) {
        if (e != null && e.getEngine() == null) {
            e.setEngine(DomainDiskEncryptionEngine.QEMU);
        }
    }

    /** The bus a target name implies when none is given; floppies are on the floppy controller, IDE otherwise. */
    static DomainDiskBus busFromTarget(DomainDiskDevice device, String dev) {
        if (device == DomainDiskDevice.FLOPPY) {
            return DomainDiskBus.FDC;
        }
        if (dev != null) {
            if (dev.startsWith("hd")) {
                return DomainDiskBus.IDE;
            } else if (dev.startsWith("sd")) {
                return DomainDiskBus.SCSI;
            } else if (dev.startsWith("vd")) {
                return DomainDiskBus.VIRTIO;
            } else if (dev.startsWith("xvd")) {
                return DomainDiskBus.XEN;
            } else if (dev.startsWith("ubd")) {
                return DomainDiskBus.UML;
            }
        }
        return DomainDiskBus.IDE;
    }

    /**
     * The partition number a target name ends in ({@code vdb1} 1), 0 when it has none, -1 when the name is not one
     * libvirt understands (libvirt's virDiskNameParse: digits after the drive letters, no leading zero, an int).
     */
    static int partition(String name) {
        if (nameToIndex(name) < 0) {
            return -1;
        }
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
            i--;
        }
        String digits = name.substring(i);
        if (digits.isEmpty()) {
            return 0;
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            return -1;
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The index a target name stands for ({@code sda} 0, {@code hdz} 25, {@code vdaa} 26), ignoring a partition
     * number; -1 when the name is not one libvirt understands.
     */
    static int nameToIndex(String name) {
        String rest = null;
        for (String p : DRIVE_PREFIXES) {
            if (name.startsWith(p)) {
                rest = name.substring(p.length());
                break;
            }
        }
        if (rest == null || rest.isEmpty() || !isLower(rest.charAt(0))) {
            return -1;
        }
        int idx = 0;
        int i = 0;
        for (; i < rest.length() && isLower(rest.charAt(i)); i++) {
            idx = (idx + (i < 1 ? 0 : 1)) * 26;
            idx += rest.charAt(i) - 'a';
        }
        for (; i < rest.length(); i++) {
            if (rest.charAt(i) < '0' || rest.charAt(i) > '9') {
                return -1;
            }
        }
        return idx;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * The drive address a controller-based bus gets from the target name: IDE 2 units on 2 buses per controller,
     * SATA 6 units, floppy 2 units, SCSI 7 units (narrow bus) per controller.
     */
    private static void assignDriveAddress(DomainDisk disk, List<DomainHostdev> hostdevs) {
        String dev = disk.getTarget().getDev();
        int idx = nameToIndex(dev);
        if (idx < 0) {
            throw new NormalizeException("XML error: Unknown disk name '" + dev + "' and no address specified",
                    disk);
        }
        int[] cbu = switch (disk.getTarget().getBus()) {
            case SCSI -> new int[] {idx / SCSI_NARROW_UNITS, 0, idx % SCSI_NARROW_UNITS};
            case IDE -> new int[] {idx / 4, (idx % 4) / 2, idx % 2};
            case SATA -> new int[] {idx / 6, 0, idx % 6};
            case FDC -> new int[] {idx / 2, 0, idx % 2};
            // these buses are not controller based
            case VIRTIO, XEN, USB, UML, SD -> null;
        };
        if (cbu == null) {
            return;
        }
        int controller = cbu[0];
        if (controller > org.virtxml.xml.Limits.MAX_CONTROLLER_INDEX) {
            // a long target name ('hdzzzzz') implies millions of controllers, each of which would be added
            throw new NormalizeException(org.virtxml.xml.Limits.exceeded("the controller implied by disk target '"
                    + dev + "'", controller, org.virtxml.xml.Limits.MAX_CONTROLLER_INDEX), disk);
        }
        int bus = cbu[1];
        int unit = cbu[2];
        if (disk.getTarget().getBus() == DomainDiskBus.SCSI
                && Hostdevs.scsiAddressUsed(hostdevs, controller, 0, 0, unit)) {
            throw new NormalizeException("unsupported configuration: using disk target name '" + dev
                    + "' conflicts with SCSI host device address controller='" + controller
                    + "' bus='0' target='0' unit='" + unit, disk);
        }
        DomainAddressDrive a = new DomainAddressDrive();
        a.setController(controller);
        a.setBus(bus);
        a.setTarget(0);
        a.setUnit(unit);
        disk.setAddress(a);
    }

    /** A disk naming only an I/O tune group takes the limits of the group's disk that sets them. */
    private static void expandIotuneGroup(DomainDisk disk, List<DomainDisk> all) {
        DomainDiskIotune mine = disk.getIotune();
        if (mine == null || mine.getGroupName() == null || Iotunes.hasAny(mine)) {
            return;
        }
        for (DomainDisk d : all) {
            DomainDiskIotune other = d.getIotune();
            if (other != null && mine.getGroupName().equals(other.getGroupName()) && Iotunes.hasAny(other)) {
                disk.setIotune(Iotunes.copy(other));
                return;
            }
        }
    }
}
