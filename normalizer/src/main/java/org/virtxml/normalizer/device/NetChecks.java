package org.virtxml.normalizer.device;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceDriver;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.normalizer.NormalizeException;

/** Network interface refusals of the QEMU driver (qemuValidateDomainDeviceDefNetwork). Read-only. */
final class NetChecks {
    private NetChecks() {
    }

    static void validateQemu(DomainInterface n, GuestPlatform p) {
        DomainInterfaceType t = n.getType();
        boolean guestIps = !n.getIps().isEmpty() || !n.getRoutes().isEmpty();
        if (t == DomainInterfaceType.USER) {
            if (!n.getRoutes().isEmpty()) {
                throw new NormalizeException("unsupported configuration: Invalid attempt to set network interface "
                        + "guest-side IP route, not supported by QEMU", n);
            }
        } else if (t == DomainInterfaceType.VDPA) {
            if (!p.has(QemuCapability.NETDEV_VHOST_VDPA)) {
                throw new NormalizeException(
                        "unsupported configuration: vDPA devices are not supported with this QEMU binary", n);
            }
        } else if (guestIps) {
            throw new NormalizeException("unsupported configuration: Invalid attempt to set network interface "
                    + "guest-side IP route and/or address info, not supported by QEMU", n);
        }
        DomainInterfaceDriver drv = n.getDriver();
        if (Nets.isVirtioModel(n) && drv != null) {
            if (drv.getRxQueueSize() != null && Integer.bitCount(drv.getRxQueueSize()) != 1) {
                throw new NormalizeException("unsupported configuration: rx_queue_size has to be a power of two", n);
            }
            if (drv.getTxQueueSize() != null && Integer.bitCount(drv.getTxQueueSize()) != 1) {
                throw new NormalizeException("unsupported configuration: tx_queue_size has to be a power of two", n);
            }
            if (drv.getRss() != null && !p.has(QemuCapability.VIRTIO_NET_RSS)) {
                throw new NormalizeException(
                        "unsupported configuration: virtio rss is not supported with this QEMU binary", n);
            }
        }
        boolean mtuSupported = t == DomainInterfaceType.NETWORK || t == DomainInterfaceType.BRIDGE
                || t == DomainInterfaceType.ETHERNET || t == DomainInterfaceType.VHOSTUSER;
        if (n.getMtu() != null && n.getMtu().getSize() != null && n.getMtu().getSize() != 0 && !mtuSupported) {
            throw new NormalizeException("unsupported configuration: setting MTU on interface type " + t.xml()
                    + " is not supported yet", n);
        }
        if (n.getCoalesce() != null && t != DomainInterfaceType.NETWORK && t != DomainInterfaceType.BRIDGE) {
            throw new NormalizeException("unsupported configuration: coalesce settings on interface type " + t.xml()
                    + " are not supported", n);
        }
    }
}
