package org.virtxml.normalizer.address;

import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcid;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressIsa;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainAddressVirtioS390;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.normalizer.NormalizeException;

/**
 * The device information every device carries (alias, ROM, address), as libvirt's parser reads it
 * (virDomainDeviceInfoParseXML) and its formatter writes it (virDomainDeviceInfoFormat).
 */
public final class DeviceInfo {
    private static final String USER_ALIAS_PREFIX = "ua-";
    private static final String USER_ALIAS_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    private DeviceInfo() {
    }

    /**
     * Parse-time rules for every device: an inactive definition keeps only user aliases ({@code ua-} and safe
     * characters), a disabled ROM takes no tuning, a PCI address must be in range, a USB port path must parse.
     */
    public static void parse(DomainDevices devices) {
        for (DomainDevice d : devices.all()) {
            if (d.getAlias() != null && !userAlias(d.getAlias().getName())) {
                d.setAlias(null);
            }
            rom(d);
            if (d.getAddress() instanceof DomainAddressPci p) {
                PciAddr a = PciAddr.of(p);
                if (!a.isEmpty()) {
                    checkRange(a, p);
                }
            } else if (d.getAddress() instanceof DomainAddressUsb u) {
                UsbAddresses.parsePort(u.getPort(), u);
            }
        }
    }

    private static boolean userAlias(String alias) {
        if (alias == null || !alias.startsWith(USER_ALIAS_PREFIX)) {
            return false;
        }
        for (int i = 0; i < alias.length(); i++) {
            if (USER_ALIAS_CHARS.indexOf(alias.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void rom(DomainDevice d) {
        org.virtxml.model.devices.DomainDeviceRom rom = null;
        if (d instanceof DomainHostdev h) {
            rom = h.getRom();
        } else if (d instanceof DomainInterface i) {
            rom = i.getRom();
        }
        if (rom != null && rom.getEnabled() == YesNo.NO && (rom.getBar() != null || rom.getFile() != null)) {
            throw NormalizeException.unsupported("ROM tuning is not supported when ROM is disabled", rom);
        }
    }

    /** Bus, slot and function ranges of a PCI address (virPCIDeviceAddressIsValid). */
    public static void checkRange(PciAddr a, org.virtxml.model.Located where) {
        if (a.bus > 0xFF) {
            throw NormalizeException.xmlError(String.format("Invalid PCI address bus='0x%x', must be <= 0xFF", a.bus),
                    where);
        }
        if (a.slot > 0x1F) {
            throw NormalizeException.xmlError(String.format("Invalid PCI address slot='0x%x', must be <= 0x1F",
                    a.slot), where);
        }
        if (a.function > 7) {
            throw NormalizeException.xmlError(String.format("Invalid PCI address function=0x%x, must be <= 7",
                    a.function), where);
        }
    }

    /**
     * Addresses as libvirt prints them: a PCI address with all four numbers (none when empty), drive,
     * virtio-serial and CCID addresses with every number (0 when absent), a USB address with its bus, a DIMM with
     * its slot; a legacy s390 address is not printed at all.
     */
    public static void format(DomainDevices devices) {
        for (DomainDevice d : devices.all()) {
            format(d);
        }
    }

    /** Formats one device's address. */
    public static void format(DomainDevice d) {
        DomainAddress addr = d.getAddress();
        if (addr == null) {
            return;
        }
        if (addr instanceof DomainAddressPci p) {
            PciAddr a = PciAddr.of(p);
            OnOff multi = p.getMultifunction();
            if (a.isEmpty()) {
                p.setDomain(null);
                p.setBus(null);
                p.setSlot(null);
                p.setFunction(null);
            } else {
                a.writeTo(p);
            }
            p.setMultifunction(multi);
        } else if (addr instanceof DomainAddressDrive a) {
            a.setController(zero(a.getController()));
            a.setBus(zero(a.getBus()));
            a.setTarget(zero(a.getTarget()));
            a.setUnit(zero(a.getUnit()));
        } else if (addr instanceof DomainAddressVirtioSerial a) {
            a.setController(zero(a.getController()));
            a.setBus(zero(a.getBus()));
            a.setPort(zero(a.getPort()));
        } else if (addr instanceof DomainAddressCcid a) {
            a.setController(zero(a.getController()));
            a.setSlot(zero(a.getSlot()));
        } else if (addr instanceof DomainAddressUsb a) {
            a.setBus(zero(a.getBus()));
            int[] port = UsbAddresses.parsePort(a.getPort(), a);
            a.setPort(port[0] == 0 ? null : UsbAddresses.format(port));
        } else if (addr instanceof DomainAddressDimm a) {
            a.setSlot(zero(a.getSlot()));
            if (a.getBase() != null && a.getBase() == 0) {
                a.setBase(null);
            }
        } else if (addr instanceof DomainAddressIsa a) {
            if (a.getIobase() != null && a.getIobase() <= 0) {
                a.setIobase(null);
            }
            if (a.getIrq() != null && a.getIrq() <= 0) {
                a.setIrq(null);
            }
        } else if (addr instanceof DomainAddressVirtioS390) {
            d.setAddress(null);
        }
    }

    private static int zero(Integer v) {
        return v == null ? 0 : v;
    }
}
