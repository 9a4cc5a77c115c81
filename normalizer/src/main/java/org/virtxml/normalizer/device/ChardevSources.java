package org.virtxml.normalizer.device;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.DomainReconnect;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainChardevBackend;
import org.virtxml.model.devices.DomainChardevLog;
import org.virtxml.model.devices.DomainChardevProtocol;
import org.virtxml.model.devices.DomainChardevSource;
import org.virtxml.model.devices.DomainChardevType;

/**
 * The host side of a character device as libvirt keeps it (one virDomainChrSourceDef) and writes it back: only
 * the attributes the chardev type uses, UDP's bind source before its connect source, TCP always with a mode and a
 * {@code <protocol>}, no source for a pseudo terminal of an inactive definition.
 */
final class ChardevSources {
    private ChardevSources() {
    }

    /** The effective chardev type: {@code pty} when the element names none. */
    static DomainChardevType type(DomainChardevType t) {
        return t == null ? DomainChardevType.PTY : t;
    }

    /**
     * Rewrites the sources and the protocol of a host side for a chardev of {@code type}, as an inactive parse
     * followed by a format produces them.
     */
    static void normalize(DomainChardevType type, DomainChardevBackend host) {
        List<DomainChardevSource> sources = host.getSources();
        DomainChardevProtocol protocol = host.getProtocol();
        DomainChardevLog log = host.getLog();
        DomainChardevSource first = sources.isEmpty() ? null : sources.get(0);
        if (first != null) {
            Seclabels.normalize(first.getSeclabels());
        }
        List<DomainChardevSource> out = new ArrayList<>();
        DomainChardevProtocol proto = null;
        switch (type) {
            case NULL, VC, STDIO, SPICEVMC -> {
                // nothing on the host side to describe
            }
            case PTY -> {
                // the pty path is allocated at start-up; an inactive definition has none
            }
            case QEMU_VDAGENT -> {
                if (first != null && (first.getClipboard() != null || first.getMouse() != null)) {
                    DomainChardevSource s = new DomainChardevSource();
                    s.setClipboard(first.getClipboard());
                    s.setMouse(first.getMouse());
                    out.add(s);
                }
            }
            case DEV, FILE, PIPE -> {
                if (first != null && (first.getPath() != null || !first.getSeclabels().isEmpty())) {
                    DomainChardevSource s = new DomainChardevSource();
                    s.setPath(first.getPath());
                    if (type == DomainChardevType.FILE) {
                        s.setAppend(first.getAppend());
                    }
                    s.getSeclabels().addAll(first.getSeclabels());
                    out.add(s);
                }
            }
            case NMDM -> {
                if (first != null) {
                    DomainChardevSource s = new DomainChardevSource();
                    s.setMaster(first.getMaster());
                    s.setSlave(first.getSlave());
                    out.add(s);
                }
            }
            case UDP -> udp(sources, out);
            case TCP -> {
                DomainChardevSource s = new DomainChardevSource();
                if (first != null) {
                    s.setMode("bind".equals(first.getMode()) ? "bind" : "connect");
                    s.setHost(first.getHost());
                    s.setService(first.getService());
                    s.setTls(first.getTls());
                    s.setReconnect(reconnect(first.getReconnect()));
                } else {
                    s.setMode("connect");
                }
                out.add(s);
                proto = new DomainChardevProtocol();
                proto.setType(protocol == null || protocol.getType() == null ? "raw" : protocol.getType());
            }
            case UNIX -> {
                // kept even without a path until the definition is written: the checks still look at its mode and
                // reconnect policy (see pruneForFormat)
                if (first != null) {
                    DomainChardevSource s = new DomainChardevSource();
                    s.setMode("bind".equals(first.getMode()) ? "bind" : "connect");
                    s.setPath(first.getPath());
                    s.getSeclabels().addAll(first.getSeclabels());
                    s.setReconnect(reconnect(first.getReconnect()));
                    out.add(s);
                }
            }
            case SPICEPORT, DBUS -> {
                if (first != null && first.getChannel() != null) {
                    DomainChardevSource s = new DomainChardevSource();
                    s.setChannel(first.getChannel());
                    out.add(s);
                }
            }
        }
        sources.clear();
        sources.addAll(out);
        host.setProtocol(proto);
        if (log != null && log.getFile() == null) {
            log.setAppend(null);
        }
    }

    /**
     * What the formatter leaves out of a source kept for the checks: a UNIX socket without a path (libvirt
     * generates one when the guest starts) is not written at all.
     */
    static void pruneForFormat(DomainChardevBackend host) {
        List<DomainChardevSource> sources = host.getSources();
        if (host.getType() == DomainChardevType.UNIX && !sources.isEmpty() && sources.get(0).getPath() == null) {
            sources.clear();
        }
    }

    /** UDP keeps one bind and one connect end (the first of each that names something), bind first. */
    private static void udp(List<DomainChardevSource> sources, List<DomainChardevSource> out) {
        DomainChardevSource bind = null;
        DomainChardevSource connect = null;
        for (int i = 0; i < Math.min(2, sources.size()); i++) {
            DomainChardevSource s = sources.get(i);
            if ("bind".equals(s.getMode())) {
                if (bind == null) {
                    bind = s;
                }
            } else if (connect == null) {
                connect = s;
            }
        }
        for (DomainChardevSource s : new DomainChardevSource[] {bind, connect}) {
            if (s != null && (s.getHost() != null || s.getService() != null)) {
                DomainChardevSource c = new DomainChardevSource();
                c.setMode(s == bind ? "bind" : "connect");
                c.setHost(s.getHost());
                c.setService(s.getService());
                out.add(c);
            }
        }
    }

    /** A reconnect policy: the timeout only matters when reconnecting is enabled. */
    private static DomainReconnect reconnect(DomainReconnect r) {
        if (r == null || r.getEnabled() == null) {
            return null;
        }
        if (r.getEnabled() != YesNo.YES) {
            r.setTimeout(null);
        }
        return r;
    }
}
