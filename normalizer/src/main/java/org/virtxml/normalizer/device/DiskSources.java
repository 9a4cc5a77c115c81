package org.virtxml.normalizer.device;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.DomainSeclabelRef;
import org.virtxml.model.devices.DomainDiskAuth;
import org.virtxml.model.devices.DomainDiskEncryption;
import org.virtxml.model.devices.DomainDiskReservations;
import org.virtxml.model.devices.DomainDiskSource;
import org.virtxml.model.devices.DomainDiskSourceBlock;
import org.virtxml.model.devices.DomainDiskSourceDir;
import org.virtxml.model.devices.DomainDiskSourceFile;
import org.virtxml.model.devices.DomainDiskSourceNetwork;
import org.virtxml.model.devices.DomainDiskSourceProtocol;
import org.virtxml.model.devices.DomainDiskSourceSlices;
import org.virtxml.model.devices.DomainDiskSourceVhostuser;
import org.virtxml.model.devices.DomainStartupPolicy;
import org.virtxml.normalizer.NormalizeException;

/**
 * Uniform access to what every shape of disk {@code <source>} has (libvirt keeps it in one virStorageSource):
 * its path, {@code index}, {@code <slices>}, security labels, {@code <auth>}, {@code <encryption>} and
 * {@code <reservations>}. Shared by the normalizer and the argv backend.
 */
public final class DiskSources {
    private DiskSources() {
    }

    /** A network source must say its protocol (virDomainDiskSourceNetworkParse reads it as a required enum). */
    public static void requireProtocol(DomainDiskSource s) {
        if (s instanceof DomainDiskSourceNetwork n && n.getProtocol() == null) {
            throw NormalizeException.xmlError("Missing required attribute 'protocol' in element 'source'", n);
        }
    }

    /**
     * virDomainStorageNetworkParseHost: a UNIX socket host needs its path, a host of any other transport a name and
     * no socket. The transport is the one given (before the normalizer drops the default TCP).
     */
    public static void checkHost(org.virtxml.model.devices.DomainDiskSourceHost h, org.virtxml.model.Located where) {
        boolean unix = h.getTransport() == org.virtxml.model.devices.DomainDiskSourceHostTransport.UNIX;
        if (unix && h.getSocket() == null) {
            throw NormalizeException.xmlError("missing socket for unix transport", where);
        }
        if (!unix && h.getSocket() != null) {
            // libvirt prints the attribute it read, and "(null)" when there was none
            throw NormalizeException.xmlError("transport '" + (h.getTransport() == null ? "(null)"
                    : h.getTransport().xml()) + "' does not support socket attribute", where);
        }
        if (!unix && h.getName() == null) {
            throw NormalizeException.xmlError("missing name for host", where);
        }
    }

    /** The local path (file, block device or directory) or network image name, or null. */
    public static String path(DomainDiskSource s) {
        if (s instanceof DomainDiskSourceFile f) {
            return f.getFile();
        } else if (s instanceof DomainDiskSourceBlock b) {
            return b.getDev();
        } else if (s instanceof DomainDiskSourceDir d) {
            return d.getDir();
        } else if (s instanceof DomainDiskSourceNetwork n) {
            return n.getName();
        } else if (s instanceof DomainDiskSourceVhostuser v) {
            return v.getPath();
        }
        return null;
    }

    /** A local source with no attribute and no child: libvirt's formatter leaves such an element out. */
    public static boolean writesNothing(DomainDiskSource s) {
        DomainStartupPolicy policy;
        if (s instanceof DomainDiskSourceFile f) {
            if (f.getFdgroup() != null) {
                return false;
            }
            policy = f.getStartupPolicy();
        } else if (s instanceof DomainDiskSourceBlock b) {
            policy = b.getStartupPolicy();
        } else if (s instanceof DomainDiskSourceDir d) {
            policy = d.getStartupPolicy();
        } else {
            return false;
        }
        return path(s) == null && policy == null && s.getIndex() == null && s.getSlices() == null
                && s.getReservations() == null && s.getSeclabels().isEmpty() && s.getAuth() == null
                && s.getEncryption() == null && !s.hasOtherAttributes();
    }

    /** Sets the local path of a file, block or directory source. */
    public static void setPath(DomainDiskSource s, String path) {
        if (s instanceof DomainDiskSourceFile f) {
            f.setFile(path);
        } else if (s instanceof DomainDiskSourceBlock b) {
            b.setDev(path);
        } else if (s instanceof DomainDiskSourceDir d) {
            d.setDir(path);
        }
    }

    // The accessors below take a missing source as one with nothing in it; every shape has these members
    // (DomainDiskSourceCommon).

    /** Sets the {@code index} attribute (null removes it). */
    public static void setIndex(DomainDiskSource s, Integer index) {
        if (s != null) {
            s.setIndex(index);
        }
    }

    /** The {@code <encryption>} inside the source, or null. */
    public static DomainDiskEncryption encryption(DomainDiskSource s) {
        return s == null ? null : s.getEncryption();
    }

    /** The per-device security label overrides of the source; mutable. */
    public static List<DomainSeclabelRef> seclabels(DomainDiskSource s) {
        return s == null ? new ArrayList<>() : s.getSeclabels();
    }

    /** The {@code <slices>} of the source, or null. */
    public static DomainDiskSourceSlices slices(DomainDiskSource s) {
        return s == null ? null : s.getSlices();
    }

    /** The {@code <reservations>} of the source, or null. */
    public static DomainDiskReservations reservations(DomainDiskSource s) {
        return s == null ? null : s.getReservations();
    }

    /** The {@code <auth>} inside the source, or null. */
    public static DomainDiskAuth auth(DomainDiskSource s) {
        return s == null ? null : s.getAuth();
    }

    /** The port a protocol's server listens on by default (none for RBD, whose monitors say, and NFS). */
    public static int defaultPort(DomainDiskSourceProtocol p) {
        return switch (p) {
            case HTTP -> 80;
            case HTTPS -> 443;
            case FTP -> 21;
            case FTPS -> 990;
            case TFTP -> 69;
            case SHEEPDOG -> 7000;
            case NBD -> 10809;
            case SSH -> 22;
            case ISCSI -> 3260;
            case GLUSTER -> 24007;
            case VXHS -> 9999;
            case RBD, NFS -> 0;
        };
    }
}
