package org.virtxml.qemu.argv.storage;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.caps.HostFacts;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.OnOff;
import org.virtxml.model.bind.Scaling;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBackingStore;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainDiskCache;
import org.virtxml.model.devices.DomainDiskDevice;
import org.virtxml.model.devices.DomainDiskDriver;
import org.virtxml.model.devices.DomainDiskEncryption;
import org.virtxml.model.devices.DomainDiskEncryptionEngine;
import org.virtxml.model.devices.DomainDiskEncryptionFormat;
import org.virtxml.model.devices.DomainDiskFormat;
import org.virtxml.model.devices.DomainDiskReservations;
import org.virtxml.model.devices.DomainDiskSourceNetwork;
import org.virtxml.model.devices.DomainDiskSourceProtocol;
import org.virtxml.model.devices.DomainDiskSourceVolume;
import org.virtxml.model.devices.DomainDiskSourceNvme;
import org.virtxml.model.devices.DomainStartupPolicy;
import org.virtxml.model.YesNo;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.Prepared;

/**
 * What libvirt prepares for one disk before building its part of the command line
 * ({@code qemuProcessPrepareDomainStorage} / {@code qemuDomainPrepareDiskSource} for a pretend start): the chain of
 * {@link StorageSource}s with their node names, the copy-on-read node, and whether the disk was dropped because
 * its pool volume could not be found and its startup policy allows that. {@link #prepare} runs the whole step;
 * sections get a disk's result with {@link #of}.
 */
public final class DiskStorage {
    private static final String KEY = "storage.disks";
    private static final String ID_COUNTER = "storage.id";

    private final DomainDisk disk;
    private final StorageSource top;
    private final String copyOnReadNode;
    private final boolean dropped;
    private final DomainDiskCache cacheMode;

    private DiskStorage(DomainDisk disk, StorageSource top, String copyOnReadNode, boolean dropped,
            DomainDiskCache cacheMode) {
        this.disk = disk;
        this.top = top;
        this.copyOnReadNode = copyOnReadNode;
        this.dropped = dropped;
        this.cacheMode = cacheMode;
    }

    /**
     * The disk's cache mode after preparation (a shareable writable disk without one gets 'none'); null for the
     * hypervisor default.
     */
    public DomainDiskCache cacheMode() {
        return cacheMode;
    }

    /** The disk. */
    public DomainDisk disk() {
        return disk;
    }

    /** The top image (its {@link StorageSource#backing()} leads down the chain). */
    public StorageSource top() {
        return top;
    }

    /** The images of the chain from the top down, without the end-of-chain marker. */
    public List<StorageSource> chain() {
        List<StorageSource> l = new ArrayList<>();
        for (StorageSource s = top; s != null && s.isImage(); s = s.backing) {
            l.add(s);
        }
        return l;
    }

    /** The copy-on-read filter node ({@code libvirt-CoR-vda}), or null when the disk has none. */
    public String copyOnReadNode() {
        return copyOnReadNode;
    }

    /** Whether the disk was removed from the domain (an optional disk whose volume was not found). */
    public boolean dropped() {
        return dropped;
    }

    /**
     * libvirt's qemuDomainDiskGetTopNodename: what the disk's {@code -device} uses as {@code drive}: the
     * copy-on-read node or the top format node; null for an empty drive.
     */
    public String topNodeName() {
        if (top.isEmpty()) {
            return null;
        }
        return copyOnReadNode != null ? copyOnReadNode : top.nodeFormat;
    }

    /** The prepared storage of a disk; null before {@link #prepare} ran or for disks it does not know. */
    public static DiskStorage of(Prepared p, DomainDisk disk) {
        Map<DomainDisk, DiskStorage> m = p.get(KEY);
        return m == null ? null : m.get(disk);
    }

    /**
     * A new image number of the domain (libvirt's qemuDomainStorageIDNew): disks take them first, from the last
     * disk to the first and from each top image down its chain, then SCSI host devices.
     */
    public static int newId(Prepared p) {
        return p.next(ID_COUNTER) + 1;
    }

    /** libvirt's qemuDiskBusIsSD: SD cards still go through {@code -drive if=sd}. */
    public static boolean isSd(DomainDisk d) {
        return d.getTarget() != null && d.getTarget().getBus() == DomainDiskBus.SD;
    }

    /**
     * Checks the disks as libvirt's qemuProcessStartValidateDisks does before anything else is prepared: VxHS and
     * NVMe need QEMU support.
     */
    public static void validateAtStart(Prepared p) {
        for (DomainDisk d : p.domain().getDevices().getDisks()) {
            if (d.getSource() instanceof DomainDiskSourceNetwork n && n.getProtocol() == DomainDiskSourceProtocol.VXHS
                    && !p.caps().has(QemuCapability.VXHS)) {
                throw new ArgvException("unsupported configuration: VxHS protocol is not supported with this QEMU "
                        + "binary", d);
            }
            if (d.getSource() instanceof DomainDiskSourceNvme && !p.caps().has(QemuCapability.DRIVE_NVME)) {
                throw new ArgvException("unsupported configuration: NVMe disks are not supported with this QEMU "
                        + "binary", d);
            }
        }
    }

    /**
     * Prepares every disk, the last first (so the last disk's top image is {@code libvirt-1-*}), as libvirt's
     * qemuProcessPrepareDomainStorage does, refusing what it refuses there: pool volumes that cannot be found,
     * secrets that are not defined, unsupported encryption or TLS, file descriptor groups (never associated with
     * a domain converted offline).
     */
    public static void prepare(Prepared p) {
        Map<DomainDisk, DiskStorage> result = new IdentityHashMap<>();
        p.put(KEY, result);
        List<DomainDisk> disks = p.domain().getDevices().getDisks();
        StorageConfig cfg = new StorageConfig(p.caps().host());
        for (int i = disks.size() - 1; i >= 0; i--) {
            DomainDisk d = disks.get(i);
            StorageSource top = chainOf(d);
            if (!translatePools(p, d, top)) {
                boolean removable = d.getDevice() == DomainDiskDevice.CDROM
                        || d.getDevice() == DomainDiskDevice.FLOPPY;
                // a dropped cdrom or floppy stays as an empty drive; other disks disappear from the domain
                StorageSource empty = new StorageSource(StorageSource.Kind.NONE, null, top.format, top.readonly,
                        null, null);
                result.put(d, new DiskStorage(d, empty, null, !removable, xmlCache(d)));
                continue;
            }
            String cor = null;
            DomainDiskCache cache = xmlCache(d);
            if (top.kind != StorageSource.Kind.VHOSTUSER) {
                cache = prepareCacheMode(d, top);
                if (!isSd(d)) {
                    if (d.getDriver() != null && d.getDriver().getCopyOnRead() == OnOff.ON) {
                        cor = "libvirt-CoR-" + d.getTarget().getDev();
                    }
                    for (StorageSource s = top; s != null && s.isImage(); s = s.backing) {
                        int id = newId(p);
                        prepareImage(p, cfg, d, top, s, "libvirt-" + id, id);
                    }
                } else {
                    prepareLegacy(p, cfg, d, top);
                }
            }
            result.put(d, new DiskStorage(d, top, cor, false, cache));
        }
    }

    /**
     * A storage source that belongs to no disk (the UEFI variable store of a {@code <nvram type=...>}), prepared
     * as libvirt's qemuDomainPrepareStorageSourceBlockdevNodename does with node names {@code PREFIX-storage} /
     * {@code PREFIX-format}: secrets, TLS, NFS identity. Write it with {@link DiskCommandLine#attach}.
     */
    public static StorageSource standalone(Prepared p, org.virtxml.model.devices.DomainDiskType type,
            org.virtxml.model.devices.DomainDiskSource source, String format, String prefix, boolean readonly) {
        StorageSource s = new StorageSource(StorageSource.Kind.of(type), source, format, readonly, null, null);
        StorageConfig cfg = new StorageConfig(p.caps().host());
        s.nodeStorage = prefix + "-storage";
        s.nodeFormat = prefix + "-format";
        validate(p, s);
        config(cfg, s);
        secrets(p, s, s.nodeStorage, s.nodeFormat);
        reservations(p, s, s.nodeStorage);
        tls(p, cfg, s, s.nodeStorage);
        nfs(s);
        return s;
    }

    /** The chain the disk's XML describes: top image, then {@code <backingStore>} elements. */
    private static StorageSource chainOf(DomainDisk d) {
        DomainDiskDriver drv = d.getDriver();
        String format = drv == null ? null : drv.getType();
        if (format == null && d.getType() != org.virtxml.model.devices.DomainDiskType.VOLUME) {
            // qemuDomainDeviceDiskDefPostParse: raw unless said otherwise (volumes take the pool's default)
            format = "raw";
        }
        if ("aio".equals(format)) {
            format = "raw";
        }
        StorageSource.Kind kind = d.getSource() == null && d.getType() == null ? StorageSource.Kind.FILE
                : StorageSource.Kind.of(d.getType());
        StorageSource top = new StorageSource(kind, d.getSource(), format, d.getReadonly() != null, d.getAuth(),
                d.getEncryption());
        if (drv != null && drv.getMetadataCache() != null && drv.getMetadataCache().getMaxSize() != null
                && drv.getMetadataCache().getMaxSize().getValue() != null) {
            top.metadataCacheMaxBytes = Scaling.toBytes(drv.getMetadataCache().getMaxSize().getValue(),
                    drv.getMetadataCache().getMaxSize().getUnit(), 1, Long.MAX_VALUE);
        }
        StorageSource cur = top;
        DomainDiskBackingStore b = d.getBackingStore();
        while (b != null) {
            StorageSource next;
            if (b.getType() == null && b.getSource() == null) {
                // <backingStore/>: the chain ends here
                next = new StorageSource(StorageSource.Kind.NONE, null, null, true, null, null);
            } else {
                DomainDiskFormat f = b.getFormat();
                // every backing image is opened read-only (virDomainDiskBackingStoreParse)
                next = new StorageSource(StorageSource.Kind.of(b.getType()), b.getSource(),
                        f == null ? null : f.getType(), true, null, null);
                if (f != null && f.getMetadataCache() != null && f.getMetadataCache().getMaxSize() != null
                        && f.getMetadataCache().getMaxSize().getValue() != null) {
                    next.metadataCacheMaxBytes = Scaling.toBytes(f.getMetadataCache().getMaxSize().getValue(),
                            f.getMetadataCache().getMaxSize().getUnit(), 1, Long.MAX_VALUE);
                }
            }
            cur.backing = next;
            cur = next;
            b = next.isImage() ? b.getBackingStore() : null;
        }
        return top;
    }

    /**
     * libvirt's virDomainDiskTranslateSourcePool and qemuDomainCheckDiskStartupPolicy: a volume needs its pool.
     *
     * @return false when the disk's source was dropped (an optional disk, or a requisite one on a cold boot)
     */
    private static boolean translatePools(Prepared p, DomainDisk d, StorageSource top) {
        for (StorageSource s = top; s != null && s.isImage(); s = s.backing) {
            if (s.kind != StorageSource.Kind.VOLUME || !(s.xml instanceof DomainDiskSourceVolume v)) {
                continue;
            }
            String pool = v.getPool();
            if (!p.caps().host().storagePools().contains(pool)) {
                DomainStartupPolicy policy = startupPolicy(top);
                // domxml-to-native prepares a cold boot: optional and requisite disks may go without their source
                if (policy == DomainStartupPolicy.OPTIONAL || policy == DomainStartupPolicy.REQUISITE) {
                    return false;
                }
                throw new ArgvException("Storage pool not found: no storage pool with matching name '" + pool + "'",
                        d);
            }
            throw new ArgvException("unsupported configuration: virtxml cannot translate volume '" + v.getVolume()
                    + "' of storage pool '" + pool + "': pool contents are not known offline", d);
        }
        return true;
    }

    /** The disk's startup policy (an attribute of its top {@code <source>}), or null. */
    private static DomainStartupPolicy startupPolicy(StorageSource top) {
        if (top.xml instanceof DomainDiskSourceVolume v) {
            return v.getStartupPolicy();
        } else if (top.xml instanceof org.virtxml.model.devices.DomainDiskSourceFile f) {
            return f.getStartupPolicy();
        } else if (top.xml instanceof org.virtxml.model.devices.DomainDiskSourceBlock b) {
            return b.getStartupPolicy();
        } else if (top.xml instanceof org.virtxml.model.devices.DomainDiskSourceDir dir) {
            return dir.getStartupPolicy();
        }
        return null;
    }

    /** The cache mode the XML gives; null for the default. */
    private static DomainDiskCache xmlCache(DomainDisk d) {
        DomainDiskCache c = d.getDriver() == null ? null : d.getDriver().getCache();
        return c == DomainDiskCache.DEFAULT ? null : c;
    }

    /**
     * libvirt's qemuDomainPrepareDiskCachemode: a shareable writable disk gets cache 'none' unless it says; the
     * mode applies to every image of the chain.
     */
    private static DomainDiskCache prepareCacheMode(DomainDisk d, StorageSource top) {
        DomainDiskCache c = xmlCache(d);
        if (c == null && d.getShareable() != null && !top.readonly) {
            c = DomainDiskCache.NONE;
        }
        for (StorageSource s = top; s != null && s.isImage(); s = s.backing) {
            s.cache = c;
        }
        return c;
    }

    /** qemuDomainPrepareStorageSourceBlockdevNodename for one image of a {@code -blockdev} chain. */
    private static void prepareImage(Prepared p, StorageConfig cfg, DomainDisk d, StorageSource top,
            StorageSource s, String prefix, int id) {
        s.id = id;
        s.nodeStorage = prefix + "-storage";
        s.nodeFormat = prefix + "-format";
        if (s.needsSliceLayer()) {
            s.nodeSlice = "libvirt-" + id + "-slice-sto";
        }
        validate(p, s);
        config(cfg, s);
        diskData(d, top, s);
        secrets(p, s, s.nodeStorage, s.nodeFormat);
        reservations(p, s, s.nodeStorage);
        tls(p, cfg, s, s.nodeStorage);
        nfs(s);
        if (s.fdGroup() != null) {
            throw new ArgvException("invalid argument: file descriptor group '" + s.fdGroup()
                    + "' was not associated with the domain", d);
        }
    }

    /** qemuDomainPrepareDiskSourceLegacy: an SD card's only image, named after the disk. */
    private static void prepareLegacy(Prepared p, StorageConfig cfg, DomainDisk d, StorageSource top) {
        String alias = p.alias(d);
        validate(p, top);
        config(cfg, top);
        diskData(d, top, top);
        secrets(p, top, alias, alias);
        reservations(p, top, alias);
        tls(p, cfg, top, alias);
    }

    /** The parts of libvirt's qemuDomainValidateStorageSource that can still fail on a defined domain. */
    private static void validate(Prepared p, StorageSource s) {
        String f = s.format;
        if ("cow".equals(f)) {
            throw new ArgvException("unsupported configuration: 'cow' storage format is not supported");
        }
        if ("dir".equals(f)) {
            throw new ArgvException("unsupported configuration: 'directory' storage format is not directly "
                    + "supported by QEMU, use 'dir' disk type instead");
        }
        if ("iso".equals(f)) {
            throw new ArgvException("unsupported configuration: storage format 'iso' is not directly supported by "
                    + "QEMU, use 'raw' instead");
        }
        if ("fat".equals(f) && s.kind != StorageSource.Kind.VOLUME && s.kind != StorageSource.Kind.DIR) {
            throw new ArgvException("unsupported configuration: storage format 'fat' is supported only with 'dir' "
                    + "storage type");
        }
        if (s.kind == StorageSource.Kind.DIR) {
            if (f != null && !f.equals("fat") && !f.equals("none")) {
                throw new ArgvException("unsupported configuration: storage type 'dir' requires use of storage "
                        + "format 'fat'");
            }
            if (!s.readonly) {
                throw new ArgvException("unsupported configuration: virtual FAT storage can't be accessed in "
                        + "read-write mode");
            }
        }
        if (s.reservations() != null && !p.caps().has(QemuCapability.PR_MANAGER_HELPER)) {
            throw new ArgvException("unsupported configuration: reservations not supported with this QEMU binary");
        }
        if (s.kind == StorageSource.Kind.NETWORK && s.xml instanceof DomainDiskSourceNetwork n
                && n.getProtocol() == DomainDiskSourceProtocol.TFTP) {
            throw new ArgvException("unsupported configuration: 'tftp' protocol is not supported with this QEMU "
                    + "binary");
        }
        if (s.metadataCacheMaxBytes != null && s.metadataCacheMaxBytes > 0 && !"qcow2".equals(f)) {
            throw new ArgvException("unsupported configuration: metadata cache max size control is supported only "
                    + "with qcow2 images");
        }
        DomainDiskEncryption e = s.encryption;
        if (e != null) {
            DomainDiskEncryptionFormat ef = e.getFormat();
            if (ef == null || ef == DomainDiskEncryptionFormat.DEFAULT || ef == DomainDiskEncryptionFormat.QCOW) {
                throw new ArgvException("unsupported configuration: old qcow/qcow2 encryption is not supported");
            }
            if (e.getEngine() == DomainDiskEncryptionEngine.LIBRBD) {
                if (!p.caps().has(QemuCapability.RBD_ENCRYPTION)) {
                    throw new ArgvException("unsupported configuration: librbd encryption is not supported by this "
                            + "QEMU binary");
                }
            } else if (ef == DomainDiskEncryptionFormat.LUKS2) {
                throw new ArgvException("unsupported configuration: luks2 is currently not supported by the qemu "
                        + "encryption engine");
            } else if (!"qcow2".equals(f) && !"raw".equals(f)) {
                throw new ArgvException("unsupported configuration: encryption is supported only with 'raw' and "
                        + "'qcow2' image format");
            }
        }
    }

    /** qemuDomainPrepareStorageSourceConfig: gluster images log at qemu.conf's level. */
    private static void config(StorageConfig cfg, StorageSource s) {
        if (s.xml instanceof DomainDiskSourceNetwork n && n.getProtocol() == DomainDiskSourceProtocol.GLUSTER) {
            s.glusterDebug = cfg.glusterDebugLevel();
        }
    }

    /** qemuDomainPrepareDiskSourceData: the disk's driver settings copied onto each image of its chain. */
    private static void diskData(DomainDisk d, StorageSource top, StorageSource s) {
        DomainDiskDriver drv = d.getDriver();
        if (drv != null) {
            if (s == top) {
                s.detectZeroes = drv.getDetectZeroes();
            }
            s.io = drv.getIo();
            s.discard = drv.getDiscard();
        }
        s.floppyImage = d.getDevice() == DomainDiskDevice.FLOPPY;
    }

    /**
     * qemuDomainSecretStorageSourcePrepare: authentication belongs to the protocol node, the encryption key to
     * the format node; HTTP cookies are passed as a secret too.
     */
    private static void secrets(Prepared p, StorageSource s, String protocolAlias, String formatAlias) {
        if (s.isEmpty()) {
            return;
        }
        HostFacts host = p.caps().host();
        if (s.auth != null) {
            s.authUsername = s.auth.getUsername();
            s.authSecretAlias = Secrets.require(host, s.auth.getSecret(), protocolAlias, "auth");
        }
        if (s.encryption != null && !s.encryption.getSecrets().isEmpty()) {
            s.encryptionSecretAlias = Secrets.require(host, s.encryption.getSecrets().get(0), formatAlias,
                    "encryption");
        }
        if (s.xml instanceof DomainDiskSourceNetwork n && n.getCookies() != null
                && !n.getCookies().getCookies().isEmpty()) {
            // the cookie secret is encrypted with a random IV like any other: its text is never reproducible
            throw new ArgvException("unsupported configuration: virtxml cannot build secret object '"
                    + Secrets.alias(protocolAlias, "httpcookie") + "': its encrypted value is random");
        }
    }

    /** qemuDomainPrepareStorageSourcePR: the managed helper is shared; an unmanaged one is per image. */
    private static void reservations(Prepared p, StorageSource s, String parentAlias) {
        DomainDiskReservations r = s.reservations();
        if (r == null) {
            return;
        }
        s.prManagerAlias = r.getManaged() == YesNo.YES ? ManagedPr.ALIAS : "pr-helper-" + parentAlias;
    }

    /** qemuDomainPrepareStorageSourceTLS: NBD and VxHS take TLS from the disk or from qemu.conf. */
    private static void tls(Prepared p, StorageConfig cfg, StorageSource s, String parentAlias) {
        if (s.kind != StorageSource.Kind.NETWORK || !(s.xml instanceof DomainDiskSourceNetwork n)
                || n.getProtocol() == null) {
            return;
        }
        switch (n.getProtocol()) {
            case NBD, VXHS -> {
                String proto = n.getProtocol().xml();
                boolean tls = n.getTls() == null ? cfg.tls(proto) : n.getTls() == YesNo.YES;
                if (!tls) {
                    return;
                }
                if (n.getProtocol() == DomainDiskSourceProtocol.NBD && !p.caps().has(QemuCapability.NBD_TLS)) {
                    throw new ArgvException("unsupported configuration: this qemu does not support TLS transport "
                            + "for NBD");
                }
                s.tlsAlias = "obj" + parentAlias + "_tls0";
                s.tlsCertDir = cfg.tlsCertDir(proto);
                String uuid = cfg.tlsSecretUuid(proto);
                if (uuid != null) {
                    org.virtxml.model.DomainSecretRef ref = new org.virtxml.model.DomainSecretRef();
                    ref.setUuid(uuid);
                    s.tlsKeySecretAlias = Secrets.require(p.caps().host(), ref, s.tlsAlias, null);
                }
            }
            case RBD, SHEEPDOG, GLUSTER, ISCSI, HTTP, HTTPS, FTP, FTPS, TFTP, NFS, SSH -> {
                if (n.getTls() == YesNo.YES) {
                    throw new ArgvException("unsupported configuration: TLS transport is not supported for disk "
                            + "protocol '" + n.getProtocol().xml() + "'");
                }
            }
        }
    }

    /** qemuDomainPrepareStorageSourceNFS: the image is opened as the identity's user and group. */
    private static void nfs(StorageSource s) {
        if (!(s.xml instanceof DomainDiskSourceNetwork n) || n.getProtocol() != DomainDiskSourceProtocol.NFS
                || n.getIdentity() == null) {
            return;
        }
        s.nfsUser = n.getIdentity().getUser() == null ? null : id(n.getIdentity().getUser(), "user");
        s.nfsGroup = n.getIdentity().getGroup() == null ? null : id(n.getIdentity().getGroup(), "group");
    }

    /**
     * virGetUserID / virGetGroupID: {@code +N} (or a plain number) is that id; names would need the host's
     * user database, which the profile does not hold ({@code root} is 0 everywhere).
     */
    private static int id(String name, String what) {
        String n = name.startsWith("+") ? name.substring(1) : name;
        if (n.matches("[0-9]+")) {
            return Integer.parseInt(n);
        }
        if (n.equals("root")) {
            return 0;
        }
        throw new ArgvException("unsupported configuration: virtxml cannot look up " + what + " '" + name
                + "' of the host offline");
    }
}
