package org.virtxml.qemu.argv;

import java.util.HashSet;
import java.util.Set;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.qemu.argv.frontend.NetPlan;

/**
 * libvirt's {@code virDomainPCIAddressSetAllMulti}, run again when the domain starts: a device at function 0 of a
 * slot where other functions are in use gets {@code multifunction=on} unless its address says otherwise. The
 * addresses are those at start: the controllers including those added then, the rebuilt interfaces' new ones
 * ({@link NetPlan}) instead of those in the XML. The slots are kept in {@link Prepared} for
 * {@link DeviceProps#address}.
 */
final class PciMultifunction implements PrepareStep {

    static final String KEY = "pci-multifunction-slots";

    @Override
    public void prepare(Prepared p) {
        Set<String> slots = new HashSet<>();
        if (p.domain().getDevices() != null) {
            for (DomainDevice d : p.domain().getDevices().all()) {
                if (!(d instanceof DomainController) && !(d instanceof DomainInterface)) {
                    add(slots, d.getAddress());
                }
            }
            for (DomainController c : p.controllers()) {
                add(slots, c.getAddress());
            }
            NetPlan plan = NetPlan.of(p);
            for (NetPlan.Nic nic : plan.nics()) {
                add(slots, nic.address());
            }
            for (NetPlan.Hostdev h : plan.hostdevs()) {
                add(slots, h.address());
            }
        }
        p.put(KEY, slots);
    }

    private static void add(Set<String> slots, DomainAddress address) {
        if (address instanceof DomainAddressPci pci && nz(pci.getFunction()) != 0) {
            slots.add(slot(pci));
        }
    }

    static String slot(DomainAddressPci a) {
        return nz(a.getDomain()) + ":" + nz(a.getBus()) + ":" + nz(a.getSlot());
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
