package org.virtxml.normalizer.address;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.Located;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.model.devices.DomainHub;
import org.virtxml.model.devices.DomainInput;
import org.virtxml.model.devices.DomainInputBus;
import org.virtxml.model.devices.DomainRedirdev;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.model.devices.DomainSound;
import org.virtxml.model.devices.DomainSoundModel;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * USB port assignment (qemuDomainAssignUSBAddresses): every USB controller is a bus with the root ports of its
 * model (UHCI 2, OHCI 3, EHCI 6, xHCI 4 unless set; the ICH9 UHCI companions add none of their own), every USB hub
 * adds 8 ports at its own port. libvirt first adds as many hubs as the USB devices need, reserves the ports the
 * domain gives, places the hubs without a port, then gives each other USB device the first free port, searching
 * the buses in index order and each bus depth first through its hubs.
 */
public final class UsbAddresses implements Stage {
    /** A USB port path has at most this many levels (root port plus hubs). */
    static final int MAX_DEPTH = 4;
    /** Ports of a USB hub. */
    static final int HUB_PORTS = 8;

    /** A root or a hub: which of its ports are taken, and the hubs plugged into them. */
    private static final class Hub {
        final boolean[] used;
        final Hub[] hubs;

        Hub(int ports) {
            used = new boolean[ports];
            hubs = new Hub[ports];
        }
    }

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices devices = ctx.devices();
        for (DomainDevice d : usbDevices(devices, false)) {
            if (d.getAddress() instanceof DomainAddressUsb u) {
                // the parser refuses what is not a dotted path of at most four numbers
                parsePort(u.getPort(), d);
            }
        }
        addHubs(devices);
        List<Hub> buses = new ArrayList<>();
        for (DomainController c : devices.getControllers()) {
            if (c.getType() != DomainControllerType.USB) {
                continue;
            }
            int ports = ports(c);
            if (ports == 0) {
                continue; // the UHCI companions: their ports belong to the EHCI master
            }
            while (buses.size() <= c.getIndex()) {
                buses.add(null);
            }
            if (buses.get(c.getIndex()) != null) {
                throw NormalizeException.xmlError("Duplicate USB controllers with index " + c.getIndex(), c);
            }
            buses.set(c.getIndex(), new Hub(ports));
        }
        for (DomainHub h : devices.getHubs()) {
            if ("usb".equals(h.getType()) && h.getAddress() instanceof DomainAddressUsb u && valid(u)) {
                addHub(buses, u, h);
            }
        }
        for (DomainDevice d : usbDevices(devices, true)) {
            if (d.getAddress() instanceof DomainAddressUsb u && valid(u)) {
                reserve(buses, u, d);
            }
        }
        for (DomainHub h : devices.getHubs()) {
            if (!"usb".equals(h.getType())) {
                continue;
            }
            if (h.getAddress() instanceof DomainAddressUsb u && valid(u)) {
                continue;
            }
            DomainAddressUsb u = assign(buses, h);
            addHub(buses, u, h);
        }
        for (DomainDevice d : usbDevices(devices, true)) {
            if (d.getAddress() == null) {
                assign(buses, d);
            } else if (d.getAddress() instanceof DomainAddressUsb u && !valid(u)) {
                assign(buses, d);
            }
        }
    }

    /**
     * The USB devices in libvirt's order (virDomainUSBDeviceDefForeach): hubs, host USB devices, USB disks, CCID
     * controllers, USB input devices, USB serial ports, USB audio, USB redirection.
     */
    static List<DomainDevice> usbDevices(DomainDevices devices, boolean skipHubs) {
        List<DomainDevice> out = new ArrayList<>();
        if (!skipHubs) {
            for (DomainHub h : devices.getHubs()) {
                if ("usb".equals(h.getType())) {
                    out.add(h);
                }
            }
        }
        for (DomainHostdev h : devices.getHostdevs()) {
            if (h.getType() == DomainHostdevType.USB) {
                out.add(h);
            }
        }
        for (DomainDisk d : devices.getDisks()) {
            if (d.getTarget() != null && d.getTarget().getBus() == DomainDiskBus.USB) {
                out.add(d);
            }
        }
        for (DomainController c : devices.getControllers()) {
            if (c.getType() == DomainControllerType.CCID) {
                out.add(c);
            }
        }
        for (DomainInput in : devices.getInputs()) {
            if (in.getBus() == DomainInputBus.USB) {
                out.add(in);
            }
        }
        for (DomainSerial s : devices.getSerials()) {
            if (s.getTarget() != null && "usb-serial".equals(s.getTarget().getType())) {
                out.add(s);
            }
        }
        for (DomainSound s : devices.getSounds()) {
            if (s.getModel() == DomainSoundModel.USB) {
                out.add(s);
            }
        }
        for (DomainRedirdev r : devices.getRedirdevs()) {
            if ("usb".equals(r.getBus()) || r.getBus() == null) {
                out.add(r);
            }
        }
        return out;
    }

    /** Root ports of a USB controller model. */
    static int ports(DomainController c) {
        DomainControllerModel m = c.getModel();
        if (m == null) {
            return 2;
        }
        return switch (m) {
            case PIIX3_UHCI, PIIX4_UHCI, VT82C686B_UHCI -> 2;
            case EHCI, ICH9_EHCI1 -> 6;
            case PCI_OHCI -> 3;
            case NEC_XHCI, QEMU_XHCI -> c.getPorts() != null && c.getPorts() != -1 ? c.getPorts() : 4;
            case QUSB1, QUSB2 -> c.getPorts() != null && c.getPorts() != -1 ? c.getPorts() : 8;
            default -> 0;
        };
    }

    /** Adds the hubs needed when the devices outnumber the ports (each hub adds 7 usable ports). */
    private static void addHubs(DomainDevices devices) {
        int available = 0;
        boolean usb = false;
        for (DomainController c : devices.getControllers()) {
            if (c.getType() == DomainControllerType.USB) {
                available += ports(c);
                if (c.getModel() != DomainControllerModel.NONE) {
                    usb = true;
                }
            }
        }
        for (DomainHub h : devices.getHubs()) {
            if ("usb".equals(h.getType())) {
                available += HUB_PORTS;
            }
        }
        int count = usbDevices(devices, false).size();
        if (count > 0 && !usb) {
            throw NormalizeException.unsupported(
                    "USB is disabled for this domain, but USB devices are present in the domain XML", null);
        }
        if (count > available) {
            int needed = (count - available + 1 + HUB_PORTS - 2) / (HUB_PORTS - 1);
            for (int i = 0; i < needed; i++) {
                DomainHub h = new DomainHub();
                h.setType("usb");
                devices.getHubs().add(h);
            }
        }
    }

    private static boolean valid(DomainAddressUsb u) {
        int[] p = parsePort(u.getPort(), null);
        return p[0] != 0;
    }

    /** The port path ("1.2.3") as numbers, zeros after its end; refused like libvirt's parser does. */
    static int[] parsePort(String port, Located where) {
        int[] out = new int[MAX_DEPTH];
        if (port == null) {
            return out;
        }
        String[] parts = port.split("\\.", -1);
        if (parts.length > MAX_DEPTH) {
            throw NormalizeException.internal("Cannot parse <address> 'port' attribute", where);
        }
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i];
            if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
                throw NormalizeException.internal("Cannot parse <address> 'port' attribute", where);
            }
            try {
                out[i] = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw NormalizeException.internal("Cannot parse <address> 'port' attribute", where);
            }
        }
        return out;
    }

    static String format(int[] path) {
        StringBuilder b = new StringBuilder();
        for (int p : path) {
            if (p == 0) {
                break;
            }
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(p);
        }
        return b.toString();
    }

    private static int busOf(DomainAddressUsb u) {
        return u.getBus() == null ? 0 : u.getBus();
    }

    /** The hub whose port the address names, and that port's index (virDomainUSBAddressFindPort). */
    private static Hub findPort(List<Hub> buses, DomainAddressUsb u, int[] target, Located where) {
        int bus = busOf(u);
        if (bus >= buses.size() || buses.get(bus) == null) {
            throw NormalizeException.xmlError("Missing USB bus " + bus, where);
        }
        Hub hub = buses.get(bus);
        int[] path = parsePort(u.getPort(), where);
        String portStr = format(path);
        int last = MAX_DEPTH - 1;
        while (last > 0 && path[last] == 0) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            int idx = path[i] - 1;
            if (idx < 0 || hub.used.length <= idx) {
                throw NormalizeException.xmlError("port " + path[i] + " out of range in USB address bus: " + bus
                        + " port: " + portStr, where);
            }
            hub = hub.hubs[idx];
            if (hub == null) {
                throw NormalizeException.xmlError("there is no hub at port " + path[i] + " in USB address bus: "
                        + bus + " port: " + portStr, where);
            }
        }
        int t = path[last] - 1;
        if (t < 0 || t >= hub.used.length) {
            throw NormalizeException.xmlError("requested USB port " + portStr + " not present on USB bus " + bus,
                    where);
        }
        target[0] = t;
        return hub;
    }

    private static void addHub(List<Hub> buses, DomainAddressUsb u, DomainHub h) {
        int[] t = new int[1];
        Hub target = findPort(buses, u, t, h);
        if (target.hubs[t[0]] != null) {
            throw NormalizeException.xmlError("Duplicate USB hub on bus " + busOf(u) + " port "
                    + format(parsePort(u.getPort(), h)), h);
        }
        target.used[t[0]] = true;
        target.hubs[t[0]] = new Hub(HUB_PORTS);
    }

    private static void reserve(List<Hub> buses, DomainAddressUsb u, Located where) {
        int[] t = new int[1];
        Hub target = findPort(buses, u, t, where);
        if (target.used[t[0]]) {
            throw NormalizeException.xmlError("Duplicate USB address bus " + busOf(u) + " port "
                    + format(parsePort(u.getPort(), where)), where);
        }
        target.used[t[0]] = true;
    }

    /** The first free port, depth first through the hubs. */
    private static boolean findFree(Hub hub, int[] path, int level) {
        for (int i = 0; i < hub.used.length; i++) {
            if (!hub.used[i]) {
                path[level] = i + 1;
                return true;
            }
        }
        if (level >= MAX_DEPTH - 1) {
            return false;
        }
        for (int i = 0; i < hub.hubs.length; i++) {
            if (hub.hubs[i] != null && findFree(hub.hubs[i], path, level + 1)) {
                path[level] = i + 1;
                return true;
            }
        }
        return false;
    }

    /** Gives a device the first free port, on the bus it asks for or on the first bus with one. */
    private static DomainAddressUsb assign(List<Hub> buses, DomainDevice d) {
        if (d.getAddress() instanceof DomainAddressUsb u) {
            int bus = busOf(u);
            if (bus >= buses.size() || buses.get(bus) == null) {
                throw NormalizeException.xmlError("USB bus " + bus + " requested but no controller with that index"
                        + " is present", d);
            }
            DomainAddressUsb a = fromBus(buses, bus, d);
            if (a != null) {
                return a;
            }
        } else {
            for (int bus = 0; bus < buses.size(); bus++) {
                DomainAddressUsb a = fromBus(buses, bus, d);
                if (a != null) {
                    return a;
                }
            }
        }
        throw NormalizeException.internal("No free USB ports", d);
    }

    private static DomainAddressUsb fromBus(List<Hub> buses, int bus, DomainDevice d) {
        Hub hub = buses.get(bus);
        if (hub == null) {
            return null;
        }
        int[] path = new int[MAX_DEPTH];
        if (!findFree(hub, path, 0)) {
            return null;
        }
        DomainAddressUsb u = d.getAddress() instanceof DomainAddressUsb old ? old : new DomainAddressUsb();
        u.setBus(bus);
        u.setPort(format(path));
        d.setAddress(u);
        reserve(buses, u, d);
        return u;
    }
}
