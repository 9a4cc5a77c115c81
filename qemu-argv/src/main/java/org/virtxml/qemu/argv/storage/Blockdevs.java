package org.virtxml.qemu.argv.storage;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.devices.DomainDiskCache;
import org.virtxml.model.devices.DomainDiskDetectZeroes;
import org.virtxml.model.devices.DomainDiskDiscard;
import org.virtxml.model.devices.DomainDiskEncryptionEngine;
import org.virtxml.model.devices.DomainDiskEncryptionFormat;
import org.virtxml.model.devices.DomainDiskSourceHost;
import org.virtxml.model.devices.DomainDiskSourceHostTransport;
import org.virtxml.model.devices.DomainDiskSourceNetwork;
import org.virtxml.model.devices.DomainDiskSourceNvme;
import org.virtxml.model.devices.DomainDiskSourceProtocol;
import org.virtxml.model.devices.DomainDiskSourceSlice;
import org.virtxml.model.devices.DomainDiskSourceVolume;
import org.virtxml.model.YesNo;
import org.virtxml.normalizer.device.DiskSources;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.Props;

/**
 * The {@code -blockdev} objects of one image, as libvirt 9.0's qemu_block.c builds them for QEMU 7.2: the
 * protocol node ({@link #storage}: file, host_device, vvfat, nbd, iscsi, rbd, gluster, nfs, ssh, http(s)/ftp(s),
 * sheepdog, vxhs, nvme), an optional raw slice node ({@link #slice}), the format node ({@link #format}: raw,
 * luks, qcow2, qcow, vmdk, ...) and the disk's copy-on-read filter ({@link #copyOnRead}).
 */
public final class Blockdevs {

    private Blockdevs() {
    }

    /** libvirt's qemuDomainDiskCachemodeFlags: {direct, no-flush} of a cache mode, null for the default. */
    private static boolean[] cacheFlags(DomainDiskCache c) {
        return switch (c) {
            case NONE -> new boolean[] {true, false};
            case WRITETHROUGH, WRITEBACK -> new boolean[] {false, false};
            case DIRECTSYNC -> new boolean[] {true, false};
            case UNSAFE -> new boolean[] {false, true};
            case DEFAULT -> null;
        };
    }

    /** Whether a cache mode keeps the guest-visible write cache on (the {@code write-cache} device property). */
    public static boolean writeback(DomainDiskCache c) {
        return c == DomainDiskCache.NONE || c == DomainDiskCache.WRITEBACK || c == DomainDiskCache.UNSAFE;
    }

    private static void cache(Props props, StorageSource s) {
        if (s.cache == null) {
            return;
        }
        boolean[] f = cacheFlags(s.cache);
        if (f != null) {
            props.value("cache", new Props().bool("direct", f[0]).bool("no-flush", f[1]));
        }
    }

    /**
     * The protocol node with libvirt's {@code -blockdev} flags (qemuBlockStorageSourceGetBackendProps with
     * auto-read-only): {@code driver} first, the protocol's own members, {@code node-name}, cache,
     * {@code auto-read-only} and {@code discard: unmap}.
     */
    public static Props storage(StorageSource s) {
        Props p = backend(s);
        p.str("node-name", s.nodeStorage);
        cache(p, s);
        p.bool("auto-read-only", true);
        p.str("discard", "unmap");
        return p;
    }

    /** The protocol node's driver and protocol members, without node name and access flags. */
    static Props backend(StorageSource s) {
        Props p = new Props();
        switch (s.kind) {
            case FILE, BLOCK -> {
                p.str("driver", s.kind == StorageSource.Kind.BLOCK ? "host_device" : "file");
                p.str("filename", s.path());
                p.str("aio", s.io == null ? null : s.io.xml());
                p.str("pr-manager", s.prManagerAlias);
            }
            case DIR -> {
                p.str("driver", "vvfat").str("dir", s.path()).bool("floppy", s.floppyImage).bool("rw", !s.readonly);
            }
            case NVME -> {
                DomainDiskSourceNvme n = (DomainDiskSourceNvme) s.xml;
                p.str("driver", "nvme").str("device", pciAddress(n));
                p.num("namespace", n.getNamespace());
            }
            case VHOSTUSER -> throw new ArgvException(
                    "internal error: unable to create blockdev props for vhostuser disk type");
            case VOLUME -> {
                DomainDiskSourceVolume v = (DomainDiskSourceVolume) s.xml;
                throw new ArgvException("internal error: storage source pool '" + v.getPool() + "' volume '"
                        + v.getVolume() + "' is not translated");
            }
            case NONE -> throw new ArgvException("internal error: Unexpected enum value 0 for virStorageType");
            case NETWORK -> network(p, s, (DomainDiskSourceNetwork) s.xml);
        }
        return p;
    }

    private static String pciAddress(DomainDiskSourceNvme n) {
        var a = n.getAddress();
        return String.format("%04x:%02x:%02x.%d", nz(a.getDomain()), nz(a.getBus()), nz(a.getSlot()),
                nz(a.getFunction()));
    }

    private static void network(Props p, StorageSource s, DomainDiskSourceNetwork n) {
        DomainDiskSourceProtocol proto = n.getProtocol();
        List<DomainDiskSourceHost> hosts = n.getHosts();
        String name = n.getName();
        switch (proto) {
            case GLUSTER -> {
                String[] vp = splitVolume(name);
                p.str("driver", "gluster").str("volume", vp[0]).str("path", vp[1]);
                List<Object> servers = new ArrayList<>();
                for (DomainDiskSourceHost h : hosts) {
                    servers.add(socketAddress(proto, h).members());
                }
                p.value("server", servers);
                p.num("debug", s.glusterDebug);
            }
            case VXHS -> {
                one(proto, hosts);
                p.str("driver", "vxhs").str("tls-creds", s.tlsAlias).str("vdisk-id", name);
                p.value("server", inet(proto, hosts.get(0)));
            }
            case HTTP, HTTPS, FTP, FTPS, TFTP -> {
                p.str("driver", proto.xml()).str("url", url(n));
                if (s.auth != null) {
                    p.str("username", s.authUsername).str("password-secret", s.authSecretAlias);
                }
                if (n.getSsl() != null && n.getSsl().getVerify() != null) {
                    p.bool("sslverify", n.getSsl().getVerify() == YesNo.YES);
                }
                p.str("cookie-secret", s.cookieSecretAlias);
                if (n.getTimeout() != null) {
                    p.positive("timeout", n.getTimeout().getSeconds());
                }
                if (n.getReadahead() != null) {
                    p.positive("readahead", n.getReadahead().getSize());
                }
            }
            case ISCSI -> iscsi(p, s, n);
            case NBD -> {
                one(proto, hosts);
                p.str("driver", "nbd").value("server", socketAddress(proto, hosts.get(0)));
                p.str("export", name).str("tls-creds", s.tlsAlias).str("tls-hostname", n.getTlsHostname());
            }
            case RBD -> rbd(p, s, n);
            case SHEEPDOG -> {
                one(proto, hosts);
                p.str("driver", "sheepdog").value("server", socketAddress(proto, hosts.get(0))).str("vdi", name);
            }
            case SSH -> {
                one(proto, hosts);
                p.str("driver", "ssh").str("path", name).value("server", inet(proto, hosts.get(0)));
                p.str("user", s.auth != null ? s.authUsername
                        : n.getIdentity() == null ? null : n.getIdentity().getUser());
            }
            case NFS -> {
                p.str("driver", "nfs");
                p.value("server", new Props().str("host", hosts.get(0).getName()).str("type", "inet"));
                p.str("path", name);
                p.num("user", s.nfsUser).num("group", s.nfsGroup);
            }
        }
    }

    private static void one(DomainDiskSourceProtocol proto, List<DomainDiskSourceHost> hosts) {
        if (hosts.size() != 1) {
            String what = switch (proto) {
                case VXHS -> "VxHS";
                default -> proto.xml();
            };
            throw new ArgvException("internal error: " + what + " protocol accepts only one host");
        }
    }

    /** libvirt keeps gluster and rbd names as POOL/IMAGE. */
    private static String[] splitVolume(String name) {
        int i = name == null ? -1 : name.indexOf('/');
        if (i <= 0) {
            throw new ArgvException("XML error: can't split path '" + name + "' into pool name and image name");
        }
        return new String[] {name.substring(0, i), name.substring(i + 1)};
    }

    /** A QEMU SocketAddress: inet with the port as a string, or unix with the socket path. */
    private static Props socketAddress(DomainDiskSourceProtocol proto, DomainDiskSourceHost h) {
        DomainDiskSourceHostTransport t = h.getTransport() == null ? DomainDiskSourceHostTransport.TCP
                : h.getTransport();
        return switch (t) {
            case TCP -> new Props().str("type", "inet").str("host", h.getName())
                    .str("port", String.valueOf(port(proto, h)));
            case UNIX -> new Props().str("type", "unix").str("path", h.getSocket());
            case RDMA -> throw new ArgvException("internal error: transport protocol 'rdma' is not yet supported");
        };
    }

    /** A QEMU InetSocketAddress ({@code host}, {@code port} as a string); TCP only. */
    private static Props inet(DomainDiskSourceProtocol proto, DomainDiskSourceHost h) {
        if (h.getTransport() != null && h.getTransport() != DomainDiskSourceHostTransport.TCP) {
            throw new ArgvException("internal error: only TCP protocol can be converted to InetSocketAddress");
        }
        return new Props().str("host", h.getName()).str("port", String.valueOf(port(proto, h)));
    }

    /** The host's port, or the protocol's default (virStorageSourceNetworkDefaultPort); 0 when there is none. */
    static int port(DomainDiskSourceProtocol proto, DomainDiskSourceHost h) {
        if (h.getPort() != null && h.getPort() != 0) {
            return h.getPort();
        }
        return DiskSources.defaultPort(proto);
    }

    /** libvirt's qemuBlockStorageSourceGetURI for the curl drivers: scheme://host[:port]/path[?query]. */
    private static String url(DomainDiskSourceNetwork n) {
        List<DomainDiskSourceHost> hosts = n.getHosts();
        if (hosts.size() != 1) {
            throw new ArgvException("internal error: protocol '" + n.getProtocol().xml() + "' accepts only one host");
        }
        DomainDiskSourceHost h = hosts.get(0);
        StringBuilder b = new StringBuilder(n.getProtocol().xml()).append("://");
        String host = h.getName();
        b.append(host != null && host.contains(":") ? "[" + host + "]" : host);
        int port = port(n.getProtocol(), h);
        if (port > 0) {
            b.append(':').append(port);
        }
        String path = n.getName();
        if (path != null) {
            b.append(path.startsWith("/") ? "" : "/").append(path);
        }
        if (n.getQuery() != null) {
            b.append('?').append(n.getQuery());
        }
        return b.toString();
    }

    private static void iscsi(Props p, StorageSource s, DomainDiskSourceNetwork n) {
        String target = n.getName();
        long lun = 0;
        int slash = target.indexOf('/');
        if (slash >= 0) {
            String lunStr = target.substring(slash + 1);
            target = target.substring(0, slash);
            try {
                lun = Long.parseLong(lunStr);
            } catch (NumberFormatException e) {
                throw new ArgvException("internal error: cannot parse target for lunStr '" + target + "'");
            }
        }
        DomainDiskSourceHost h = n.getHosts().get(0);
        String host = h.getName();
        String portal = (host.contains(":") ? "[" + host + "]" : host) + ":" + port(n.getProtocol(), h);
        p.str("driver", "iscsi").str("portal", portal).str("target", target).num("lun", lun)
                .str("transport", "tcp");
        if (s.auth != null) {
            p.str("user", s.authUsername).str("password-secret", s.authSecretAlias);
        }
        if (n.getInitiator() != null && n.getInitiator().getIqn() != null) {
            p.str("initiator-name", n.getInitiator().getIqn().getName());
        }
    }

    private static void rbd(Props p, StorageSource s, DomainDiskSourceNetwork n) {
        String[] vp = splitVolume(n.getName());
        p.str("driver", "rbd").str("pool", vp[0]).str("image", vp[1]);
        if (n.getSnapshot() != null) {
            p.str("snapshot", n.getSnapshot().getName());
        }
        if (n.getConfig() != null) {
            p.str("conf", n.getConfig().getFile());
        }
        if (!n.getHosts().isEmpty()) {
            List<Object> servers = new ArrayList<>();
            for (DomainDiskSourceHost h : n.getHosts()) {
                servers.add(inet(n.getProtocol(), h).members());
            }
            p.value("server", servers);
        }
        if (s.encryption != null && s.encryption.getEngine() == DomainDiskEncryptionEngine.LIBRBD) {
            String f = s.encryption.getFormat() == DomainDiskEncryptionFormat.LUKS2 ? "luks2" : "luks";
            p.value("encrypt", new Props().str("format", f).str("key-secret", s.encryptionSecretAlias));
        }
        if (s.auth != null) {
            p.str("user", s.authUsername);
            p.value("auth-client-required", List.of("cephx", "none"));
            p.str("key-secret", s.authSecretAlias);
        }
    }

    /**
     * The raw node between the protocol node and the format node of a sliced non-raw image
     * (qemuBlockStorageSourceGetBlockdevStorageSliceProps); null when the image needs none.
     */
    public static Props slice(StorageSource s) {
        if (s.nodeSlice == null) {
            return null;
        }
        DomainDiskSourceSlice sl = s.storageSlice();
        Props p = Props.of("driver", "raw").str("node-name", s.nodeSlice).num("offset", nz(sl.getOffset()))
                .num("size", nz(sl.getSize())).str("file", s.nodeStorage).bool("auto-read-only", true)
                .str("discard", "unmap");
        cache(p, s);
        return p;
    }

    /**
     * The format node (qemuBlockStorageSourceGetBlockdevProps): node name, read-only, discard, detect-zeroes,
     * cache, the format driver and its options, the node below it, and the backing image or {@code null} for a
     * chain that ends there.
     */
    public static Props format(StorageSource s) {
        Props p = Props.of("node-name", s.nodeFormat).bool("read-only", s.readonly);
        p.str("discard", s.discard == null ? null : s.discard.xml());
        DomainDiskDetectZeroes dz = s.detectZeroes;
        // detect-zeroes 'unmap' only makes sense when discards are passed down; otherwise QEMU gets 'on'
        if (dz == DomainDiskDetectZeroes.UNMAP && s.discard != DomainDiskDiscard.UNMAP) {
            dz = DomainDiskDetectZeroes.ON;
        }
        p.str("detect-zeroes", dz == null ? null : dz.xml());
        cache(p, s);
        String f = s.format == null ? "none" : s.format;
        switch (f) {
            case "fat", "raw" -> {
                if (s.encryption != null && s.encryption.getEngine() != DomainDiskEncryptionEngine.LIBRBD
                        && s.encryption.getFormat() == DomainDiskEncryptionFormat.LUKS) {
                    if (s.encryptionSecretAlias == null) {
                        throw new ArgvException("internal error: missing secret info for 'luks' driver");
                    }
                    p.str("driver", "luks").str("key-secret", s.encryptionSecretAlias);
                } else {
                    p.str("driver", "raw");
                    DomainDiskSourceSlice sl = s.storageSlice();
                    if (sl != null) {
                        p.num("offset", nz(sl.getOffset())).num("size", nz(sl.getSize()));
                    }
                }
            }
            case "qcow2", "qcow" -> {
                p.str("driver", f);
                if (s.encryption != null && s.encryption.getEngine() != DomainDiskEncryptionEngine.LIBRBD
                        && s.encryptionSecretAlias != null) {
                    String ef = s.encryption.getFormat() == DomainDiskEncryptionFormat.QCOW ? "aes" : "luks";
                    p.value("encrypt", new Props().str("format", ef).str("key-secret", s.encryptionSecretAlias));
                }
                if (f.equals("qcow2")) {
                    p.positive("cache-size", s.metadataCacheMaxBytes);
                }
            }
            case "ploop" -> p.str("driver", "parallels");
            case "vhd" -> p.str("driver", "vhdx");
            case "bochs", "cloop", "dmg", "vdi", "vpc", "qed", "vmdk" -> p.str("driver", f);
            default -> throw new ArgvException("internal error: mishandled storage format '" + f + "'");
        }
        p.str("file", s.nodeSlice != null ? s.nodeSlice : s.nodeStorage);
        StorageSource b = s.backing;
        if (b != null) {
            if (s.formatHasBacking()) {
                if (b.isImage()) {
                    p.str("backing", b.nodeFormat);
                } else {
                    p.nullMember("backing");
                }
            } else if (b.isImage()) {
                throw new ArgvException("unsupported configuration: storage format '" + f
                        + "' does not support backing store");
            }
        }
        return p;
    }

    /** The copy-on-read filter on top of a disk's top format node (qemuBlockStorageGetCopyOnReadProps). */
    public static Props copyOnRead(String node, String formatNode) {
        return Props.of("driver", "copy-on-read").str("node-name", node).str("file", formatNode)
                .str("discard", "unmap");
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }
}
