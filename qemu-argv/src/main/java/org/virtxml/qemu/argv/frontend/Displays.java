package org.virtxml.qemu.argv.frontend;

import java.util.IdentityHashMap;
import java.util.Map;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsListenType;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.Prepared;

/**
 * What libvirt settles for each {@code <graphics>} when it prepares a start (qemuProcessSetupGraphics) and the
 * graphics section writes: where the display listens and on which ports. A pretend start allocates no ports:
 * VNC with autoport gets 5900, SPICE 5901 for plain and 5902 for TLS connections.
 *
 * @param listenType how the display listens (address, network, socket or none)
 * @param address    the address to listen on (qemu.conf's default when the XML names none), or null
 * @param socket     the unix socket path (generated in the domain's directory when the XML names none), or null
 * @param port       the (VNC or plain SPICE) port, or 0
 * @param tlsPort    the SPICE TLS port, or 0
 * @param websocket  the VNC websocket port, 0 for none (-1: to be allocated, which a pretend start never does)
 * @param rendernode the DRM render node for OpenGL, or null
 */
public record Displays(DomainGraphicsListenType listenType, String address, String socket, int port, int tlsPort, int websocket,
        String rendernode) {

    /** Where the host's DRM devices are. */
    private static final String DRI = "/dev/dri";
    /** The render node a host with DRM devices has first. */
    private static final String FIRST_RENDER_NODE = "/dev/dri/renderD128";

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

    /**
     * The render node libvirt picks for OpenGL when the XML names none (virHostGetDRMRenderNode): the first
     * render node of /dev/dri, refusing as libvirt does when there is none.
     */
    public static String autoRenderNode(Prepared p) {
        if (!p.caps().host().pathExists(DRI)) {
            throw new ArgvException("cannot open directory '" + DRI + "': No such file or directory");
        }
        if (!p.caps().host().pathExists(FIRST_RENDER_NODE)) {
            throw new ArgvException("internal error: No DRM render nodes available");
        }
        return FIRST_RENDER_NODE;
    }
}
