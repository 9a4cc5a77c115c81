package org.virtxml.qemu.argv.frontend;

import java.util.IdentityHashMap;
import java.util.Map;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.qemu.argv.Prepared;

/**
 * What libvirt settles for each {@code <graphics>} when it prepares a start (qemuProcessSetupGraphics) and the
 * graphics section writes: where the display listens and on which ports. A pretend start allocates no ports:
 * VNC with autoport gets 5900, SPICE 5901 for plain and 5902 for TLS connections.
 *
 * @param listenType {@code address}, {@code network}, {@code socket} or {@code none}
 * @param address    the address to listen on (qemu.conf's default when the XML names none), or null
 * @param socket     the unix socket path (generated in the domain's directory when the XML names none), or null
 * @param port       the (VNC or plain SPICE) port, or 0
 * @param tlsPort    the SPICE TLS port, or 0
 * @param websocket  the VNC websocket port, 0 for none (-1: to be allocated, which a pretend start never does)
 * @param rendernode the DRM render node for OpenGL, or null
 */
public record Displays(String listenType, String address, String socket, int port, int tlsPort, int websocket,
        String rendernode) {

    /** The key under which the prepared displays are kept in {@link Prepared}. */
    public static final String KEY = "frontend.displays";

    /** The prepared settings of a display (null when the step did not prepare it). */
    public static Displays of(Prepared p, DomainGraphics g) {
        Map<DomainGraphics, Displays> m = p.get(KEY);
        return m == null ? null : m.get(g);
    }

    /** Records the prepared settings of a display (preparation only). */
    public static void put(Prepared p, DomainGraphics g, Displays d) {
        Map<DomainGraphics, Displays> m = p.get(KEY);
        if (m == null) {
            m = new IdentityHashMap<>();
            p.put(KEY, m);
        }
        m.put(g, d);
    }
}
