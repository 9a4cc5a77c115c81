package org.virtxml.normalizer.device;

import java.util.Objects;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcid;
import org.virtxml.model.devices.DomainAddressCcw;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressIsa;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainAddressSpaprVio;
import org.virtxml.model.devices.DomainAddressUnassigned;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainAddressVirtioMmio;
import org.virtxml.model.devices.DomainAddressVirtioS390;
import org.virtxml.model.devices.DomainAddressVirtioSerial;

/** What the checks need to know about device addresses. */
final class Addresses {
    private Addresses() {
    }

    /** libvirt's name of the address type ({@code none} for no address). */
    static String type(DomainAddress a) {
        if (a == null) {
            return "none";
        } else if (a instanceof DomainAddressPci) {
            return "pci";
        } else if (a instanceof DomainAddressDrive) {
            return "drive";
        } else if (a instanceof DomainAddressVirtioSerial) {
            return "virtio-serial";
        } else if (a instanceof DomainAddressCcid) {
            return "ccid";
        } else if (a instanceof DomainAddressUsb) {
            return "usb";
        } else if (a instanceof DomainAddressSpaprVio) {
            return "spapr-vio";
        } else if (a instanceof DomainAddressVirtioS390) {
            return "virtio-s390";
        } else if (a instanceof DomainAddressCcw) {
            return "ccw";
        } else if (a instanceof DomainAddressVirtioMmio) {
            return "virtio-mmio";
        } else if (a instanceof DomainAddressIsa) {
            return "isa";
        } else if (a instanceof DomainAddressDimm) {
            return "dimm";
        } else if (a instanceof DomainAddressUnassigned) {
            return "unassigned";
        }
        throw new IllegalStateException("unknown address " + a.getClass());
    }

    /** Same controller, bus, target and unit. */
    static boolean sameDrive(DomainAddressDrive a, DomainAddressDrive b) {
        return Objects.equals(a.getController(), b.getController()) && Objects.equals(a.getBus(), b.getBus())
                && Objects.equals(a.getTarget(), b.getTarget()) && Objects.equals(a.getUnit(), b.getUnit());
    }
}
