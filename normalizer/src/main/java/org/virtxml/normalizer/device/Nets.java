package org.virtxml.normalizer.device;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceCoalesce;
import org.virtxml.model.devices.DomainInterfaceSource;
import org.virtxml.model.devices.DomainInterfaceTarget;
import org.virtxml.model.devices.DomainInterfaceVirtualport;
import org.virtxml.model.devices.DomainInterfaceVirtualportParameters;
import org.virtxml.model.devices.DomainInterfaceMac;
import org.virtxml.model.devices.DomainInterfaceModel;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.normalizer.RandomSource;

/** Network interface defaults: a generated MAC address, the NIC model QEMU offers first. */
final class Nets {
    private Nets() {
    }

    /** Target names libvirt generates for tap, macvtap and macvlan devices (not kept in an inactive definition). */
    private static final String[] GENERATED_IFNAME_PREFIXES = {"vnet", "macvtap", "macvlan"};

    /** Whether the interface's model is one of the virtio ones (in any letter case, as the parser matches it). */
    static boolean isVirtioModel(DomainInterface n) {
        String m = n.getModel() == null ? null : NetModels.canonical(n.getModel().getType());
        return "virtio".equals(m) || "virtio-transitional".equals(m) || "virtio-non-transitional".equals(m);
    }

    /**
     * What the interface parser keeps: the source attributes of the interface type, filters only where libvirt
     * applies them, virtio driver tuning only for virtio NICs, no generated tap names and no live port ids.
     */
    static void parseOne(DomainInterface n) {
        if (n.getType() == null) {
            n.setType(DomainInterfaceType.USER);
        }
        DomainInterfaceType type = n.getType();
        if (n.getModel() != null && n.getModel().getType() != null) {
            n.getModel().setType(NetModels.canonical(n.getModel().getType()));
        }
        boolean virtio = isVirtioModel(n);
        DomainInterfaceSource src = n.getSource();
        if (src != null && type != DomainInterfaceType.HOSTDEV) {
            n.setSource(sourceFor(n, src));
        }
        if (type != DomainInterfaceType.NETWORK && type != DomainInterfaceType.BRIDGE
                && type != DomainInterfaceType.ETHERNET) {
            n.setFilterref(null);
        }
        if (n.getDriver() != null && (!virtio || type == DomainInterfaceType.HOSTDEV)) {
            // only a virtio NIC has driver tuning to write
            n.setDriver(null);
        }
        if (n.getDriver() != null && n.getDriver().getQueues() != null
                && (n.getDriver().getQueues() == 1 || n.getDriver().getQueues() == 0)) {
            // there is always one queue pair
            n.getDriver().setQueues(null);
        }
        if (n.getBackend() != null && (!virtio || type == DomainInterfaceType.HOSTDEV)) {
            n.getBackend().setVhost(null);
        }
        DomainInterfaceTarget t = n.getTarget();
        if (t != null && t.getDev() != null && t.getManaged() != YesNo.NO) {
            for (String prefix : GENERATED_IFNAME_PREFIXES) {
                if (t.getDev().startsWith(prefix)) {
                    t.setDev(null);
                    break;
                }
            }
        }
        if (t != null && t.getDev() == null && t.getManaged() == null) {
            n.setTarget(null);
        }
        DomainInterfaceCoalesce c = n.getCoalesce();
        if (c != null && (c.getRx() == null || c.getRx().getFrames() == null || c.getRx().getFrames().getMax() == null
                || c.getRx().getFrames().getMax() == 0)) {
            n.setCoalesce(null);
        }
        if (type == DomainInterfaceType.HOSTDEV) {
            n.setHostdevDriver(Hostdevs.backendDriver(n.getHostdevDriver()));
        }
        if (type != DomainInterfaceType.HOSTDEV || n.getManaged() != YesNo.YES) {
            n.setManaged(null);
        }
    }

    /** The {@code <source>} attributes the formatter writes for the interface type, plus host-side IPs. */
    private static DomainInterfaceSource sourceFor(DomainInterface n, DomainInterfaceSource in) {
        DomainInterfaceSource out = new DomainInterfaceSource();
        switch (n.getType()) {
            case NETWORK -> {
                out.setNetwork(in.getNetwork());
                out.setPortgroup(in.getPortgroup());
                // the port id is allocated when the guest starts
            }
            case BRIDGE -> out.setBridge(in.getBridge());
            case DIRECT -> {
                out.setDev(in.getDev());
                out.setMode(in.getMode() == null ? "vepa" : in.getMode());
            }
            case VHOSTUSER -> {
                out.setType("unix");
                out.setPath(in.getPath());
                out.setMode(in.getMode());
                if (in.getReconnect() != null && in.getReconnect().getEnabled() != null) {
                    out.setReconnect(in.getReconnect());
                }
            }
            case SERVER, CLIENT, MCAST, UDP -> {
                out.setSocketAddress(in.getSocketAddress());
                out.setPort(in.getPort() == null ? 0 : in.getPort());
                if (n.getType() == DomainInterfaceType.UDP) {
                    out.setLocal(in.getLocal());
                }
            }
            case INTERNAL -> out.setName(in.getName());
            case VDPA -> out.setDev(in.getDev());
            case VDS -> {
                out.setSwitchid(in.getSwitchid());
                out.setPortid(in.getPortid());
                out.setPortgroupid(in.getPortgroupid());
                out.setConnectionid(in.getConnectionid());
            }
            case USER -> {
                if (n.getBackend() != null && "passt".equals(n.getBackend().getType())) {
                    out.setDev(in.getDev());
                }
            }
            case ETHERNET, NULL, HOSTDEV -> {
                // nothing of the source is kept
            }
        }
        out.getIps().addAll(in.getIps());
        out.getRoutes().addAll(in.getRoutes());
        boolean empty = out.getNetwork() == null && out.getBridge() == null && out.getDev() == null
                && out.getType() == null && out.getPort() == null && out.getName() == null
                && out.getSwitchid() == null && out.getIps().isEmpty() && out.getRoutes().isEmpty();
        return empty ? null : out;
    }

    /**
     * The virtual port profile of an interface that may have one: libvirt generates the ids a profile of that type
     * needs (an 802.1Qbg instance id, an Open vSwitch interface id; both when no type is given yet) and writes only
     * the parameters that belong to the type.
     */
    static void virtualport(DomainInterface n, RandomSource random) {
        DomainInterfaceVirtualport vp = n.getVirtualport();
        DomainInterfaceType t = n.getType();
        if (vp == null || !(t == DomainInterfaceType.NETWORK || t == DomainInterfaceType.BRIDGE
                || t == DomainInterfaceType.DIRECT || t == DomainInterfaceType.HOSTDEV)) {
            return;
        }
        String type = vp.getType();
        DomainInterfaceVirtualportParameters p = vp.getParameters();
        if (p == null) {
            p = new DomainInterfaceVirtualportParameters();
        }
        boolean none = type == null;
        boolean qbg = "802.1Qbg".equals(type) || none;
        boolean qbh = "802.1Qbh".equals(type) || none;
        boolean ovs = "openvswitch".equals(type) || none;
        boolean midonet = "midonet".equals(type) || none;
        if (p.getInstanceid() == null && qbg) {
            p.setInstanceid(random.uuid());
        }
        if (p.getInterfaceid() == null && ovs) {
            p.setInterfaceid(random.uuid());
        }
        if (!qbg) {
            p.setManagerid(null);
            p.setTypeid(null);
            p.setTypeidversion(null);
            p.setInstanceid(null);
        }
        if (!(midonet || ovs)) {
            p.setInterfaceid(null);
        }
        if (!(ovs || qbh)) {
            p.setProfileid(null);
        }
        boolean empty = p.getManagerid() == null && p.getTypeid() == null && p.getTypeidversion() == null
                && p.getInstanceid() == null && p.getInterfaceid() == null && p.getProfileid() == null;
        vp.setParameters(empty ? null : p);
        if (none && empty) {
            n.setVirtualport(null);
        }
    }

    /** The parser gives every interface without a MAC a random one with QEMU's prefix 52:54:00. */
    static void parse(List<DomainInterface> nets, RandomSource random) {
        nets.forEach(Nets::parseOne);
        nets.forEach(n -> virtualport(n, random));
        Set<String> taken = new HashSet<>();
        for (DomainInterface n : nets) {
            if (n.getMac() != null && n.getMac().getAddress() != null) {
                taken.add(n.getMac().getAddress().toLowerCase(Locale.ROOT));
            }
        }
        for (DomainInterface n : nets) {
            if (n.getMac() == null) {
                n.setMac(new DomainInterfaceMac());
            }
            if (n.getMac().getAddress() == null) {
                String mac;
                do {
                    mac = random.qemuMac();
                } while (!taken.add(mac));
                n.getMac().setAddress(mac);
            }
        }
    }

    /** qemuDomainDeviceNetDefPostParse: the default model (vDPA is always virtio; host devices have none). */
    static void postParse(DomainInterface n, GuestPlatform p) {
        if (n.getModel() != null && n.getModel().getType() != null) {
            return;
        }
        String model;
        if (n.getType() == DomainInterfaceType.VDPA) {
            model = "virtio";
        } else if (n.getType() == DomainInterfaceType.HOSTDEV) {
            return;
        } else {
            model = defaultModel(p);
        }
        DomainInterfaceModel m = new DomainInterfaceModel();
        m.setType(model);
        n.setModel(m);
    }

    /**
     * Of the NICs every x86 guest OS is likely to drive, the first QEMU has: rtl8139, e1000, then virtio
     * (and rtl8139 when QEMU reports none of them).
     */
    private static String defaultModel(GuestPlatform p) {
        if (p.has(QemuCapability.DEVICE_RTL8139)) {
            return "rtl8139";
        } else if (p.has(QemuCapability.DEVICE_E1000)) {
            return "e1000";
        } else if (p.has(QemuCapability.DEVICE_VIRTIO_NET)) {
            return "virtio";
        }
        return "rtl8139";
    }
}
