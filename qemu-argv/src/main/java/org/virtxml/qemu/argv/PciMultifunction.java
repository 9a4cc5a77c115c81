package org.virtxml.qemu.argv;

import java.util.HashSet;
import java.util.Set;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainDevice;

/**
 * libvirt's {@code virDomainPCIAddressSetAllMulti}, run again when the domain starts: a device at function 0 of a
 * slot where other functions are in use gets {@code multifunction=on} unless its address says otherwise. The
 * slots are kept in {@link Prepared} for {@link DeviceProps#address}.
 */
final class PciMultifunction implements PrepareStep {

    static final String KEY = "pci-multifunction-slots";

    @Override
    public void prepare(Prepared p) {
        Set<String> slots = new HashSet<>();
        if (p.domain().getDevices() != null) {
            for (DomainDevice d : p.domain().getDevices().all()) {
                if (d.getAddress() instanceof DomainAddressPci pci && nz(pci.getFunction()) != 0) {
                    slots.add(slot(pci));
                }
            }
        }
        p.put(KEY, slots);
    }

    static String slot(DomainAddressPci a) {
        return nz(a.getDomain()) + ":" + nz(a.getBus()) + ":" + nz(a.getSlot());
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
