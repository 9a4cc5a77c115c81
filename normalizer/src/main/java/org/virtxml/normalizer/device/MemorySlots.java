package org.virtxml.normalizer.device;

import java.util.BitSet;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * DIMM slots of memory modules (qemuDomainAssignMemorySlots, the last step of QEMU address assignment): with
 * memory hotplug configured, every DIMM or NVDIMM without a slot takes the lowest free one of {@code <maxMemory
 * slots>}. virtio-mem and virtio-pmem are PCI devices and get PCI addresses instead.
 */
public final class MemorySlots implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain dom = ctx.domain();
        if (dom.getMaxMemory() == null) {
            return;
        }
        int slots = dom.getMaxMemory().getSlots() == null ? 0 : dom.getMaxMemory().getSlots();
        boolean hotplug = slots > 0 || (dom.getMaxMemory().getValue() != null && dom.getMaxMemory().getValue() > 0);
        if (!hotplug) {
            return;
        }
        DomainDevices d = Devices.of(dom);
        BitSet used = new BitSet(slots);
        for (DomainMemoryDevice m : d.getMemories()) {
            if (m.getAddress() instanceof DomainAddressDimm a && a.getSlot() != null) {
                used.set(a.getSlot());
            }
        }
        for (DomainMemoryDevice m : d.getMemories()) {
            boolean dimm = m.getModel() == null || "dimm".equals(m.getModel()) || "nvdimm".equals(m.getModel());
            if (!dimm || m.getAddress() instanceof DomainAddressDimm) {
                continue;
            }
            int slot = used.nextClearBit(0);
            if (slot >= slots) {
                throw new NormalizeException("internal error: failed to find an empty memory slot", m);
            }
            used.set(slot);
            DomainAddressDimm a = new DomainAddressDimm();
            a.setSlot(slot);
            m.setAddress(a);
        }
    }
}
