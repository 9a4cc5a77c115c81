package org.virtxml.qemu.argv.storage;

import java.util.List;
import org.virtxml.model.devices.DomainDiskAuth;
import org.virtxml.model.devices.DomainDiskCache;
import org.virtxml.model.devices.DomainDiskDetectZeroes;
import org.virtxml.model.devices.DomainDiskDiscard;
import org.virtxml.model.devices.DomainDiskEncryption;
import org.virtxml.model.devices.DomainDiskIo;
import org.virtxml.model.devices.DomainDiskReservations;
import org.virtxml.model.devices.DomainDiskSource;
import org.virtxml.model.devices.DomainDiskSourceBlock;
import org.virtxml.model.devices.DomainDiskSourceFile;
import org.virtxml.model.devices.DomainDiskSourceNetwork;
import org.virtxml.model.devices.DomainDiskSourceSlice;
import org.virtxml.model.devices.DomainDiskSourceSlices;
import org.virtxml.model.devices.DomainDiskSourceVolume;
import org.virtxml.model.devices.DomainDiskType;
import org.virtxml.normalizer.device.DiskSources;

/**
 * One image of a storage chain as libvirt prepares it for the command line (its {@code virStorageSource} after
 * {@code qemuDomainPrepareStorageSourceBlockdev}): the XML it comes from, its format, the node names QEMU will
 * know it by, the per-disk settings copied onto it (cache, discard, detect-zeroes, aio) and the aliases of the
 * secret, TLS and persistent-reservation objects it refers to. Built by {@link DiskStorage}; read by the
 * sections. Never changes the domain.
 */
public final class StorageSource {

    /** The storage type (libvirt's {@code virStorageType}), with NONE for an absent source. */
    public enum Kind {
        /** {@code file}. */
        FILE,
        /** {@code block}. */
        BLOCK,
        /** {@code dir}: a directory exposed as a FAT image. */
        DIR,
        /** {@code network}. */
        NETWORK,
        /** {@code volume}: a storage pool volume, translated before use. */
        VOLUME,
        /** {@code nvme}. */
        NVME,
        /** {@code vhostuser}. */
        VHOSTUSER,
        /** No source at all (an empty drive, or the end of a chain). */
        NONE;

        /** The kind of a {@code <disk type>} / {@code <backingStore type>}; FILE when absent, as libvirt parses it. */
        static Kind of(DomainDiskType t) {
            if (t == null) {
                return FILE;
            }
            return switch (t) {
                case FILE -> FILE;
                case BLOCK -> BLOCK;
                case DIR -> DIR;
                case NETWORK -> NETWORK;
                case VOLUME -> VOLUME;
                case NVME -> NVME;
                case VHOSTUSER -> VHOSTUSER;
            };
        }
    }

    /** Image formats that can have a backing image ({@code VIR_STORAGE_FILE_BACKING} and later). */
    private static final List<String> BACKING_FORMATS = List.of("cow", "qcow", "qcow2", "qed", "vmdk");

    final Kind kind;
    final DomainDiskSource xml;
    final String format;
    final boolean readonly;
    final DomainDiskAuth auth;
    final DomainDiskEncryption encryption;

    int id;
    String nodeStorage;
    String nodeFormat;
    String nodeSlice;
    DomainDiskCache cache;
    DomainDiskDiscard discard;
    DomainDiskDetectZeroes detectZeroes;
    DomainDiskIo io;
    boolean floppyImage;
    Long metadataCacheMaxBytes;
    String authSecretAlias;
    String authUsername;
    String encryptionSecretAlias;
    String cookieSecretAlias;
    String tlsAlias;
    String tlsCertDir;
    String tlsKeySecretAlias;
    String prManagerAlias;
    Integer nfsUser;
    Integer nfsGroup;
    Integer glusterDebug;
    /** The next image, or null when the XML names none; a NONE source when the chain is explicitly terminated. */
    StorageSource backing;

    StorageSource(Kind kind, DomainDiskSource xml, String format, boolean readonly, DomainDiskAuth auth,
            DomainDiskEncryption encryption) {
        this.kind = kind;
        this.xml = xml;
        this.format = format;
        this.readonly = readonly;
        this.auth = auth != null ? auth : DiskSources.auth(xml);
        this.encryption = encryption != null ? encryption : DiskSources.encryption(xml);
    }

    /** The storage type. */
    public Kind kind() {
        return kind;
    }

    /** The {@code <source>} element, or null when there is none. */
    public DomainDiskSource xml() {
        return xml;
    }

    /** The image format as libvirt spells it ({@code raw}, {@code qcow2}, ...), or null when unknown. */
    public String format() {
        return format;
    }

    /** Whether the image is opened read-only (a {@code <readonly/>} disk, or any backing image). */
    public boolean readonly() {
        return readonly;
    }

    /** The image's number in the domain (libvirt's {@code src->id}), 0 when it got none. */
    public int id() {
        return id;
    }

    /** The protocol node's name ({@code libvirt-N-storage}). */
    public String nodeStorage() {
        return nodeStorage;
    }

    /** The format node's name ({@code libvirt-N-format}). */
    public String nodeFormat() {
        return nodeFormat;
    }

    /** The backing image: null when the XML names none, a {@link Kind#NONE} source when the chain ends there. */
    public StorageSource backing() {
        return backing;
    }

    /** The cache mode the disk asks for (applies to the whole chain). */
    public DomainDiskCache cache() {
        return cache;
    }

    /** The alias of the TLS credentials object, or null without TLS. */
    public String tlsAlias() {
        return tlsAlias;
    }

    /** The directory of the TLS credentials, or null without TLS. */
    public String tlsCertDir() {
        return tlsCertDir;
    }

    /** The alias of the secret object decrypting the TLS key, or null. */
    public String tlsKeySecretAlias() {
        return tlsKeySecretAlias;
    }

    /**
     * libvirt's virStorageSourceIsEmpty: no source at all, a local source without a path, or a network source
     * without a protocol. An empty source gets no {@code -blockdev}.
     */
    public boolean isEmpty() {
        return switch (kind) {
            case NONE -> true;
            case FILE, BLOCK, DIR -> path() == null;
            case NETWORK -> !(xml instanceof DomainDiskSourceNetwork n) || n.getProtocol() == null;
            case VOLUME, NVME, VHOSTUSER -> false;
        };
    }

    /** libvirt's virStorageSourceIsBacking: a real image, not the end-of-chain marker. */
    public boolean isImage() {
        return kind != Kind.NONE;
    }

    /** The path of a local source ({@code file}, {@code dev} or {@code dir}), or the network image name. */
    public String path() {
        return DiskSources.path(xml);
    }

    /** The file descriptor group a file or block source is passed in, or null. */
    String fdGroup() {
        return xml instanceof DomainDiskSourceFile f ? f.getFdgroup() : null;
    }

    /** Whether the format can have a backing image. */
    boolean formatHasBacking() {
        return format != null && BACKING_FORMATS.contains(format);
    }

    /** The storage slice ({@code <slices><slice type='storage'>}), or null. */
    DomainDiskSourceSlice storageSlice() {
        DomainDiskSourceSlices s = DiskSources.slices(xml);
        if (s == null) {
            return null;
        }
        for (DomainDiskSourceSlice slice : s.getSlices()) {
            if ("storage".equals(slice.getType())) {
                return slice;
            }
        }
        return null;
    }

    /**
     * libvirt's qemuBlockStorageSourceNeedsStorageSliceLayer: a slice of an image that is not plain raw needs a
     * raw node of its own between the protocol and the format node.
     */
    boolean needsSliceLayer() {
        if (storageSlice() == null) {
            return false;
        }
        if (!"raw".equals(format)) {
            return true;
        }
        return encryption != null && encryption.getFormat() != null
                && encryption.getFormat().xml().equals("luks");
    }

    /** The {@code <reservations>} of a file, block, network or volume source, or null. */
    DomainDiskReservations reservations() {
        if (xml instanceof DomainDiskSourceFile || xml instanceof DomainDiskSourceBlock
                || xml instanceof DomainDiskSourceNetwork || xml instanceof DomainDiskSourceVolume) {
            return DiskSources.reservations(xml);
        }
        return null;
    }
}
