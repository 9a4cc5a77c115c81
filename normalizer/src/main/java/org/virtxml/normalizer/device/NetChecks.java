package org.virtxml.normalizer.device;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceDriver;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.normalizer.NormalizeException;

/** Network interface refusals of the QEMU driver (qemuValidateDomainDeviceDefNetwork). Read-only. */
final class NetChecks {
    private NetChecks() {
    }

    /** virDomainNetDefValidate: what libvirt refuses for any hypervisor. */
    static void validate(DomainInterface n) {
        DomainInterfaceType t = n.getType();
        String mac = n.getMac() == null ? "" : n.getMac().getAddress();
        boolean hostIps = n.getSource() != null
                && (!n.getSource().getIps().isEmpty() || !n.getSource().getRoutes().isEmpty());
        if (hostIps && t != DomainInterfaceType.ETHERNET) {
            throw new NormalizeException("unsupported configuration: Invalid attempt to set network interface "
                    + "host-side IP route and/or address info on interface of type '" + t.xml()
                    + "'. This is only supported on interfaces of type 'ethernet'", n);
        }
        if (n.getTarget() != null && n.getTarget().getManaged() == YesNo.NO && t != DomainInterfaceType.ETHERNET) {
            throw new NormalizeException("unsupported configuration: unmanaged target dev is not supported on "
                    + "interfaces of type '" + t.xml() + "'", n);
        }
        if (n.getTeaming() != null && n.getTeaming().getType() != null && !"none".equals(n.getTeaming().getType())) {
            if ("transient".equals(n.getTeaming().getType())) {
                if (n.getTeaming().getPersistent() == null) {
                    throw new NormalizeException("unsupported configuration: teaming persistent attribute must be set "
                            + "if teaming type is 'transient'", n);
                }
            } else if (n.getTeaming().getPersistent() != null) {
                throw new NormalizeException("unsupported configuration: teaming persistent attribute not allowed if "
                        + "teaming type is '" + n.getTeaming().getType() + "'", n);
            }
        }
        if (n.getPort() != null && n.getPort().getIsolated() == YesNo.YES) {
            if (t != DomainInterfaceType.NETWORK && t != DomainInterfaceType.BRIDGE) {
                throw new NormalizeException("unsupported configuration: interface " + mac + " - <port isolated='yes'/>"
                        + " is not supported for network interfaces with type='" + t.xml() + "'", n);
            }
            if (n.getVirtualport() != null && n.getVirtualport().getType() != null) {
                throw new NormalizeException("unsupported configuration: interface " + mac + " - <port isolated='yes'/>"
                        + " is not supported for network interfaces with virtualport type='"
                        + n.getVirtualport().getType() + "'", n);
            }
        }
        if (t == DomainInterfaceType.VHOSTUSER) {
            if (!Nets.isVirtioModel(n)) {
                throw new NormalizeException("internal error: Wrong or no <model> 'type' attribute specified with "
                        + "<interface type='vhostuser'/>. vhostuser requires the virtio-net* frontend", n);
            }
            var src = n.getSource();
            if (src != null && "server".equals(src.getMode()) && src.getReconnect() != null
                    && src.getReconnect().getEnabled() == YesNo.YES) {
                throw new NormalizeException("unsupported configuration: 'reconnect' attribute unsupported 'server' "
                        + "mode for <interface type='vhostuser'>", n);
            }
        }
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
