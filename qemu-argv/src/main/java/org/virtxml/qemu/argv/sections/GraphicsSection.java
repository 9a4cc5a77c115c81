package org.virtxml.qemu.argv.sections;

import java.util.List;
import org.virtxml.caps.HostFacts;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsDbus;
import org.virtxml.model.devices.DomainGraphicsEglHeadless;
import org.virtxml.model.devices.DomainGraphicsGl;
import org.virtxml.model.devices.DomainGraphicsSdl;
import org.virtxml.model.devices.DomainGraphicsSpice;
import org.virtxml.model.devices.DomainGraphicsSpiceChannel;
import org.virtxml.model.devices.DomainGraphicsVnc;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.AudioIds;
import org.virtxml.qemu.argv.frontend.Displays;

/**
 * The part of the command line libvirt builds in {@code qemuBuildGraphicsCommandLine}: per {@code <graphics>}
 * {@code -vnc} (display number, websocket, share policy, password, TLS, power control, audio backend),
 * {@code -spice} (ports or socket, ticketing, TLS channels, compression, clipboard, OpenGL), or {@code -display}
 * for SDL, egl-headless and D-Bus; {@code -k} for a keymap.
 */
public final class GraphicsSection implements Section {
    /** VNC display numbers count from this port. */
    private static final int VNC_BASE_PORT = 5900;
    /** libvirt's D-Bus state directory for system domains (its run state directory + /dbus). */
    private static final String DBUS_STATE_DIR = "/run/libvirt/qemu/dbus";
    /** SPICE channel names in libvirt's order (virDomainGraphicsSpiceChannelName), which the options follow. */
    private static final List<String> SPICE_CHANNELS = List.of("main", "display", "inputs", "cursor", "playback",
            "record", "smartcard", "usbredir");

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainGraphics g : ctx.domain().getDevices().getGraphics()) {
            if (g instanceof DomainGraphicsSdl sdl) {
                sdl(ctx, sdl);
            } else if (g instanceof DomainGraphicsVnc vnc) {
                vnc(ctx, vnc, Displays.of(ctx.prepared(), g));
            } else if (g instanceof DomainGraphicsSpice spice) {
                spice(ctx, spice, Displays.of(ctx.prepared(), g));
            } else if (g instanceof DomainGraphicsEglHeadless egl) {
                Displays d = Displays.of(ctx.prepared(), g);
                ctx.add("-display", KeyValue.of("egl-headless").add("rendernode", d.rendernode()));
            } else if (g instanceof DomainGraphicsDbus dbus) {
                dbus(ctx, dbus, Displays.of(ctx.prepared(), g));
            } else {
                // rdp and desktop have no QEMU counterpart; libvirt fails without a message of its own
                throw new ArgvException("An error occurred, but the cause is unknown");
            }
        }
    }

    private static void sdl(BuildContext ctx, DomainGraphicsSdl sdl) {
        // the SDL window opens on the X display of the user's session
        if (sdl.getXauth() != null) {
            ctx.cmd().env("XAUTHORITY", sdl.getXauth());
        }
        if (sdl.getDisplay() != null) {
            ctx.cmd().env("DISPLAY", sdl.getDisplay());
        }
        if (sdl.getFullscreen() == YesNo.YES) {
            ctx.add("-full-screen");
        }
        KeyValue kv = KeyValue.of("sdl");
        if (sdl.getGl() != null && sdl.getGl().getEnable() != null) {
            kv.onOff("gl", sdl.getGl().getEnable() == YesNo.YES);
        }
        ctx.add("-display", kv);
    }

    private static void vnc(BuildContext ctx, DomainGraphicsVnc vnc, Displays d) {
        HostFacts.QemuConf conf = ctx.caps().host().qemuConf();
        String audio = AudioIds.forDevice(ctx.domain(), vnc.getAudio());
        KeyValue kv = KeyValue.create();
        switch (d.listenType()) {
            case SOCKET -> kv.raw("vnc=unix:" + KeyValue.escape(d.socket()));
            case ADDRESS, NETWORK -> {
                if (vnc.getAutoport() != YesNo.YES && (d.port() < VNC_BASE_PORT || d.port() > 65535)) {
                    throw new ArgvException("unsupported configuration: vnc port must be in range [5900,65535]");
                }
                String addr = d.address() == null ? "" : d.address().indexOf(':') >= 0 ? "[" + d.address() + "]"
                        : d.address();
                kv.raw(addr + ":" + (d.port() - VNC_BASE_PORT));
                if (d.websocket() != 0) {
                    kv.raw("websocket=" + d.websocket());
                }
            }
            case NONE -> kv.raw("none");
        }
        if (vnc.getSharePolicy() != null) {
            kv.raw("share=" + vnc.getSharePolicy());
        }
        // a password's expiry is only written with the password, so it stands for it in dumped XML
        if (vnc.getPasswd() != null || vnc.getPasswdValidTo() != null || conf.setting("vnc_password") != null) {
            kv.raw("password=on");
        }
        if (conf.vncTls()) {
            String alias = "vnc-tls-creds0";
            ctx.object(tlsObject(conf, "vnc", alias));
            kv.raw("tls-creds=" + alias);
        }
        if (flag(conf.setting("vnc_sasl"))) {
            kv.raw("sasl=on");
            if (conf.setting("vnc_sasl_dir") != null) {
                ctx.cmd().env("SASL_CONF_PATH", conf.setting("vnc_sasl_dir"));
            }
        }
        if (vnc.getPowerControl() != null) {
            kv.raw("power-control=" + (vnc.getPowerControl() == YesNo.YES ? "on" : "off"));
        }
        kv.raw("audiodev=" + audio);
        ctx.add("-vnc", kv);
        if (vnc.getKeymap() != null) {
            ctx.add("-k", vnc.getKeymap());
        }
    }

    /**
     * The TLS credentials of a VNC server (qemuBuildTLSx509BackendProps, listening end): qemu.conf's
     * certificate directory and whether clients must present certificates.
     */
    private static Props tlsObject(HostFacts.QemuConf conf, String kind, String id) {
        String dir = conf.setting(kind + "_tls_x509_cert_dir");
        if (dir == null) {
            dir = conf.setting("default_tls_x509_cert_dir");
        }
        if (dir == null) {
            dir = "/etc/pki/qemu";
        }
        String verify = conf.setting(kind + "_tls_x509_verify");
        if (verify == null) {
            verify = conf.setting("default_tls_x509_verify");
        }
        return Props.object("tls-creds-x509", id).str("dir", dir).str("endpoint", "server")
                .bool("verify-peer", flag(verify));
    }

    private static void spice(BuildContext ctx, DomainGraphicsSpice spice, Displays d) {
        HostFacts.QemuConf conf = ctx.caps().host().qemuConf();
        KeyValue kv = KeyValue.create();
        boolean secure = false;
        boolean insecure = false;
        switch (d.listenType()) {
            case SOCKET -> {
                kv.raw("unix").add("addr", d.socket());
                insecure = true;
            }
            case ADDRESS, NETWORK -> {
                if (d.port() > 0) {
                    kv.raw("port=" + d.port());
                    insecure = true;
                }
                if (d.tlsPort() > 0) {
                    kv.raw("tls-port=" + d.tlsPort());
                    secure = true;
                }
                if ((d.port() > 0 || d.tlsPort() > 0) && d.address() != null) {
                    kv.raw("addr=" + d.address());
                }
            }
            case NONE -> {
                // QEMU wants a port or a TLS port when nothing else is given
                kv.raw("port=0");
                insecure = true;
            }
        }
        if (flag(conf.setting("spice_sasl"))) {
            kv.raw("sasl=on");
            if (conf.setting("spice_sasl_dir") != null) {
                ctx.cmd().env("SASL_CONF_PATH", conf.setting("spice_sasl_dir"));
            }
        }
        if (spice.getMouse() != null && spice.getMouse().getMode() != null) {
            switch (spice.getMouse().getMode()) {
                case "server" -> kv.raw("agent-mouse=off");
                case "client" -> kv.raw("agent-mouse=on");
                default -> {
                }
            }
        }
        // a password is set through the monitor, never on the command line; without one, no tickets
        if (spice.getPasswd() == null && spice.getPasswdValidTo() == null && conf.setting("spice_password") == null) {
            kv.raw("disable-ticketing=on");
        }
        if (secure) {
            kv.add("x509-dir", spiceCertDir(conf));
        }
        String mode = spice.getDefaultMode() == null ? "any" : spice.getDefaultMode();
        switch (mode) {
            case "secure" -> {
                if (!secure) {
                    throw new ArgvException("unsupported configuration: spice defaultMode secure requested in XML "
                            + "configuration, but TLS connection is not available");
                }
                kv.raw("tls-channel=default");
            }
            case "insecure" -> {
                if (!insecure) {
                    throw new ArgvException("unsupported configuration: spice defaultMode insecure requested in "
                            + "XML configuration, but plaintext connection is not available");
                }
                kv.raw("plaintext-channel=default");
            }
            default -> {
            }
        }
        for (String name : SPICE_CHANNELS) {
            String chMode = channelMode(spice, name);
            if ("secure".equals(chMode)) {
                if (!secure) {
                    throw new ArgvException("unsupported configuration: spice secure channels set in XML "
                            + "configuration, but TLS connection is not available");
                }
                kv.raw("tls-channel=" + name);
            } else if ("insecure".equals(chMode)) {
                if (!insecure) {
                    throw new ArgvException("unsupported configuration: spice insecure channels set in XML "
                            + "configuration, but plaintext connection is not available");
                }
                kv.raw("plaintext-channel=" + name);
            }
        }
        if (spice.getImage() != null && spice.getImage().getCompression() != null) {
            kv.raw("image-compression=" + spice.getImage().getCompression());
        }
        if (spice.getJpeg() != null && spice.getJpeg().getCompression() != null) {
            kv.raw("jpeg-wan-compression=" + spice.getJpeg().getCompression());
        }
        if (spice.getZlib() != null && spice.getZlib().getCompression() != null) {
            kv.raw("zlib-glz-wan-compression=" + spice.getZlib().getCompression());
        }
        if (spice.getPlayback() != null && spice.getPlayback().getCompression() != null) {
            kv.raw("playback-compression=" + spice.getPlayback().getCompression());
        }
        if (spice.getStreaming() != null && spice.getStreaming().getMode() != null) {
            kv.raw("streaming-video=" + spice.getStreaming().getMode());
        }
        if (spice.getClipboard() != null && spice.getClipboard().getCopypaste() == YesNo.NO) {
            kv.raw("disable-copy-paste=on");
        }
        if (spice.getFiletransfer() != null && spice.getFiletransfer().getEnable() == YesNo.NO) {
            kv.raw("disable-agent-file-xfer=on");
        }
        DomainGraphicsGl gl = spice.getGl();
        if (gl != null && gl.getEnable() == YesNo.YES) {
            kv.raw("gl=on");
            kv.add("rendernode", d.rendernode());
        }
        // seamless migration falls back to the old way when the destination lacks it, so it is always on
        kv.raw("seamless-migration=on");
        ctx.add("-spice", kv);
        if (spice.getKeymap() != null) {
            ctx.add("-k", spice.getKeymap());
        }
    }

    private static String channelMode(DomainGraphicsSpice spice, String name) {
        String mode = null;
        for (DomainGraphicsSpiceChannel c : spice.getChannels()) {
            if (name.equals(c.getName())) {
                mode = c.getMode();
            }
        }
        return mode;
    }

    private static String spiceCertDir(HostFacts.QemuConf conf) {
        String dir = conf.setting("spice_tls_x509_cert_dir");
        if (dir == null) {
            dir = conf.setting("default_tls_x509_cert_dir");
        }
        return dir == null ? "/etc/pki/qemu" : dir;
    }

    private static void dbus(BuildContext ctx, DomainGraphicsDbus dbus, Displays d) {
        KeyValue kv = KeyValue.of("dbus");
        if (dbus.getP2p() == YesNo.YES) {
            kv.raw("p2p=on");
        } else {
            kv.add("addr", dbus.getDbusAddress() != null ? dbus.getDbusAddress() : dbusAddress(ctx));
        }
        if (dbus.getGl() != null && dbus.getGl().getEnable() != null) {
            kv.onOff("gl", dbus.getGl().getEnable() == YesNo.YES);
        }
        kv.add("rendernode", d.rendernode());
        if (dbus.getAudio() != null && dbus.getAudio().getId() != null && dbus.getAudio().getId() > 0) {
            kv.raw("audiodev=" + AudioIds.forDevice(ctx.domain(), dbus.getAudio()));
        }
        ctx.add("-display", kv);
    }

    /**
     * The socket of the per-domain D-Bus daemon libvirt starts for a display without an address of its own
     * (qemuDBusGetAddress): in libvirt's D-Bus state directory, named after the domain's short name.
     */
    private static String dbusAddress(BuildContext ctx) {
        return "unix:path=" + DBUS_STATE_DIR + "/" + ctx.prepared().pathName() + "-dbus.sock";
    }

    /** A qemu.conf boolean: set and not 0. */
    private static boolean flag(String v) {
        return v != null && !v.strip().equals("0");
    }
}
