package org.virtxml.normalizer.device;

import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcid;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressIsa;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainDevice;

/**
 * Device addresses other than PCI and USB (which the address-assignment stage owns) as libvirt keeps them: drive,
 * virtio-serial, CCID and DIMM addresses are numbers that are always written (absent means 0), ISA I/O bases and
 * IRQs only when set.
 */
public final class DeviceInfos {
    private DeviceInfos() {
    }

    static void parse(DomainDevice dev) {
        readNumbers(dev.getAddress());
    }

    /**
     * Reads an address other than PCI and USB into the plain integers libvirt keeps it in; done when a device is
     * parsed and again before it is formatted (the address stages may have added addresses in between).
     */
    public static void readNumbers(DomainAddress a) {
        if (a instanceof DomainAddressDrive d) {
            d.setController(zero(d.getController()));
            d.setBus(zero(d.getBus()));
            d.setTarget(zero(d.getTarget()));
            d.setUnit(zero(d.getUnit()));
        } else if (a instanceof DomainAddressVirtioSerial v) {
            v.setController(zero(v.getController()));
            v.setBus(zero(v.getBus()));
            v.setPort(zero(v.getPort()));
        } else if (a instanceof DomainAddressCcid c) {
            c.setController(zero(c.getController()));
            c.setSlot(zero(c.getSlot()));
        } else if (a instanceof DomainAddressDimm m) {
            m.setSlot(zero(m.getSlot()));
            if (m.getBase() != null && m.getBase() == 0) {
                m.setBase(null);
            }
        } else if (a instanceof DomainAddressIsa i) {
            if (i.getIobase() != null && i.getIobase() <= 0) {
                i.setIobase(null);
            }
            if (i.getIrq() != null && i.getIrq() <= 0) {
                i.setIrq(null);
            }
        }
    }

    private static Integer zero(Integer i) {
        return i == null ? 0 : i;
    }
}
