package org.virtxml.normalizer.address;

import java.util.HashSet;
import java.util.Set;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * DIMM slots for memory modules (qemuDomainAssignMemorySlots): with memory hotplug configured, each DIMM or NVDIMM
 * without a slot gets the lowest one not taken, out of the {@code <maxMemory slots>} the domain has.
 */
public final class MemorySlots implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        if (d.getMaxMemory() == null) {
            return;
        }
        int slots = d.getMaxMemory().getSlots() == null ? 0 : d.getMaxMemory().getSlots();
        // the slots in use, not a map of all: the slot numbers are whatever the domain says, up to 2^31-1
        Set<Integer> used = new HashSet<>();
        for (DomainMemoryDevice m : ctx.devices().getMemories()) {
            if (m.getAddress() instanceof DomainAddressDimm a && a.getSlot() != null && a.getSlot() < slots) {
                used.add(a.getSlot());
            }
        }
        for (DomainMemoryDevice m : ctx.devices().getMemories()) {
            if (!"dimm".equals(m.getModel()) && !"nvdimm".equals(m.getModel())) {
                continue;
            }
            if (m.getAddress() instanceof DomainAddressDimm) {
                continue;
            }
            int next = 0;
            while (used.contains(next)) {
                next++;
            }
            if (next >= slots) {
                throw NormalizeException.internal("failed to find an empty memory slot", m);
            }
            used.add(next);
            DomainAddressDimm a = new DomainAddressDimm();
            a.setSlot(next);
            m.setAddress(a);
        }
    }
}
