package org.virtxml.normalizer.device;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceMac;
import org.virtxml.model.devices.DomainInterfaceModel;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.normalizer.RandomSource;

/** Network interface defaults: a generated MAC address, the NIC model QEMU offers first. */
final class Nets {
    private Nets() {
    }

    /** The parser gives every interface without a MAC a random one with QEMU's prefix 52:54:00. */
    static void parse(List<DomainInterface> nets, RandomSource random) {
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
