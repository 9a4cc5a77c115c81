package org.virtxml.qemu.argv.frontend;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.model.devices.DomainChardevBackend;
import org.virtxml.model.devices.DomainChardevLog;
import org.virtxml.model.devices.DomainChardevProtocol;
import org.virtxml.model.devices.DomainChardevSource;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainParallel;
import org.virtxml.model.devices.DomainRedirdev;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.model.DomainReconnect;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Prepared;
import org.virtxml.qemu.argv.Props;

/**
 * Character device backends ({@code -chardev}), for every device that has one: serial, parallel, channel and
 * console ports, and also USB redirection, smartcard passthrough and the egd RNG backend of the other halves.
 * libvirt builds them in one place ({@code qemuBuildChardevCommand}): a TLS credentials object first when a TCP
 * backend uses TLS, then {@code -chardev TYPE,id=charALIAS,...} in the key=value form, with the log file last.
 *
 * <p>Callers build with {@link #add(BuildContext, Object, String)}: the device (as found in the domain) and the
 * chardev id ({@code char} + the device alias for most devices). The preparation step ({@code
 * ChardevPreparation}) has already worked out what libvirt fills in at start (unix socket paths of virtio
 * channels, TLS from qemu.conf); devices it did not see are described from their XML as is.
 */
public final class Chardevs {
    /** The key under which the prepared backends are kept in {@link Prepared}. */
    public static final String KEY = "frontend.chardevs";

    private Chardevs() {
    }

    /**
     * A character device backend as libvirt holds it (virDomainChrSourceDef) after preparation.
     *
     * @param type      the backend type
     * @param sources   the {@code <source>} elements (two for udp: connect and bind)
     * @param protocol  the TCP protocol ({@code raw}, {@code telnet}, ...), or null
     * @param log       the {@code <log>}, or null
     * @param spicevmc  the spicevmc channel name libvirt implies from the device ({@code vdagent}, {@code
     *                  smartcard}, {@code usbredir})
     * @param unixPath  the unix socket path after preparation (generated for virtio channels), or null
     * @param tls       whether a TCP backend uses TLS (the XML's {@code tls}, else qemu.conf's {@code chardev_tls})
     * @param listen    whether a socket backend listens ({@code mode='bind'}) rather than connects; a port on a
     *                  unix socket without a path listens on the one libvirt makes up
     */
    public record Source(DomainChardevType type, List<DomainChardevSource> sources, String protocol,
            DomainChardevLog log, String spicevmc, String unixPath, boolean tls, boolean listen) {

        /** Keeps the source list as given. */
        public Source {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        /** The first {@code <source>}, or null. */
        public DomainChardevSource first() {
            return sources.isEmpty() ? null : sources.get(0);
        }

        /** The same backend with another unix socket path. */
        public Source withUnixPath(String path) {
            return new Source(type, sources, protocol, log, spicevmc, path, tls, listen);
        }

        /** The same backend with TLS on or off. */
        public Source withTls(boolean on) {
            return new Source(type, sources, protocol, log, spicevmc, unixPath, on, listen);
        }
    }

    /**
     * The backend of a device as its XML describes it, or null when the device has none (an RNG without egd
     * backend, a smartcard in host mode). Accepts serial, parallel, channel, console, redirdev, smartcard and
     * egd RNG backends.
     */
    public static Source describe(Object device) {
        if (device instanceof DomainSmartcard d && d.getType() == null) {
            return null;
        }
        if (!(device instanceof DomainChardevBackend b)) {
            return null;
        }
        // the serial, parallel, channel and console ports are the devices whose sockets without a path listen
        boolean port = device instanceof DomainSerial || device instanceof DomainParallel
                || device instanceof DomainChannel || device instanceof DomainConsole;
        String spicevmc = device instanceof DomainChannel ? "vdagent"
                : device instanceof DomainRedirdev ? "usbredir"
                : device instanceof DomainSmartcard ? "smartcard" : null;
        return of(b.getType(), b.getSources(), b.getProtocol(), b.getLog(), spicevmc, port);
    }

    /**
     * A backend from its XML parts. {@code port} marks the serial/parallel/channel/console ports, whose unix
     * sockets without a path listen (libvirt's post-parse, which then generates the path).
     */
    private static Source of(DomainChardevType type, List<DomainChardevSource> sources, DomainChardevProtocol p,
            DomainChardevLog log, String spicevmc, boolean port) {
        DomainChardevSource first = sources == null || sources.isEmpty() ? null : sources.get(0);
        String path = type == DomainChardevType.UNIX && first != null ? first.getPath() : null;
        boolean tls = type == DomainChardevType.TCP && first != null && first.getTls() == YesNo.YES;
        boolean listen = first != null && "bind".equals(first.getMode())
                || port && type == DomainChardevType.UNIX && path == null;
        return new Source(type, sources, p == null ? null : p.getType(), log, spicevmc, path, tls, listen);
    }

    /** The backend of a device as prepared for start (see the class comment), or as its XML says. */
    public static Source source(Prepared p, Object device) {
        Map<Object, Source> prepared = p.get(KEY);
        if (prepared != null && prepared.containsKey(device)) {
            return prepared.get(device);
        }
        return describe(device);
    }

    /** Records the prepared backend of a device (preparation only). */
    public static void prepare(Prepared p, Object device, Source source) {
        Map<Object, Source> prepared = p.get(KEY);
        if (prepared == null) {
            prepared = new IdentityHashMap<>();
            p.put(KEY, prepared);
        }
        prepared.put(device, source);
    }

    /** Appends the backend of {@code device} as chardev {@code id} (with its TLS object when it needs one). */
    public static void add(BuildContext ctx, Object device, String id) {
        Source src = source(ctx.prepared(), device);
        if (src == null) {
            throw new ArgvException("internal error: no character device backend for " + id);
        }
        add(ctx, src, id);
    }

    /** Appends a backend as chardev {@code id} (with its TLS object when it needs one). */
    public static void add(BuildContext ctx, Source src, String id) {
        String tlsId = null;
        if (src.type() == DomainChardevType.TCP && src.tls()) {
            tlsId = "obj" + id + "_tls0";
            ctx.object(tlsObject(ctx, src.listen(), tlsId));
        }
        ctx.chardev(value(src, id, tlsId));
    }

    /**
     * The TLS credentials of a TCP backend (qemuBuildTLSx509BackendProps): qemu.conf's chardev certificate
     * directory, server end when listening; a client always verifies its peer, a server as qemu.conf says.
     */
    private static Props tlsObject(BuildContext ctx, boolean listen, String id) {
        var conf = ctx.caps().host().qemuConf();
        String dir = conf.setting("chardev_tls_x509_cert_dir");
        if (dir == null) {
            dir = conf.setting("default_tls_x509_cert_dir");
        }
        if (dir == null) {
            dir = "/etc/pki/qemu";
        }
        String verify = conf.setting("chardev_tls_x509_verify");
        if (verify == null) {
            verify = conf.setting("default_tls_x509_verify");
        }
        boolean verifyPeer = !listen || verify == null || !verify.strip().equals("0");
        return Props.object("tls-creds-x509", id).str("dir", dir).str("endpoint", listen ? "server" : "client")
                .bool("verify-peer", verifyPeer);
    }

    /** The {@code -chardev} value (libvirt's qemuBuildChardevStr). */
    static KeyValue value(Source src, String id, String tlsId) {
        DomainChardevSource s = src.first();
        String path = s == null ? null : s.getPath();
        String channel = s == null ? null : s.getChannel();
        KeyValue kv = switch (src.type()) {
            case NULL, VC, PTY, STDIO -> KeyValue.of(src.type().xml()).add("id", id);
            // a host device is QEMU's parallel backend for parallel ports, its serial one otherwise
            case DEV -> KeyValue.of(id.startsWith("charparallel") ? "parallel" : "serial").add("id", id)
                    .add("path", path);
            case FILE -> {
                KeyValue f = KeyValue.of("file").add("id", id).add("path", path);
                if (s != null && s.getAppend() != null) {
                    f.onOff("append", s.getAppend() == OnOff.ON);
                }
                yield f;
            }
            case PIPE -> KeyValue.of("pipe").add("id", id).add("path", path);
            case UDP -> udp(src, id);
            case TCP -> tcp(src, s, id, tlsId);
            case UNIX -> {
                KeyValue u = KeyValue.of("socket").add("id", id).add("path", src.unixPath());
                if (src.listen()) {
                    u.raw("server=on").raw("wait=off");
                }
                reconnect(u, s);
                yield u;
            }
            case SPICEVMC -> KeyValue.of("spicevmc").add("id", id).raw("name=" + src.spicevmc());
            case SPICEPORT -> KeyValue.of("spiceport").add("id", id).raw("name=" + nn(channel));
            case QEMU_VDAGENT -> vdagent(s, id);
            case DBUS -> KeyValue.of("dbus").add("id", id).raw("name=" + nn(channel));
            // nmdm is a FreeBSD null-modem pair, which QEMU has no backend for
            case NMDM -> throw new ArgvException("unsupported configuration: unsupported chardev 'nmdm'");
        };
        DomainChardevLog log = src.log();
        if (log != null && log.getFile() != null) {
            kv.add("logfile", log.getFile());
            if (log.getAppend() != null) {
                kv.onOff("logappend", log.getAppend() == OnOff.ON);
            }
        }
        return kv;
    }

    /** A TCP socket: host and service as given (libvirt does not double their commas), telnet, listening, TLS. */
    private static KeyValue tcp(Source src, DomainChardevSource s, String id, String tlsId) {
        KeyValue kv = KeyValue.of("socket").add("id", id).raw("host=" + nn(s == null ? null : s.getHost()))
                .raw("port=" + nn(s == null ? null : s.getService()));
        if ("telnet".equals(src.protocol())) {
            kv.raw("telnet=on");
        }
        if (src.listen()) {
            kv.raw("server=on").raw("wait=off");
        }
        reconnect(kv, s);
        if (tlsId != null) {
            kv.add("tls-creds", tlsId);
        }
        return kv;
    }

    /**
     * QEMU's own clipboard and mouse agent: clipboard sharing as the XML says, and the mouse mode (client: the
     * agent moves the guest pointer; server: QEMU does).
     */
    private static KeyValue vdagent(DomainChardevSource s, String id) {
        KeyValue kv = KeyValue.of("qemu-vdagent").add("id", id).raw("name=vdagent");
        if (s != null && s.getClipboard() != null && s.getClipboard().getCopypaste() != null) {
            kv.onOff("clipboard", s.getClipboard().getCopypaste() == YesNo.YES);
        }
        String mouse = s == null || s.getMouse() == null ? null : s.getMouse().getMode();
        if ("client".equals(mouse)) {
            kv.raw("mouse=on");
        } else if ("server".equals(mouse)) {
            kv.raw("mouse=off");
        }
        return kv;
    }

    /**
     * udp: the connect end ({@code host}/{@code port}) and the bind end ({@code localaddr}/{@code localport},
     * port 0 when unset), each from the first {@code <source>} of its mode.
     */
    private static KeyValue udp(Source src, String id) {
        DomainChardevSource connect = null;
        DomainChardevSource bind = null;
        for (DomainChardevSource s : src.sources()) {
            boolean isBind = "bind".equals(s.getMode());
            if (isBind && bind == null) {
                bind = s;
            } else if (!isBind && connect == null) {
                connect = s;
            }
        }
        String bindService = bind == null || bind.getService() == null ? "0" : bind.getService();
        return KeyValue.of("udp").add("id", id)
                .raw("host=" + nn(connect == null ? null : connect.getHost()))
                .raw("port=" + nn(connect == null ? null : connect.getService()))
                .raw("localaddr=" + nn(bind == null ? null : bind.getHost()))
                .raw("localport=" + bindService);
    }

    private static void reconnect(KeyValue kv, DomainChardevSource s) {
        DomainReconnect r = s == null ? null : s.getReconnect();
        if (r == null || r.getEnabled() == null) {
            return;
        }
        kv.raw("reconnect=" + (r.getEnabled() == YesNo.YES ? (r.getTimeout() == null ? 0 : r.getTimeout()) : 0));
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
