package org.virtxml.normalizer.address;

import java.util.Locale;
import org.virtxml.model.OnOff;
import org.virtxml.model.devices.DomainAddressPci;

/**
 * A PCI address being worked on: domain, bus, slot, function and the multifunction switch (null when unset).
 * Absent attributes of a parsed address count as 0, as libvirt reads them.
 */
public final class PciAddr {
    /** PCI domain. */
    public int domain;
    /** Bus number (the index of the PCI controller providing it). */
    public int bus;
    /** Slot on the bus. */
    public int slot;
    /** Function in the slot. */
    public int function;
    /** The multifunction switch, or null when unset. */
    public OnOff multi;

    /** An all-zero address. */
    public PciAddr() {
    }

    /** An address with the given bus, slot and function in domain 0. */
    public PciAddr(int bus, int slot, int function) {
        this.bus = bus;
        this.slot = slot;
        this.function = function;
    }

    /** A copy. */
    public PciAddr copy() {
        PciAddr a = new PciAddr(bus, slot, function);
        a.domain = domain;
        a.multi = multi;
        return a;
    }

    /** Reads a model address. */
    public static PciAddr of(DomainAddressPci p) {
        PciAddr a = new PciAddr();
        a.domain = p.getDomain() == null ? 0 : p.getDomain();
        a.bus = p.getBus() == null ? 0 : p.getBus();
        a.slot = p.getSlot() == null ? 0 : p.getSlot();
        a.function = p.getFunction() == null ? 0 : p.getFunction();
        a.multi = p.getMultifunction();
        return a;
    }

    /** Writes this address into a model address, all four numbers present as libvirt prints them. */
    public void writeTo(DomainAddressPci p) {
        p.setDomain(domain);
        p.setBus(bus);
        p.setSlot(slot);
        p.setFunction(function);
        p.setMultifunction(multi);
    }

    /** Domain, bus and slot all 0: libvirt's "no address yet" (the function does not count). */
    public boolean isEmpty() {
        return domain == 0 && bus == 0 && slot == 0;
    }

    /** Same domain, bus, slot and function. */
    public boolean sameAs(PciAddr o) {
        return domain == o.domain && bus == o.bus && slot == o.slot && function == o.function;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%d", domain, bus, slot, function);
    }
}
