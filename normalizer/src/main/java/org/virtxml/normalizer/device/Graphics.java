package org.virtxml.normalizer.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsDbus;
import org.virtxml.model.devices.DomainGraphicsDesktop;
import org.virtxml.model.devices.DomainGraphicsEglHeadless;
import org.virtxml.model.devices.DomainGraphicsGl;
import org.virtxml.model.devices.DomainGraphicsListen;
import org.virtxml.model.devices.DomainGraphicsListenType;
import org.virtxml.model.devices.DomainGraphicsRdp;
import org.virtxml.model.devices.DomainGraphicsSdl;
import org.virtxml.model.devices.DomainGraphicsSpice;
import org.virtxml.model.devices.DomainGraphicsSpiceChannel;
import org.virtxml.model.devices.DomainGraphicsVnc;
import org.virtxml.normalizer.NormalizeException;

/**
 * Graphics as libvirt reads and writes them: the legacy {@code listen}/{@code socket} attributes become a first
 * {@code <listen>} element (and the first listen address is echoed back as the attribute), automatic ports are
 * written as {@code port='-1' autoport='yes'} for VNC, passwords are not written, and a SPICE server without any
 * port listens nowhere ({@code <listen type='none'/>}).
 */
final class Graphics {
    /** SPICE channel names in libvirt's order, which is the order they are written in. */
    private static final List<String> SPICE_CHANNELS =
            List.of("main", "display", "inputs", "cursor", "playback", "record", "smartcard", "usbredir");

    private static final List<String> SPICE_CHANNEL_MODES = List.of("any", "secure", "insecure");

    private Graphics() {
    }

    /** The parser's conversions. */
    static void parse(DomainGraphics g) {
        // only VNC, SPICE and RDP have their <listen> elements read, and each must say its type
        List<DomainGraphicsListen> listens = g instanceof DomainGraphicsVnc vnc ? vnc.getListens()
                : g instanceof DomainGraphicsSpice spice ? spice.getListens()
                : g instanceof DomainGraphicsRdp rdp ? rdp.getListens() : List.of();
        for (DomainGraphicsListen l : listens) {
            if (l.getType() == null) {
                throw NormalizeException.xmlError("Missing required attribute 'type' in element 'listen'", l);
            }
        }
        if (g instanceof DomainGraphicsVnc v) {
            parseVnc(v);
        } else if (g instanceof DomainGraphicsSpice s) {
            parseSpice(s);
        } else if (g instanceof DomainGraphicsSdl s) {
            s.setFullscreen(yesOnly(s.getFullscreen()));
            // SDL has no network listener
            s.getListens().clear();
        } else if (g instanceof DomainGraphicsRdp r) {
            parseRdp(r);
        } else if (g instanceof DomainGraphicsDesktop d) {
            d.setFullscreen(yesOnly(d.getFullscreen()));
            d.getListens().clear();
        } else if (g instanceof DomainGraphicsEglHeadless e) {
            // only the render node of <gl> means anything for egl-headless
            if (e.getGl() != null) {
                String node = e.getGl().getRendernode();
                e.setGl(null);
                if (node != null) {
                    DomainGraphicsGl gl = new DomainGraphicsGl();
                    gl.setRendernode(node);
                    e.setGl(gl);
                }
            }
            e.getListens().clear();
        } else if (g instanceof DomainGraphicsDbus d) {
            d.setP2p(yesOnly(d.getP2p()));
            d.getListens().clear();
        }
    }

    private static YesNo yesOnly(YesNo v) {
        return v == YesNo.YES ? YesNo.YES : null;
    }

    private static void parseVnc(DomainGraphicsVnc v) {
        // libvirt's parser reads the validity and the connected policy only next to a password
        if (v.getPasswd() == null) {
            v.setPasswdValidTo(null);
            v.setConnected(null);
        }
        String socket = v.getSocket();
        v.setSocket(null);
        parseListens(v.getListens(), v.getListen(), socket);
        v.setListen(null);
        Integer port = v.getPort();
        boolean autoport;
        if (port == null) {
            port = 0;
            autoport = true;
        } else if (port == -1) {
            // the old spelling of an automatic port; an inactive definition keeps no port number
            port = 0;
            autoport = true;
        } else {
            autoport = false;
        }
        if (v.getAutoport() != null) {
            autoport = v.getAutoport() == YesNo.YES;
            if (autoport) {
                port = 0;
            }
        }
        if ("default".equals(v.getConnected())) {
            v.setConnected(null);
        }
        DomainGraphicsListen first = v.getListens().get(0);
        v.setPort(null);
        v.setAutoport(null);
        v.setListen(null);
        switch (first.getType()) {
            case SOCKET -> v.setSocket(first.getSocket());
            case ADDRESS, NETWORK -> {
                if (port != 0 && !autoport) {
                    v.setPort(port);
                } else if (autoport) {
                    v.setPort(-1);
                }
                v.setAutoport(autoport ? YesNo.YES : YesNo.NO);
                if (first.getType() == DomainGraphicsListenType.ADDRESS) {
                    v.setListen(first.getAddress());
                }
            }
            case NONE -> {
                // nothing is written for a server that does not listen
            }
        }
        if (v.getWebsocket() != null && v.getWebsocket() == 0) {
            v.setWebsocket(null);
        }
    }

    /**
     * What the formatter leaves out of an ordinary (not {@code --security-info}) dump: the password. Its validity
     * and connected policy stay, as libvirt prints them; defining that output again drops them, as libvirt does.
     */
    static void hideSecrets(DomainGraphics g) {
        if (g instanceof DomainGraphicsVnc v) {
            v.setPasswd(null);
        } else if (g instanceof DomainGraphicsSpice s) {
            s.setPasswd(null);
        }
    }

    private static void parseSpice(DomainGraphicsSpice s) {
        // libvirt's parser reads the validity and the connected policy only next to a password
        if (s.getPasswd() == null) {
            s.setPasswdValidTo(null);
            s.setConnected(null);
        }
        parseListens(s.getListens(), s.getListen(), null);
        int port = s.getPort() == null ? 0 : s.getPort();
        int tlsPort = s.getTlsPort() == null ? 0 : s.getTlsPort();
        boolean autoport = s.getAutoport() == YesNo.YES;
        if (port == -1 && tlsPort == -1) {
            autoport = true;
        }
        if (autoport) {
            port = 0;
            tlsPort = 0;
        }
        s.setPort(port == 0 ? null : port);
        s.setTlsPort(tlsPort == 0 ? null : tlsPort);
        s.setAutoport(autoport ? YesNo.YES : YesNo.NO);
        if ("default".equals(s.getConnected())) {
            s.setConnected(null);
        }
        if ("any".equals(s.getDefaultMode())) {
            s.setDefaultMode(null);
        }
        // one mode per channel name, the last one read wins, written in libvirt's channel order
        List<DomainGraphicsSpiceChannel> channels = new ArrayList<>();
        for (DomainGraphicsSpiceChannel c : s.getChannels()) {
            // both are required enums (virDomainGraphicsDefParseXMLSpice), the name read first
            requiredEnum("name", c.getName(), SPICE_CHANNELS, c);
            requiredEnum("mode", c.getMode(), SPICE_CHANNEL_MODES, c);
        }
        for (DomainGraphicsSpiceChannel c : s.getChannels()) {
            channels.removeIf(o -> o.getName().equals(c.getName()));
            if (!"any".equals(c.getMode())) {
                channels.add(c);
            }
        }
        channels.sort(Comparator.comparingInt(c -> SPICE_CHANNELS.indexOf(c.getName())));
        s.getChannels().clear();
        s.getChannels().addAll(channels);
        spiceAttributes(s);
    }

    private static void requiredEnum(String attribute, String value, List<String> values,
            DomainGraphicsSpiceChannel c) {
        if (value == null) {
            throw NormalizeException.xmlError("Missing required attribute '" + attribute + "' in element 'channel'", c);
        }
        if (!values.contains(value)) {
            throw NormalizeException.xmlError("Invalid value for attribute '" + attribute + "' in element 'channel': '"
                    + value + "'.", c);
        }
    }

    /** Writes the port attributes of a SPICE server from its first listen, as the formatter does. */
    static void spiceAttributes(DomainGraphicsSpice s) {
        DomainGraphicsListen first = s.getListens().get(0);
        switch (first.getType()) {
            case ADDRESS, NETWORK -> {
                if (s.getAutoport() == null) {
                    s.setAutoport(YesNo.NO);
                }
                s.setListen(first.getType() == DomainGraphicsListenType.ADDRESS ? first.getAddress() : null);
            }
            case NONE, SOCKET -> {
                s.setPort(null);
                s.setTlsPort(null);
                s.setAutoport(null);
                s.setListen(null);
            }
        }
    }

    private static void parseRdp(DomainGraphicsRdp r) {
        parseListens(r.getListens(), r.getListen(), null);
        Integer port = r.getPort();
        boolean autoport = false;
        if (port == null) {
            port = 0;
            autoport = true;
        } else if (port == -1) {
            autoport = true;
        }
        if (r.getAutoport() == YesNo.YES) {
            autoport = true;
        }
        if (autoport) {
            port = 0;
        }
        r.setPort(port != 0 ? port : autoport ? 0 : null);
        r.setAutoport(autoport ? YesNo.YES : null);
        r.setReplaceUser(yesOnly(r.getReplaceUser()));
        r.setMultiUser(yesOnly(r.getMultiUser()));
        DomainGraphicsListen first = r.getListens().get(0);
        r.setListen(first.getType() == DomainGraphicsListenType.NETWORK ? null : first.getAddress());
    }

    /**
     * The listens of a server: the {@code <listen>} elements, or one made from the legacy attributes; the first
     * address listen without an address takes the {@code listen} attribute, and a {@code socket} attribute
     * replaces a first address or network listen.
     */
    private static void parseListens(List<DomainGraphicsListen> listens, String listenAttr, String socketAttr) {
        if (listenAttr != null && listenAttr.isEmpty()) {
            listenAttr = null;
        }
        for (int i = 0; i < listens.size(); i++) {
            DomainGraphicsListen l = listens.get(i);
            if (i == 0 && l.getType() == DomainGraphicsListenType.ADDRESS && l.getAddress() == null) {
                l.setAddress(listenAttr);
            }
            if (i == 0 && l.getType() == DomainGraphicsListenType.SOCKET && l.getSocket() == null) {
                l.setSocket(socketAttr);
            }
            if (l.getAddress() != null && (l.getAddress().isEmpty() || l.getType() != DomainGraphicsListenType.ADDRESS)) {
                // a network listen's address is the run-time resolution; an inactive definition drops it
                l.setAddress(null);
            }
            if (l.getNetwork() != null && l.getNetwork().isEmpty()) {
                l.setNetwork(null);
            }
            if (l.getSocket() != null && l.getSocket().isEmpty()) {
                l.setSocket(null);
            }
        }
        DomainGraphicsListen made = new DomainGraphicsListen();
        if (socketAttr != null) {
            made.setType(DomainGraphicsListenType.SOCKET);
            made.setSocket(socketAttr);
        } else {
            made.setType(DomainGraphicsListenType.ADDRESS);
            made.setAddress(listenAttr);
        }
        if (listens.isEmpty()) {
            listens.add(made);
        } else if ((listens.get(0).getType() == DomainGraphicsListenType.ADDRESS
                || listens.get(0).getType() == DomainGraphicsListenType.NETWORK)
                && made.getType() == DomainGraphicsListenType.SOCKET) {
            listens.set(0, made);
        }
    }

    /** The listens of any graphics type (the types without listens have none). */
    static List<DomainGraphicsListen> listens(DomainGraphics g) {
        if (g instanceof DomainGraphicsVnc v) {
            return v.getListens();
        } else if (g instanceof DomainGraphicsSpice s) {
            return s.getListens();
        } else if (g instanceof DomainGraphicsRdp r) {
            return r.getListens();
        }
        return List.of();
    }

    /** The type attribute's value. */
    static String type(DomainGraphics g) {
        if (g instanceof DomainGraphicsVnc) {
            return "vnc";
        } else if (g instanceof DomainGraphicsSpice) {
            return "spice";
        } else if (g instanceof DomainGraphicsRdp) {
            return "rdp";
        } else if (g instanceof DomainGraphicsSdl) {
            return "sdl";
        } else if (g instanceof DomainGraphicsDesktop) {
            return "desktop";
        } else if (g instanceof DomainGraphicsEglHeadless) {
            return "egl-headless";
        } else if (g instanceof DomainGraphicsDbus) {
            return "dbus";
        }
        throw new IllegalStateException("unknown graphics " + g.getClass());
    }

    /** Whether QEMU offers this display (the graphics types of domcapabilities; never RDP or desktop). */
    static boolean supported(DomainGraphics g, GuestPlatform p) {
        if (g instanceof DomainGraphicsVnc) {
            return p.has(QemuCapability.VNC);
        } else if (g instanceof DomainGraphicsSpice) {
            return p.has(QemuCapability.SPICE);
        } else if (g instanceof DomainGraphicsSdl) {
            return p.has(QemuCapability.SDL);
        } else if (g instanceof DomainGraphicsEglHeadless) {
            return p.has(QemuCapability.EGL_HEADLESS);
        } else if (g instanceof DomainGraphicsDbus) {
            return p.has(QemuCapability.DISPLAY_DBUS);
        }
        return false;
    }

    /** virDomainDefPostParseGraphics: SPICE without ports and without autoport listens nowhere. */
    static void postParse(DomainGraphics g) {
        if (g instanceof DomainGraphicsSpice s) {
            DomainGraphicsListen first = s.getListens().get(0);
            if (first.getType() == DomainGraphicsListenType.ADDRESS && s.getPort() == null
                    && s.getTlsPort() == null && s.getAutoport() != YesNo.YES) {
                first.setAddress(null);
                first.setType(DomainGraphicsListenType.NONE);
                spiceAttributes(s);
            }
        }
    }
}
