package org.virtxml.qemu.argv;

import java.util.List;
import org.virtxml.caps.HostFacts;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsDbus;
import org.virtxml.model.devices.DomainGraphicsEglHeadless;
import org.virtxml.model.devices.DomainGraphicsGl;
import org.virtxml.model.devices.DomainGraphicsListen;
import org.virtxml.model.devices.DomainGraphicsListenType;
import org.virtxml.model.devices.DomainGraphicsSdl;
import org.virtxml.model.devices.DomainGraphicsSpice;
import org.virtxml.model.devices.DomainGraphicsSpiceChannel;
import org.virtxml.model.devices.DomainGraphicsVnc;
import org.virtxml.qemu.argv.frontend.Displays;

/**
 * Preparation step for libvirt's qemuProcessSetupGraphics in a pretend start: listen addresses from qemu.conf
 * ({@code vnc_listen}/{@code spice_listen}, or a unix socket in the domain's directory with
 * {@code *_auto_unix_socket}), generated socket paths, the fixed ports a pretend start uses instead of allocating
 * (VNC 5900, SPICE 5901 and 5902), and render nodes. The results are {@link Displays}.
 */
final class GraphicsPreparation implements PrepareStep {
    /** The port libvirt assumes for VNC with autoport when it does not allocate one. */
    private static final int VNC_PRETEND_PORT = 5900;
    /** The plain and TLS ports libvirt assumes for SPICE when it does not allocate them. */
    private static final int SPICE_PRETEND_PORT = 5901;
    private static final int SPICE_PRETEND_TLS_PORT = 5902;

    @Override
    public void prepare(Prepared p) {
        DomainDevices devices = p.domain().getDevices();
        if (devices == null) {
            return;
        }
        HostFacts.QemuConf conf = p.caps().host().qemuConf();
        for (DomainGraphics g : devices.getGraphics()) {
            // the render node first, as libvirt picks it before it looks at listens
            String rendernode = rendernode(p, g);
            if (g instanceof DomainGraphicsVnc vnc) {
                Displays d = listen(p, "vnc", vnc.getListens(), conf);
                int port = vnc.getAutoport() == YesNo.YES ? VNC_PRETEND_PORT : nz(vnc.getPort());
                Displays.put(p, g, new Displays(d.listenType(), d.address(), d.socket(), port, 0,
                        nz(vnc.getWebsocket()), null));
            } else if (g instanceof DomainGraphicsSpice spice) {
                Displays d = listen(p, "spice", spice.getListens(), conf);
                int port = nz(spice.getPort());
                int tlsPort = nz(spice.getTlsPort());
                if (d.listenType() == DomainGraphicsListenType.ADDRESS
                        || d.listenType() == DomainGraphicsListenType.NETWORK) {
                    boolean[] need = spicePorts(spice, flag(conf.setting("spice_tls")) || conf.spiceTls());
                    if (need[0] || port == -1) {
                        port = SPICE_PRETEND_PORT;
                    }
                    if (need[1] || tlsPort == -1) {
                        tlsPort = SPICE_PRETEND_TLS_PORT;
                    }
                }
                Displays.put(p, g, new Displays(d.listenType(), d.address(), d.socket(), port, tlsPort, 0,
                        rendernode));
            } else if (g instanceof DomainGraphicsEglHeadless || g instanceof DomainGraphicsDbus) {
                Displays.put(p, g, new Displays(DomainGraphicsListenType.NONE, null, null, 0, 0, 0, rendernode));
            } else if (g instanceof DomainGraphicsSdl) {
                Displays.put(p, g, new Displays(DomainGraphicsListenType.NONE, null, null, 0, 0, 0, null));
            }
        }
    }

    /**
     * The first listen as qemuProcessGraphicsSetupListen settles it: an address listen without address takes
     * qemu.conf's listen address, or a socket in the domain directory when {@code *_auto_unix_socket} is on;
     * a socket listen without path gets {@code LIBDIR/TYPE.sock}.
     */
    private static Displays listen(Prepared p, String type, List<DomainGraphicsListen> listens,
            HostFacts.QemuConf conf) {
        if (listens.isEmpty()) {
            return new Displays(DomainGraphicsListenType.NONE, null, null, 0, 0, 0, null);
        }
        DomainGraphicsListen l = listens.get(0);
        DomainGraphicsListenType lt = l.getType() == null ? DomainGraphicsListenType.ADDRESS : l.getType();
        String listenAddr = conf.setting(type + "_listen");
        if (listenAddr == null) {
            listenAddr = "127.0.0.1";
        }
        boolean autoSocket = flag(conf.setting(type + "_auto_unix_socket"));
        String sock = p.libDir() + "/" + type + ".sock";
        return switch (lt) {
            case ADDRESS -> {
                if (l.getAddress() != null) {
                    yield new Displays(DomainGraphicsListenType.ADDRESS, l.getAddress(), null, 0, 0, 0, null);
                }
                yield autoSocket ? new Displays(DomainGraphicsListenType.SOCKET, null, sock, 0, 0, 0, null)
                        : new Displays(DomainGraphicsListenType.ADDRESS, listenAddr, null, 0, 0, 0, null);
            }
            case NETWORK -> {
                if (l.getAddress() != null) {
                    yield new Displays(DomainGraphicsListenType.NETWORK, l.getAddress(), null, 0, 0, 0, null);
                }
                yield new Displays(DomainGraphicsListenType.NETWORK, networkAddress(p, l.getNetwork()), null, 0, 0, 0, null);
            }
            case SOCKET -> new Displays(DomainGraphicsListenType.SOCKET, null, l.getSocket() != null ? l.getSocket() : sock, 0, 0, 0,
                    null);
            case NONE -> new Displays(DomainGraphicsListenType.NONE, null, null, 0, 0, 0, null);
        };
    }

    /** The address of one of the host's virtual networks (qemuProcessGetNetworkAddress). */
    private static String networkAddress(Prepared p, String network) {
        String address = p.caps().host().networks().get(network);
        if (address == null) {
            throw new ArgvException("Network not found: no network with matching name '" + network + "'");
        }
        if (address.isEmpty()) {
            throw new ArgvException("internal error: network '" + network + "' doesn't have an IP address");
        }
        return address;
    }

    /**
     * Which SPICE ports autoport needs (plain, TLS): a channel or the default mode asking for secure needs TLS,
     * insecure the plain port; mode 'any' means plain, and TLS too when qemu.conf enables it.
     */
    private static boolean[] spicePorts(DomainGraphicsSpice spice, boolean tlsEnabled) {
        boolean needPort = false;
        boolean needTls = false;
        if (spice.getAutoport() != YesNo.YES) {
            return new boolean[] {false, false};
        }
        for (DomainGraphicsSpiceChannel c : spice.getChannels()) {
            if ("secure".equals(c.getMode())) {
                needTls = true;
            } else if ("insecure".equals(c.getMode())) {
                needPort = true;
            }
        }
        String mode = spice.getDefaultMode() == null ? "any" : spice.getDefaultMode();
        switch (mode) {
            case "secure" -> needTls = true;
            case "insecure" -> needPort = true;
            default -> {
                needTls |= tlsEnabled;
                needPort = true;
            }
        }
        return new boolean[] {needPort, needTls};
    }

    /**
     * The render node of an OpenGL display (qemuProcessGraphicsSetupRenderNode): the XML's, or the host's first
     * for SPICE and D-Bus with OpenGL on and for egl-headless, when QEMU can be told one.
     */
    private static String rendernode(Prepared p, DomainGraphics g) {
        DomainGraphicsGl gl;
        boolean wantsGl;
        boolean capable;
        if (g instanceof DomainGraphicsSpice spice) {
            gl = spice.getGl();
            wantsGl = gl != null && gl.getEnable() == YesNo.YES;
            capable = p.caps().has(QemuCapability.SPICE_RENDERNODE);
        } else if (g instanceof DomainGraphicsEglHeadless egl) {
            gl = egl.getGl();
            wantsGl = true;
            capable = p.caps().has(QemuCapability.EGL_HEADLESS_RENDERNODE);
        } else if (g instanceof DomainGraphicsDbus dbus) {
            gl = dbus.getGl();
            wantsGl = gl != null && gl.getEnable() == YesNo.YES;
            capable = true;
        } else {
            return null;
        }
        if (gl != null && gl.getRendernode() != null) {
            return gl.getRendernode();
        }
        return wantsGl && capable ? Displays.autoRenderNode(p) : null;
    }

    /** A qemu.conf boolean: set and not 0. */
    private static boolean flag(String v) {
        return v != null && !v.strip().equals("0");
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
