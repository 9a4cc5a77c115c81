package org.virtxml.qemu.argv;

import java.util.Objects;
import org.virtxml.caps.QemuCaps;

/**
 * Where a domain's runtime files are, as the command line names them: its private directory (HOME of the process,
 * master key, monitor socket), the directory of channel sockets without a path, and the short name per-domain paths
 * outside that directory use ({@code ID-NAME}).
 *
 * <p>{@code virtxml argv} uses {@link #pretend}: the paths libvirt prints for a domain that is not running
 * ({@code /var/lib/libvirt/qemu/domain--1-NAME}). A real start ({@code org.virtxml.qemu.run}) passes its own
 * directory and the domain's id, so that the master key, monitor socket and channel sockets are files it created.
 *
 * @param libDir           the domain's private directory
 * @param channelTargetDir where unix sockets of channels without a path go
 * @param pathName         {@code ID-SHORTNAME}, as in {@code /var/lib/libvirt/qemu/ram/-1-NAME}
 */
public record RuntimePaths(String libDir, String channelTargetDir, String pathName) {
    /** libvirt's domain id for a domain that is not running: paths say {@code domain--1-NAME}. */
    static final int PRETEND_ID = -1;
    /** libvirt truncates the name in runtime paths to this many characters ({@code VIR_DOMAIN_SHORT_NAME_MAX}). */
    static final int SHORT_NAME_MAX = 20;

    /** Checks that no path is missing. */
    public RuntimePaths {
        Objects.requireNonNull(libDir, "libDir");
        Objects.requireNonNull(channelTargetDir, "channelTargetDir");
        Objects.requireNonNull(pathName, "pathName");
    }

    /**
     * The paths libvirt prints in {@code domxml-to-native}: under qemu.conf's lib directory, with the pretend id -1.
     */
    public static RuntimePaths pretend(String domainName, QemuCaps caps) {
        String base = caps.host().qemuConf().libDir();
        String pathName = PRETEND_ID + "-" + shortName(domainName);
        return new RuntimePaths(base + "/domain-" + pathName, base + "/channel/target/domain-" + pathName, pathName);
    }

    /** The paths of a started domain: its own directories, and its id in {@code ID-SHORTNAME}. */
    public static RuntimePaths of(String libDir, String channelTargetDir, int id, String domainName) {
        return new RuntimePaths(libDir, channelTargetDir, id + "-" + shortName(domainName));
    }

    /**
     * The name as libvirt shortens it for paths: at most 20 characters (code points; libvirt counts wide
     * characters when the name is not plain ASCII).
     */
    public static String shortName(String name) {
        if (name.codePointCount(0, name.length()) <= SHORT_NAME_MAX) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, SHORT_NAME_MAX));
    }

    /** The master key file QEMU reads secrets' key from. */
    public String masterKeyPath() {
        return libDir + "/master-key.aes";
    }

    /** The QMP monitor socket (chardev {@code charmonitor}). */
    public String monitorPath() {
        return libDir + "/monitor.sock";
    }
}
