package org.virtxml.qemu.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.virtxml.json.Json;
import org.virtxml.json.JsonException;
import org.virtxml.model.Domain;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.xml.SafeXml;
import org.virtxml.xml.SourceText;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns a domain's interfaces, which libvirt would plumb with file descriptors it opens itself, into network
 * backends QEMU can open on its own, and rewrites the {@code -netdev} options of the command line accordingly.
 *
 * <ul>
 * <li>{@code user}: QEMU's user-mode network ({@code {"type":"user"}}).</li>
 * <li>{@code bridge} and {@code network} (the network's bridge, read from libvirt's network definition): a tap
 * device created on that bridge ({@link TapDevices}), when the bridge exists and we are root. Otherwise the start
 * fails with the reason, unless {@code --user-net} asked for user-mode networking instead.</li>
 * <li>{@code ethernet}: the tap named by {@code <target dev managed='no'>} as is; otherwise a new unbridged tap
 * (root).</li>
 * <li>anything else (direct, hostdev, vhostuser, ...) needs libvirt's helpers and is refused.</li>
 * </ul>
 * The command line names every NIC's backend by id ({@code -device {...,"netdev":"hostnet0","mac":...}}); the
 * rewrite finds each {@code -netdev} through its NIC's MAC address, which the normalized config fixes.
 */
final class NetPlumbing {
    /** Where libvirt keeps the definitions (and, while active, the status) of its virtual networks. */
    private static final List<Path> NETWORK_DIRS = List.of(Path.of("/run/libvirt/network"),
            Path.of("/etc/libvirt/qemu/networks"));

    /** How one NIC gets to the network. */
    enum Kind {
        /** QEMU's user-mode network stack. */
        USER,
        /** A tap device virtxml creates (on {@link Nic#bridge} when not null) and deletes. */
        NEW_TAP,
        /** A tap device that exists already and is left alone. */
        EXISTING_TAP
    }

    /**
     * One guest NIC's backend.
     *
     * @param mac    its MAC address (lower case)
     * @param kind   the backend kind
     * @param tap    the tap device name, for tap kinds
     * @param bridge the bridge a new tap joins, or null
     */
    record Nic(String mac, Kind kind, String tap, String bridge) {
    }

    private NetPlumbing() {
    }

    /**
     * The backends of a domain's interfaces for the run with id {@code id}.
     *
     * @param userNet give every bridged or network interface user-mode networking instead (no root needed)
     * @param root    whether this process may create tap devices
     */
    static List<Nic> plan(Domain d, int id, boolean userNet, boolean root) throws DomainException {
        List<Nic> out = new ArrayList<>();
        if (d.getDevices() == null) {
            return out;
        }
        int index = 0;
        for (DomainInterface iface : d.getDevices().getInterfaces()) {
            String label = "interface " + (index + 1);
            if (iface.getMac() == null || iface.getMac().getAddress() == null) {
                throw new DomainException(label + " has no MAC address; define the domain first so it gets one");
            }
            String mac = iface.getMac().getAddress().toLowerCase(Locale.ROOT);
            DomainInterfaceType type = iface.getType();
            String tap = TapDevices.name(id, index);
            index++;
            switch (type) {
                case USER -> out.add(new Nic(mac, Kind.USER, null, null));
                case NETWORK, BRIDGE -> {
                    if (userNet) {
                        out.add(new Nic(mac, Kind.USER, null, null));
                        continue;
                    }
                    String bridge;
                    String what;
                    if (type == DomainInterfaceType.BRIDGE) {
                        bridge = iface.getSource() == null ? null : iface.getSource().getBridge();
                        what = label + " (bridge '" + bridge + "')";
                    } else {
                        String net = iface.getSource() == null ? null : iface.getSource().getNetwork();
                        bridge = networkBridge(net);
                        what = label + " (network '" + net + "'" + (bridge == null ? "" : ", bridge '" + bridge + "'")
                                + ")";
                        if (bridge == null) {
                            throw new DomainException(what + ": no bridge found for the network in "
                                    + NETWORK_DIRS.get(0) + " or " + NETWORK_DIRS.get(1) + "; use --user-net "
                                    + "for user-mode networking instead");
                        }
                    }
                    if (!TapDevices.bridgeExists(bridge)) {
                        throw new DomainException(what + ": bridge '" + bridge + "' does not exist on this host; "
                                + "use --user-net for user-mode networking instead");
                    }
                    if (!root) {
                        throw new DomainException(what + ": only root can create the tap device it needs; run as "
                                + "root or use --user-net for user-mode networking instead");
                    }
                    out.add(new Nic(mac, Kind.NEW_TAP, tap, bridge));
                }
                case ETHERNET -> {
                    String dev = iface.getTarget() == null ? null : iface.getTarget().getDev();
                    boolean unmanaged = iface.getTarget() != null && iface.getTarget().getManaged() == YesNo.NO;
                    if (dev != null && unmanaged) {
                        out.add(new Nic(mac, Kind.EXISTING_TAP, dev, null));
                    } else if (!root) {
                        throw new DomainException(label + " (ethernet): only root can create its tap device; give "
                                + "an existing one with <target dev='NAME' managed='no'/>");
                    } else {
                        out.add(new Nic(mac, Kind.NEW_TAP, dev != null ? dev : tap, null));
                    }
                }
                default -> throw new DomainException(label + ": interfaces of type '" + type.xml()
                        + "' need libvirt's helpers; virtxml start supports user, network, bridge and ethernet");
            }
        }
        return out;
    }

    /** Creates the tap devices of a plan; on failure deletes those already made. Returns their names. */
    static List<String> createTaps(List<Nic> plan) throws DomainException {
        List<String> made = new ArrayList<>();
        for (Nic n : plan) {
            if (n.kind() != Kind.NEW_TAP) {
                continue;
            }
            try {
                TapDevices.createOnBridge(n.tap(), n.bridge());
                made.add(n.tap());
            } catch (IOException e) {
                deleteQuietly(made);
                throw new DomainException("cannot create tap device " + n.tap() + ": " + e.getMessage(), e);
            }
        }
        return made;
    }

    /** Deletes taps, ignoring failures (used when a start is abandoned). */
    static void deleteQuietly(List<String> taps) {
        for (String t : taps) {
            try {
                TapDevices.delete(t);
            } catch (IOException ignored) {
                // best effort: the start failed anyway and says why
            }
        }
    }

    /**
     * Rewrites every {@code -netdev} of {@code args} (the words after the emulator) to the backend its NIC got in
     * {@code plan}, keeping the netdev id and the option's syntax (JSON or key=value).
     */
    static List<String> rewrite(List<String> args, List<Nic> plan) throws DomainException {
        Map<String, String> macByNetdev = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if ("-device".equals(args.get(i))) {
                Map<String, String> dev = props(args.get(i + 1));
                if (dev.containsKey("netdev") && dev.containsKey("mac")) {
                    macByNetdev.put(dev.get("netdev"), dev.get("mac").toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, Nic> byMac = new LinkedHashMap<>();
        for (Nic n : plan) {
            byMac.put(n.mac(), n);
        }
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (!"-netdev".equals(out.get(i))) {
                continue;
            }
            String value = out.get(i + 1);
            String id = props(value).get("id");
            Nic nic = id == null ? null : byMac.get(macByNetdev.get(id));
            if (nic == null) {
                throw new DomainException("cannot tell which interface -netdev " + value + " belongs to");
            }
            Map<String, Object> netdev = new LinkedHashMap<>();
            if (nic.kind() == Kind.USER) {
                netdev.put("type", "user");
            } else {
                netdev.put("type", "tap");
                netdev.put("ifname", nic.tap());
                netdev.put("script", "no");
                netdev.put("downscript", "no");
            }
            netdev.put("id", id);
            out.set(i + 1, value.startsWith("{") ? Json.write(netdev) : keyValue(netdev));
        }
        return out;
    }

    /** The properties of a JSON or {@code type,key=value} option value (values as text). */
    private static Map<String, String> props(String value) {
        Map<String, String> m = new LinkedHashMap<>();
        if (value.startsWith("{")) {
            try {
                for (Map.Entry<String, Object> e : Json.parseObject(value).entrySet()) {
                    if (e.getValue() != null && !(e.getValue() instanceof Map) && !(e.getValue() instanceof List)) {
                        m.put(e.getKey(), String.valueOf(e.getValue()));
                    }
                }
            } catch (JsonException e) {
                return m;
            }
            return m;
        }
        // key=value with ",," standing for a comma inside a value
        String[] parts = value.replace(",,", "\u0000").split(",");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].replace('\u0000', ',');
            int eq = p.indexOf('=');
            if (eq > 0) {
                m.put(p.substring(0, eq), p.substring(eq + 1));
            } else if (i == 0) {
                m.put("type", p);
            }
        }
        return m;
    }

    private static String keyValue(Map<String, Object> m) {
        StringBuilder b = new StringBuilder(String.valueOf(m.get("type")));
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!e.getKey().equals("type")) {
                b.append(',').append(e.getKey()).append('=').append(String.valueOf(e.getValue()).replace(",", ",,"));
            }
        }
        return b.toString();
    }

    /** The bridge of a libvirt network, from its status (active) or config file; null when unknown. */
    static String networkBridge(String network) {
        if (network == null || network.contains("/")) {
            return null;
        }
        for (Path dir : NETWORK_DIRS) {
            Path f = dir.resolve(network + ".xml");
            if (Files.isReadable(f)) {
                String b = bridgeOf(f);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    private static String bridgeOf(Path file) {
        String[] found = new String[1];
        DefaultHandler h = new DefaultHandler() {
            private final List<String> path = new ArrayList<>();

            @Override
            public void startElement(String uri, String localName, String qName, Attributes atts) {
                path.add(localName);
                // <network><bridge name=...>, also inside a status file's <networkstatus><network>
                if ("bridge".equals(localName) && path.size() >= 2 && "network".equals(path.get(path.size() - 2))
                        && found[0] == null) {
                    found[0] = atts.getValue("name");
                }
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                path.remove(path.size() - 1);
            }
        };
        ErrorHandler quiet = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
            }

            @Override
            public void fatalError(SAXParseException e) {
            }
        };
        try {
            SafeXml.parse(SourceText.read(file), h, quiet);
        } catch (RuntimeException e) {
            return null;
        }
        return found[0];
    }
}
