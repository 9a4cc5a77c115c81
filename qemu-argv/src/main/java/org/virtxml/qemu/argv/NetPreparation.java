package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.qemu.argv.frontend.NetPlan;
import org.virtxml.qemu.argv.frontend.PciSlots;

/**
 * Preparation step for the conversion domxml-to-native applies to interfaces: since it cannot set up networks,
 * bridges or macvtap devices for a command line it only prints, libvirt replaces every interface by a fresh
 * 'ethernet' one (a tap device it opens) keeping only model, MAC, script and boot order. The fresh interfaces have
 * no address, so address assignment at start gives them the first free compatible PCI slots, in interface order,
 * around the devices that keep theirs. Interfaces of type 'hostdev' also leave their PCI host device behind
 * ({@link NetPlan.Hostdev}).
 */
final class NetPreparation implements PrepareStep {

    /**
     * Where libvirt's descriptors for tap devices start. The real numbers depend on what the daemon has open;
     * only their shape matters (the scorer masks them), so they are numbered from the first free descriptor.
     */
    private static final int FIRST_FD = 3;

    /** libvirt's NIC model names (virDomainNetModel); other names are passed through as QEMU device names. */
    private static final List<String> KNOWN_MODELS = List.of("netfront", "rtl8139", "virtio", "e1000", "e1000e",
            "virtio-transitional", "virtio-non-transitional", "usb-net", "spapr-vlan", "lan9118", "scm91c111",
            "vlance", "vmxnet", "vmxnet2", "vmxnet3", "Am79C970A", "Am79C973", "82540EM", "82545EM", "82543GC");

    @Override
    public void prepare(Prepared p) {
        DomainDevices devices = p.domain().getDevices();
        if (devices == null || devices.getInterfaces().isEmpty()) {
            return;
        }
        Set<DomainDevice> skip = Collections.newSetFromMap(new IdentityHashMap<>());
        skip.addAll(devices.getInterfaces());
        PciSlots slots = new PciSlots(p.domain(), p.isQ35(), p.isI440fx(), skip);
        boolean pcieRoot = p.isQ35();
        List<NetPlan.Nic> nics = new ArrayList<>();
        int fd = FIRST_FD;
        for (DomainInterface itf : devices.getInterfaces()) {
            String model = model(itf);
            DomainAddress address = itf.getAddress();
            PciSlots.Connect connect = connect(p, model, pcieRoot);
            if (connect != null) {
                address = slots.next(connect);
            } else if (address instanceof DomainAddressPci) {
                address = null;
            }
            nics.add(new NetPlan.Nic(itf, model, itf.getMac() == null ? null : itf.getMac().getAddress(),
                    itf.getScript() == null ? null : itf.getScript().getPath(), address, fd));
            // libvirt also tries /dev/vhost-net for each tap; the descriptors of one interface are consecutive
            fd += 2;
        }
        // the host devices of 'hostdev' interfaces are given addresses after all interfaces, as libvirt visits
        // host devices after interfaces when it assigns PCI slots
        List<NetPlan.Hostdev> hostdevs = new ArrayList<>();
        for (DomainInterface itf : devices.getInterfaces()) {
            if (itf.getType() != DomainInterfaceType.HOSTDEV || itf.getSource() == null
                    || !(itf.getSource().getAddress() instanceof DomainAddressPci host)) {
                continue;
            }
            String backend = itf.getHostdevDriver() == null || itf.getHostdevDriver().getName() == null
                    ? "default" : itf.getHostdevDriver().getName();
            hostdevs.add(new NetPlan.Hostdev(itf, "hostdev" + hostdevs.size(), backend, host,
                    slots.next(pcieRoot ? PciSlots.Connect.PCIE : PciSlots.Connect.PCI)));
        }
        p.put(NetPlan.KEY, new NetPlan(nics, hostdevs));
    }

    /** The model as libvirt keeps it: its own spelling for the names it knows (they are matched ignoring case). */
    static String model(DomainInterface itf) {
        if (itf.getModel() == null || itf.getModel().getType() == null) {
            return null;
        }
        String m = itf.getModel().getType();
        for (String known : KNOWN_MODELS) {
            if (known.toLowerCase(Locale.ROOT).equals(m.toLowerCase(Locale.ROOT))) {
                return known;
            }
        }
        return m;
    }

    /**
     * The kind of slot a NIC model needs (libvirt's qemuDomainDeviceCalculatePCIConnectFlags): virtio and e1000e
     * are PCI Express devices when the machine has a PCIe root, as are models libvirt does not know; the
     * transitional virtio model and the old emulated NICs are conventional PCI; usb-net is no PCI device.
     */
    private static PciSlots.Connect connect(Prepared p, String model, boolean pcieRoot) {
        PciSlots.Connect pcie = pcieRoot ? PciSlots.Connect.PCIE : PciSlots.Connect.PCI;
        if (model == null) {
            return pcie;
        }
        return switch (model) {
            case "usb-net" -> null;
            case "virtio", "virtio-non-transitional" -> p.caps().has(QemuCapability.VIRTIO_PCI_TRANSITIONAL)
                    ? pcie : PciSlots.Connect.PCI;
            case "e1000e" -> pcie;
            default -> KNOWN_MODELS.contains(model) ? PciSlots.Connect.PCI : pcie;
        };
    }
}
