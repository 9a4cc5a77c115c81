package org.virtxml.qemu.argv.storage;

import java.math.BigInteger;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainDiskCache;
import org.virtxml.model.devices.DomainDiskDevice;
import org.virtxml.model.devices.DomainDiskDriver;
import org.virtxml.model.devices.DomainDiskErrorPolicy;
import org.virtxml.model.devices.DomainDiskGeometry;
import org.virtxml.model.devices.DomainDiskSourceVhostuser;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Props;

/**
 * The disks' part of the command line, in libvirt's order (qemuBuildDisksCommandLine): the floppy controller's
 * boot indexes, then for each disk its backend (the {@code -blockdev} chain from the bottom image up with the
 * objects each image needs first, a {@code -chardev} for vhost-user, or {@code -drive if=sd} for SD cards) and
 * its {@code -device}.
 */
public final class DiskCommandLine {

    private DiskCommandLine() {
    }

    /** Appends every disk. */
    public static void build(BuildContext ctx) {
        floppyController(ctx);
        for (DomainDisk d : ctx.domain().getDevices().getDisks()) {
            DiskStorage ds = DiskStorage.of(ctx.prepared(), d);
            if (ds.dropped()) {
                continue;
            }
            // transient disks sharing their backing image are hotplugged after start
            if (d.getTransientDisk() != null && d.getTransientDisk().getShareBacking() == YesNo.YES) {
                continue;
            }
            backend(ctx, d, ds);
            if (DiskStorage.isSd(d)) {
                continue;
            }
            ctx.device(device(ctx, d, ds));
        }
    }

    /**
     * Floppies boot through the controller: {@code -global isa-fdc.bootindexA/B} on machines with a built-in
     * controller, an explicit {@code isa-fdc} device on Q35 (qemuBuildFloppyCommandLineControllerOptions).
     */
    private static void floppyController(BuildContext ctx) {
        int a = 0;
        int b = 0;
        boolean any = false;
        for (DomainDisk d : ctx.domain().getDevices().getDisks()) {
            if (d.getTarget().getBus() != DomainDiskBus.FDC) {
                continue;
            }
            any = true;
            int unit = d.getAddress() instanceof DomainAddressDrive drv && drv.getUnit() != null ? drv.getUnit() : 0;
            if (unit != 0) {
                b = ctx.prepared().bootIndex(d);
            } else {
                a = ctx.prepared().bootIndex(d);
            }
        }
        if (!any) {
            return;
        }
        if (ctx.prepared().isQ35()) {
            ctx.device(Props.of("driver", "isa-fdc").positive("bootindexA", a).positive("bootindexB", b));
        } else {
            if (a > 0) {
                ctx.add("-global", "isa-fdc.bootindexA=" + a);
            }
            if (b > 0) {
                ctx.add("-global", "isa-fdc.bootindexB=" + b);
            }
        }
    }

    /** qemuBuildDiskSourceCommandLine. */
    private static void backend(BuildContext ctx, DomainDisk d, DiskStorage ds) {
        StorageSource top = ds.top();
        if (top.kind == StorageSource.Kind.VHOSTUSER) {
            ctx.chardev(vhostUserChardev(ctx, d, top));
            return;
        }
        if (DiskStorage.isSd(d)) {
            objects(ctx, top);
            ctx.add("-drive", drive(ctx, d, top));
            return;
        }
        if (top.isEmpty()) {
            return;
        }
        java.util.List<StorageSource> chain = ds.chain();
        for (int i = chain.size() - 1; i >= 0; i--) {
            StorageSource s = chain.get(i);
            objects(ctx, s);
            ctx.blockdev(Blockdevs.storage(s));
            Props slice = Blockdevs.slice(s);
            if (slice != null) {
                ctx.blockdev(slice);
            }
            ctx.blockdev(Blockdevs.format(s));
        }
        if (ds.copyOnReadNode() != null) {
            ctx.blockdev(Blockdevs.copyOnRead(ds.copyOnReadNode(), top.nodeFormat));
        }
    }

    /**
     * Appends one image that belongs to no disk (see {@link DiskStorage#standalone}): its objects, protocol node
     * and format node (qemuBuildPflashBlockdevOne).
     */
    public static void attach(BuildContext ctx, StorageSource s) {
        objects(ctx, s);
        ctx.blockdev(Blockdevs.storage(s));
        ctx.blockdev(Blockdevs.format(s));
    }

    /**
     * The objects an image refers to, created before it (qemuBuildBlockStorageSourceAttachDataCommandline): an
     * unmanaged reservation helper, secrets (none can be built offline, see {@link Secrets}) and the TLS
     * credentials.
     */
    static void objects(BuildContext ctx, StorageSource s) {
        if (s.prManagerAlias != null && !s.prManagerAlias.equals(ManagedPr.ALIAS)) {
            ctx.object(Props.object("pr-manager-helper", s.prManagerAlias).str("path",
                    s.reservations().getSource() == null ? null : s.reservations().getSource().getPath()));
        }
        if (s.tlsAlias != null) {
            ctx.object(tlsObject(s.tlsAlias, s.tlsCertDir, s.tlsKeySecretAlias));
        }
    }

    /** A client's {@code tls-creds-x509} object (qemuBuildTLSx509BackendProps for a client: peers verified). */
    public static Props tlsObject(String alias, String dir, String keySecretAlias) {
        return Props.object("tls-creds-x509", alias).str("dir", dir).str("endpoint", "client")
                .bool("verify-peer", true).str("passwordid", keySecretAlias);
    }

    /** The unix socket client of a vhost-user disk: {@code socket,id=chr-vu-ALIAS,path=...[,reconnect=N]}. */
    private static KeyValue vhostUserChardev(BuildContext ctx, DomainDisk d, StorageSource s) {
        DomainDiskSourceVhostuser v = (DomainDiskSourceVhostuser) s.xml;
        KeyValue kv = KeyValue.of("socket").add("id", "chr-vu-" + ctx.prepared().alias(d)).add("path", v.getPath());
        if (v.getReconnect() != null && v.getReconnect().getEnabled() != null) {
            kv.add("reconnect", v.getReconnect().getEnabled() == YesNo.YES ? v.getReconnect().getTimeout() : 0);
        }
        return kv;
    }

    /** An SD card's {@code -drive} (qemuBuildDriveStr): the only disks libvirt 9.0 still gives {@code -drive}. */
    private static KeyValue drive(BuildContext ctx, DomainDisk d, StorageSource s) {
        KeyValue kv = KeyValue.create();
        switch (s.kind) {
            case FILE, BLOCK, DIR -> {
                String prefix = s.kind == StorageSource.Kind.DIR
                        ? (d.getDevice() == DomainDiskDevice.FLOPPY ? "fat:floppy:" : "fat:") : "";
                kv.raw("file=" + prefix + KeyValue.escape(s.path() == null ? "" : s.path()));
            }
            default -> throw new ArgvException("unsupported configuration: virtxml cannot write a -drive for a "
                    + s.kind.name().toLowerCase(java.util.Locale.ROOT) + " source of an SD card", d);
        }
        if (s.format != null && s.kind != StorageSource.Kind.DIR) {
            kv.add("format", s.format);
        }
        kv.raw("if=sd").raw("index=" + diskIndex(d.getTarget().getDev()));
        if (s.readonly) {
            kv.raw("readonly=on");
        }
        if (!s.isEmpty()) {
            DomainDiskDriver drv = d.getDriver();
            if (s.cache != null) {
                kv.add("cache", s.cache.xml());
            }
            if (drv != null && drv.getCopyOnRead() != null) {
                kv.add("copy-on-read", drv.getCopyOnRead().xml());
            }
            if (s.discard != null) {
                kv.add("discard", s.discard.xml());
            }
            if (s.detectZeroes != null) {
                boolean unmap = s.detectZeroes.xml().equals("unmap");
                kv.add("detect-zeroes", unmap && (s.discard == null || !s.discard.xml().equals("unmap")) ? "on"
                        : s.detectZeroes.xml());
            }
            if (s.io != null) {
                kv.add("aio", s.io.xml());
            }
        }
        return kv;
    }

    /** The disk's {@code -device} (qemuBuildDiskDeviceProps). */
    private static Props device(BuildContext ctx, DomainDisk d, DiskStorage ds) {
        DomainDiskBus bus = d.getTarget().getBus();
        DomainDiskDevice dev = d.getDevice() == null ? DomainDiskDevice.DISK : d.getDevice();
        DomainDiskDriver drv = d.getDriver();
        String alias = ctx.prepared().alias(d);
        StorageSource top = ds.top();
        Props p = null;
        String driver = null;
        String vpdDeviceId = null;
        Boolean removable = null;
        switch (bus) {
            case IDE, SATA -> driver = dev == DomainDiskDevice.CDROM ? "ide-cd" : "ide-hd";
            case SCSI -> {
                if (dev == DomainDiskDevice.LUN) {
                    driver = "scsi-block";
                } else {
                    driver = dev == DomainDiskDevice.CDROM ? "scsi-cd" : "scsi-hd";
                    // QEMU used to take the VPD device id from the -drive name; libvirt keeps it stable
                    vpdDeviceId = d.getSerial() != null ? d.getSerial() : "drive-" + alias;
                }
            }
            case VIRTIO -> {
                Boolean scsi = null;
                if (top.kind != StorageSource.Kind.VHOSTUSER && ctx.has(QemuCapability.VIRTIO_BLK_SCSI)) {
                    if (dev == DomainDiskDevice.LUN) {
                        scsi = true;
                    } else if (!ctx.has(QemuCapability.VIRTIO_BLK_SCSI_DEFAULT_DISABLED)) {
                        scsi = false;
                    }
                }
                DeviceProps.VirtioOptions opts = drv == null ? DeviceProps.VirtioOptions.NONE
                        : new DeviceProps.VirtioOptions(drv.getIommu(), drv.getAts(), drv.getPacked(),
                                drv.getPagePerVq());
                p = ctx.deviceProps().virtio(top.kind == StorageSource.Kind.VHOSTUSER ? "vhost-user-blk"
                        : "virtio-blk", d.getAddress(), d.getModel(), opts, true);
                Integer iothread = drv == null ? null : drv.getIothread();
                p.str("iothread", iothread != null && iothread > 0 ? "iothread" + iothread : null);
                p.bool("ioeventfd", drv == null ? null : DeviceProps.onOff(drv.getIoeventfd()));
                p.bool("event_idx", drv == null ? null : DeviceProps.onOff(drv.getEventIdx()));
                p.bool("scsi", scsi);
                p.positive("num-queues", drv == null ? null : drv.getQueues());
                p.positive("queue-size", drv == null ? null : drv.getQueueSize());
            }
            case USB -> {
                driver = "usb-storage";
                if (ctx.has(QemuCapability.USB_STORAGE_REMOVABLE)) {
                    removable = d.getTarget().getRemovable() == null ? Boolean.FALSE
                            : d.getTarget().getRemovable() == OnOff.ON;
                }
            }
            case FDC -> driver = "floppy";
            case XEN, UML, SD -> throw new ArgvException("internal error: unsupported disk bus '" + bus.xml()
                    + "' with device setup", d);
        }
        if (p == null) {
            p = Props.of("driver", driver);
        }
        if (d.getAddress() instanceof DomainAddressDrive drive) {
            ctx.deviceProps().drive(p, drive, bus);
        } else {
            ctx.deviceProps().address(p, d);
        }
        String writeCache = null;
        DomainDiskCache cache = ds.cacheMode();
        if (cache != null && dev != DomainDiskDevice.LUN) {
            writeCache = Blockdevs.writeback(cache) ? "on" : "off";
        }
        p.str("device_id", vpdDeviceId);
        p.bool("share-rw", d.getShareable() != null ? Boolean.TRUE : null);
        if (top.kind == StorageSource.Kind.VHOSTUSER) {
            p.str("chardev", "chr-vu-" + alias);
        } else {
            p.str("drive", ds.topNodeName());
        }
        p.str("id", alias);
        // floppies boot through the controller (see floppyController)
        if (dev != DomainDiskDevice.FLOPPY) {
            p.positive("bootindex", ctx.prepared().bootIndex(d));
        }
        if (d.getBlockio() != null) {
            p.positive("logical_block_size", d.getBlockio().getLogicalBlockSize());
            p.positive("physical_block_size", d.getBlockio().getPhysicalBlockSize());
        }
        if (d.getWwn() != null) {
            p.num("wwn", wwn(d));
        }
        p.positive("rotation_rate", d.getTarget().getRotationRate());
        p.str("vendor", d.getVendor()).str("product", d.getProduct());
        p.bool("removable", removable);
        p.str("write-cache", writeCache);
        DomainDiskGeometry g = d.getGeometry();
        if (g != null) {
            p.positive("cyls", g.getCyls()).positive("heads", g.getHeads()).positive("secs", g.getSecs());
            if (g.getTrans() != null && g.getTrans().xml() != null && !g.getTrans().xml().equals("default")) {
                p.str("bios-chs-trans", g.getTrans().xml());
            }
        }
        // QEMU's serial parser splits at spaces, so libvirt escapes them
        p.str("serial", d.getSerial() == null ? null : d.getSerial().replace(" ", "\\ "));
        errorPolicy(p, drv);
        return p;
    }

    /** werror / rerror (qemuBuildDiskGetErrorPolicy): 'enospace' is QEMU's 'enospc' and only for writes. */
    private static void errorPolicy(Props p, DomainDiskDriver drv) {
        if (drv == null) {
            return;
        }
        DomainDiskErrorPolicy w = drv.getErrorPolicy();
        DomainDiskErrorPolicy r = drv.getRerrorPolicy();
        String wp = w == null ? null : w.xml();
        String rp = r == null ? null : r.xml();
        if (w == DomainDiskErrorPolicy.ENOSPACE) {
            wp = "enospc";
        } else if (rp == null) {
            rp = wp;
        }
        p.str("werror", wp).str("rerror", rp);
    }

    /** The WWN as the number QEMU takes (libvirt parses it as hexadecimal). */
    private static Number wwn(DomainDisk d) {
        String w = d.getWwn().strip();
        if (w.startsWith("0x") || w.startsWith("0X")) {
            w = w.substring(2);
        }
        try {
            BigInteger v = new BigInteger(w, 16);
            return v.bitLength() < 64 ? (Number) v.longValue() : v;
        } catch (NumberFormatException e) {
            throw new ArgvException("invalid argument: Failed to parse wwn '" + d.getWwn() + "' as number", d);
        }
    }

    /** libvirt's virDiskNameToIndex for an SD card's {@code index}. */
    private static int diskIndex(String name) {
        String rest = null;
        for (String prefix : new String[] {"fd", "hd", "vd", "sd", "xvd", "ubd"}) {
            if (name.startsWith(prefix)) {
                rest = name.substring(prefix.length());
                break;
            }
        }
        if (rest == null || rest.isEmpty()) {
            return -1;
        }
        int idx = 0;
        int i = 0;
        for (; i < rest.length() && rest.charAt(i) >= 'a' && rest.charAt(i) <= 'z'; i++) {
            idx = (idx + (i < 1 ? 0 : 1)) * 26 + (rest.charAt(i) - 'a');
        }
        return i == 0 ? -1 : idx;
    }
}
