package org.virtxml.normalizer.device;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * Virtio-serial port addresses (qemuDomainAssignVirtioSerialAddresses, the first step of QEMU address
 * assignment): ports the user gave are reserved, then virtio consoles and virtio channels take the first free
 * port, adding a controller when all are full. Port 0 of a controller is for a console; a console's port is
 * reserved but, as in libvirt, not written into its definition.
 */
public final class VirtioSerialAddresses implements Stage {
    /** Ports of a virtio-serial controller that does not say (QEMU's default max_ports). */
    static final int DEFAULT_PORTS = 31;

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices d = Devices.of(ctx.domain());
        TreeMap<Integer, Set<Integer>> ports = new TreeMap<>();
        TreeMap<Integer, Integer> sizes = new TreeMap<>();
        for (DomainController c : d.getControllers()) {
            if (c.getType() == DomainControllerType.VIRTIO_SERIAL && c.getIndex() != null) {
                addController(ports, sizes, c);
            }
        }
        for (DomainDevice dev : d.all()) {
            reserve(ports, sizes, dev.getAddress(), dev);
        }
        for (DomainConsole c : d.getConsoles()) {
            if (c.getTarget() != null && "virtio".equals(c.getTarget().getType()) && !complete(c.getAddress())) {
                // the console's port is only reserved
                assign(d, ports, sizes, c.getAddress(), true, c);
            }
        }
        for (DomainChannel ch : d.getChannels()) {
            if (ch.getTarget() != null && "virtio".equals(ch.getTarget().getType()) && !complete(ch.getAddress())) {
                ch.setAddress(assign(d, ports, sizes, ch.getAddress(), false, ch));
            }
        }
    }

    private static void addController(TreeMap<Integer, Set<Integer>> ports, TreeMap<Integer, Integer> sizes,
            DomainController c) {
        int n = c.getPorts() == null || c.getPorts() == -1 ? DEFAULT_PORTS : c.getPorts();
        // the ports in use, not a map of all n: n is whatever the domain says, up to 2^31-1
        ports.put(c.getIndex(), new HashSet<>());
        sizes.put(c.getIndex(), n);
    }

    private static boolean complete(DomainAddress a) {
        return a instanceof DomainAddressVirtioSerial v && v.getPort() != null && v.getPort() != 0;
    }

    private static void reserve(TreeMap<Integer, Set<Integer>> ports, TreeMap<Integer, Integer> sizes, DomainAddress a,
            DomainDevice dev) {
        if (!complete(a)) {
            return;
        }
        DomainAddressVirtioSerial v = (DomainAddressVirtioSerial) a;
        int controller = v.getController() == null ? 0 : v.getController();
        Set<Integer> map = ports.get(controller);
        if (map == null) {
            throw new NormalizeException("XML error: virtio serial controller " + controller + " is missing", dev);
        }
        if (v.getPort() >= sizes.get(controller)) {
            throw new NormalizeException("XML error: virtio serial controller " + controller
                    + " does not have port " + v.getPort(), dev);
        }
        if (map.contains(v.getPort())) {
            throw new NormalizeException("XML error: virtio serial port " + v.getPort() + " on controller "
                    + controller + " is already occupied", dev);
        }
        map.add(v.getPort());
    }

    /** The lowest port from {@code start} not in use (ports in use are few, so the walk is short). */
    private static int nextFree(Set<Integer> used, int start) {
        int port = start;
        while (used.contains(port)) {
            port++;
        }
        return port;
    }

    private static DomainAddressVirtioSerial assign(DomainDevices d, TreeMap<Integer, Set<Integer>> ports,
            TreeMap<Integer, Integer> sizes, DomainAddress given, boolean allowZero, DomainDevice dev) {
        DomainAddressVirtioSerial out = new DomainAddressVirtioSerial();
        out.setBus(0);
        if (given instanceof DomainAddressVirtioSerial v) {
            // a controller was named: only the port is chosen, on that controller
            int controller = v.getController() == null ? 0 : v.getController();
            Set<Integer> map = ports.get(controller);
            if (map == null) {
                throw new NormalizeException("internal error: virtio-serial controller " + controller
                        + " not available", dev);
            }
            int port = nextFree(map, 1);
            if (port >= sizes.get(controller)) {
                throw new NormalizeException("XML error: Unable to find a free port on virtio-serial controller "
                        + controller, dev);
            }
            out.setController(controller);
            out.setPort(port);
        } else {
            int start = allowZero ? 0 : 1;
            boolean found = false;
            if (ports.isEmpty()) {
                throw new NormalizeException("internal error: no virtio-serial controllers are available", dev);
            }
            for (var e : ports.entrySet()) {
                int port = nextFree(e.getValue(), start);
                if (port < sizes.get(e.getKey())) {
                    out.setController(e.getKey());
                    out.setPort(port);
                    found = true;
                    break;
                }
            }
            if (!found) {
                // every controller is full: add one at the lowest free index
                for (int i = 0;; i++) {
                    if (Controllers.find(d, DomainControllerType.VIRTIO_SERIAL, i) == null) {
                        DomainController c = Controllers.maybeAdd(d, DomainControllerType.VIRTIO_SERIAL, i);
                        addController(ports, sizes, c);
                        out.setController(i);
                        out.setPort(start);
                        break;
                    }
                }
            }
        }
        ports.get(out.getController()).add(out.getPort());
        return out;
    }
}
