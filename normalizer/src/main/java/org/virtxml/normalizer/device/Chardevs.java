package org.virtxml.normalizer.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.model.devices.DomainChardevBackend;
import org.virtxml.model.devices.DomainChardevSource;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainParallel;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainRngBackendEgd;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.model.devices.DomainSmartcardMode;
import org.virtxml.normalizer.NormalizeException;

/**
 * Character device defaults: the parser's view of the host side, the QEMU serial type and model for the machine,
 * port numbers, ISA serial ports, UNIX sockets libvirt names itself, and the console that aliases the first
 * serial port.
 */
final class Chardevs {
    /** A PC has four ISA serial ports (COM1 to COM4). */
    static final int ISA_SERIAL_PORTS = 4;

    private Chardevs() {
    }

    /** All character devices of one kind, adapted. */
    static List<Chr> serials(DomainDevices d) {
        List<Chr> l = new ArrayList<>();
        d.getSerials().forEach(s -> l.add(Chr.of(s)));
        return l;
    }

    /** The character device view of a serial port, parallel port, channel or console; null for other devices. */
    static Chr of(DomainDevice dev) {
        if (dev instanceof DomainSerial s) {
            return Chr.of(s);
        } else if (dev instanceof DomainParallel p) {
            return Chr.of(p);
        } else if (dev instanceof DomainChannel c) {
            return Chr.of(c);
        } else if (dev instanceof DomainConsole c) {
            return Chr.of(c);
        }
        return null;
    }

    /**
     * Every host side of a character device, as libvirt's device iteration visits them: the ports, channels and
     * consoles, smartcards in passthrough mode, RNGs with the egd backend, redirected USB devices.
     */
    static List<DomainChardevBackend> backends(DomainDevices d) {
        List<DomainChardevBackend> l = new ArrayList<>();
        all(d).forEach(c -> l.add(c.host()));
        for (DomainSmartcard sc : d.getSmartcards()) {
            if (sc.getMode() == DomainSmartcardMode.PASSTHROUGH) {
                l.add(sc);
            }
        }
        for (DomainRng r : d.getRngs()) {
            if (r.getBackend() instanceof DomainRngBackendEgd egd) {
                l.add(egd);
            }
        }
        l.addAll(d.getRedirdevs());
        return l;
    }

    /** Serial ports, parallel ports, channels and consoles, in libvirt's device iteration order. */
    static List<Chr> all(DomainDevices d) {
        List<Chr> l = serials(d);
        l.addAll(parallels(d));
        l.addAll(channels(d));
        l.addAll(consoles(d));
        return l;
    }

    static List<Chr> parallels(DomainDevices d) {
        List<Chr> l = new ArrayList<>();
        d.getParallels().forEach(s -> l.add(Chr.of(s)));
        return l;
    }

    static List<Chr> consoles(DomainDevices d) {
        List<Chr> l = new ArrayList<>();
        d.getConsoles().forEach(s -> l.add(Chr.of(s)));
        return l;
    }

    static List<Chr> channels(DomainDevices d) {
        List<Chr> l = new ArrayList<>();
        d.getChannels().forEach(s -> l.add(Chr.of(s)));
        return l;
    }

    /** The parser: host side as libvirt keeps it, pty as the default type, no live-only state. */
    static void parse(Chr c) {
        DomainChardevType t = ChardevSources.type(c.type());
        c.setType(t);
        // the tty attribute only echoes a running console's pty
        c.setTty(null);
        ChardevSources.normalize(t, c.host());
        if (c.kind() == Chr.Kind.CHANNEL && ((DomainChannel) c.device()).getTarget() != null) {
            // the connection state of a virtio channel belongs to a running guest
            ((DomainChannel) c.device()).getTarget().setState(null);
        }
        if (c.kind() == Chr.Kind.CONSOLE && c.targetType() == null) {
            c.setTargetType("none");
        }
        if (c.kind() == Chr.Kind.SERIAL && c.targetType() == null) {
            c.setTargetType("none");
        }
    }

    /**
     * virDomainChrIsaSerialDefPostParse: serial ports the user declared {@code isa-serial} get the first free COM
     * port before any other default is applied.
     */
    static void assignIsaSerialPorts(DomainDevices d) {
        boolean[] used = new boolean[ISA_SERIAL_PORTS];
        int count = 0;
        for (DomainSerial s : d.getSerials()) {
            Chr c = Chr.of(s);
            if (!"isa-serial".equals(c.targetType())) {
                continue;
            }
            if (count++ >= ISA_SERIAL_PORTS || (c.port() != null && c.port() >= ISA_SERIAL_PORTS)) {
                throw new NormalizeException("internal error: Maximum supported number of ISA serial ports is '"
                        + ISA_SERIAL_PORTS + "'", s);
            }
            if (c.port() != null) {
                if (used[c.port()]) {
                    throw new NormalizeException("internal error: target port '" + c.port() + "' already allocated",
                            s);
                }
                used[c.port()] = true;
            }
        }
        for (DomainSerial s : d.getSerials()) {
            Chr c = Chr.of(s);
            if (!"isa-serial".equals(c.targetType()) || c.port() != null) {
                continue;
            }
            for (int j = 0; j < ISA_SERIAL_PORTS; j++) {
                if (!used[j]) {
                    c.setPort(j);
                    used[j] = true;
                    break;
                }
            }
        }
    }

    /** qemuDomainChrDefPostParse followed by virDomainChrDefPostParse. */
    static void postParse(Chr c, GuestPlatform p, List<Chr> sameKind, String channelTargetDir) {
        if (c.kind() == Chr.Kind.SERIAL) {
            String t = c.targetType();
            // isa-serial used to be the default; the real default is chosen per machine below
            if ("isa-serial".equals(t) || "none".equals(t)) {
                t = p.isX86() ? "isa-serial" : "none";
                c.setTargetType(t);
            }
            if (c.targetModel() == null) {
                c.setTargetModel(defaultSerialModel(t));
            }
        }
        if (c.kind() == Chr.Kind.CHANNEL && "virtio".equals(c.targetType())
                && c.type() == DomainChardevType.UNIX) {
            dropGeneratedPath((DomainChannel) c.device(), channelTargetDir);
        }
        if (c.type() == DomainChardevType.UNIX && !c.sources().isEmpty() && c.sources().get(0).getPath() == null) {
            // libvirt will create the socket itself, so it listens on it
            c.sources().get(0).setMode("bind");
        }
        if (c.kind() == Chr.Kind.CONSOLE && "none".equals(c.targetType())) {
            c.setTargetType("serial");
        }
        if (c.kind() == Chr.Kind.SERIAL && "isa-debug".equals(c.targetType()) && !p.isX86()) {
            throw new NormalizeException(
                    "unsupported configuration: isa-debug serial type only valid on x86 architecture", c.device());
        }
        if (c.port() == null && c.kind() != Chr.Kind.CHANNEL) {
            int max = -1;
            for (Chr o : sameKind) {
                if (o.port() != null && o.port() > max) {
                    max = o.port();
                }
            }
            c.setPort(max + 1);
        }
    }

    /** The model QEMU uses for a serial target type (none for types with several possible devices). */
    private static String defaultSerialModel(String targetType) {
        return switch (targetType) {
            case "isa-serial" -> "isa-serial";
            case "usb-serial" -> "usb-serial";
            case "pci-serial" -> "pci-serial";
            case "spapr-vio-serial" -> "spapr-vty";
            case "sclp-serial" -> "sclpconsole";
            case "isa-debug" -> "isa-debugcon";
            // system-serial depends on the board (pl011 on ARM virt, 16550a on RISC-V virt), none on a PC
            default -> null;
        };
    }

    /**
     * A virtio channel's UNIX socket path that libvirt itself generated in an older release (under the channel
     * target directory, or a {@code domain-NAME/TARGET} path) is dropped so a fresh one is generated; a socket
     * without a path is one libvirt creates, so it listens.
     */
    private static void dropGeneratedPath(DomainChannel ch, String channelTargetDir) {
        if (ch.getSources().isEmpty()) {
            return;
        }
        DomainChardevSource s = ch.getSources().get(0);
        String name = ch.getTarget().getName();
        if (s.getPath() != null && name != null) {
            // libvirt's pattern is "^DIR/([^/]+\.)|(domain-[^/]+/)NAME$": the alternation splits it in two
            Pattern old = Pattern.compile("^" + Pattern.quote(channelTargetDir) + "/([^/]+\\.)");
            Pattern newer = Pattern.compile("(domain-[^/]+/)" + Pattern.quote(name) + "$");
            if (old.matcher(s.getPath()).find() || newer.matcher(s.getPath()).find()) {
                s.setPath(null);
            }
        }
    }

    /**
     * virDomainDefAddConsoleCompat: in an HVM guest the first console of type serial is the first serial port.
     * Without serial ports the console becomes one; otherwise a console whose host side differs from the serial
     * port's is replaced by a stub; a guest with a serial port but no such console gets a stub console first.
     */
    static void addConsoleCompat(DomainDevices d, boolean hvm) {
        List<DomainConsole> consoles = d.getConsoles();
        for (int i = 1; i < consoles.size(); i++) {
            if ("serial".equals(Chr.of(consoles.get(i)).targetType())) {
                throw new NormalizeException("unsupported configuration: Only the first console can be a serial port",
                        consoles.get(i));
            }
        }
        if (!hvm) {
            return;
        }
        if (!consoles.isEmpty() && isSerialConsole(consoles.get(0))) {
            DomainConsole c0 = consoles.get(0);
            if (d.getSerials().isEmpty()) {
                DomainSerial s = new DomainSerial();
                copyHostSide(c0, s);
                s.setAlias(c0.getAlias());
                s.setAddress(c0.getAddress());
                Chr sc = Chr.of(s);
                sc.setTargetType("none");
                sc.setPort(0);
                d.getSerials().add(s);
                consoles.set(0, stubConsole());
            } else if (!sameSource(Chr.of(d.getSerials().get(0)), Chr.of(c0))) {
                consoles.set(0, stubConsole());
            } else {
                // the alias is skipped by libvirt's device iteration (no address of its own is reserved) and is
                // written as a copy of the serial port, so an address it carries means nothing
                c0.setAddress(null);
            }
        } else if (!d.getSerials().isEmpty()) {
            String t = Chr.of(d.getSerials().get(0)).targetType();
            if (t == null || t.equals("none") || t.equals("isa-serial") || t.equals("spapr-vio-serial")
                    || t.equals("system-serial") || t.equals("sclp-serial")) {
                consoles.add(0, stubConsole());
            }
        }
    }

    /** The host side of one character device given to another (the same sources, protocol and log). */
    private static void copyHostSide(DomainChardevBackend from, DomainChardevBackend to) {
        to.setType(from.getType());
        to.getSources().addAll(from.getSources());
        to.setProtocol(from.getProtocol());
        to.setLog(from.getLog());
    }

    private static boolean isSerialConsole(DomainConsole c) {
        String t = Chr.of(c).targetType();
        return t == null || "serial".equals(t) || "none".equals(t);
    }

    /** A fresh console aliasing the serial port: target serial, no port yet, a null host side. */
    private static DomainConsole stubConsole() {
        DomainConsole c = new DomainConsole();
        c.setType(DomainChardevType.NULL);
        Chr.of(c).setTargetType("serial");
        return c;
    }

    /** virDomainChrSourceDefIsEqual on what the XML carries. */
    private static boolean sameSource(Chr a, Chr b) {
        if (a.type() != b.type()) {
            return false;
        }
        List<DomainChardevSource> x = a.sources();
        List<DomainChardevSource> y = b.sources();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!sameSource(x.get(i), y.get(i))) {
                return false;
            }
        }
        String pa = a.protocol() == null ? null : a.protocol().getType();
        String pb = b.protocol() == null ? null : b.protocol().getType();
        return Objects.equals(pa, pb);
    }

    /** The host-side attributes libvirt compares (TLS, logs and labels do not count). */
    private static boolean sameSource(DomainChardevSource a, DomainChardevSource b) {
        return Objects.equals(a.getMode(), b.getMode()) && Objects.equals(a.getPath(), b.getPath())
                && a.getAppend() == b.getAppend() && Objects.equals(a.getHost(), b.getHost())
                && Objects.equals(a.getService(), b.getService()) && Objects.equals(a.getMaster(), b.getMaster())
                && Objects.equals(a.getSlave(), b.getSlave()) && Objects.equals(a.getChannel(), b.getChannel())
                && Objects.equals(a.getClipboard() == null ? null : a.getClipboard().getCopypaste(),
                        b.getClipboard() == null ? null : b.getClipboard().getCopypaste())
                && Objects.equals(a.getMouse() == null ? null : a.getMouse().getMode(),
                        b.getMouse() == null ? null : b.getMouse().getMode())
                && Objects.equals(a.getReconnect() == null ? null : a.getReconnect().getEnabled(),
                        b.getReconnect() == null ? null : b.getReconnect().getEnabled())
                && Objects.equals(a.getReconnect() == null ? null : a.getReconnect().getTimeout(),
                        b.getReconnect() == null ? null : b.getReconnect().getTimeout());
    }

    /**
     * The formatter writes a console that aliases serial port N as a copy of that port (its host side, its port,
     * its address) with target type serial; do the same to the model.
     */
    static void mirrorSerialConsoles(DomainDevices d, boolean hvm) {
        if (!hvm) {
            return;
        }
        List<DomainConsole> consoles = d.getConsoles();
        for (int n = 0; n < consoles.size() && n < d.getSerials().size(); n++) {
            DomainConsole c = consoles.get(n);
            if (!isSerialConsole(c)) {
                continue;
            }
            DomainSerial s = d.getSerials().get(n);
            DomainConsole m = new DomainConsole();
            copyHostSide(s, m);
            Chr mc = Chr.of(m);
            mc.setTargetType("serial");
            mc.setPort(Chr.of(s).port());
            m.setAlias(s.getAlias());
            m.setAcpi(s.getAcpi());
            m.setAddress(s.getAddress());
            consoles.set(n, m);
        }
    }
}
