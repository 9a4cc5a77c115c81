package org.virtxml.normalizer;

import org.virtxml.model.Domain;
import org.virtxml.model.Located;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcid;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.xml.Limits;

/**
 * Refuses, before any stage runs, the numbers that would make the later stages allocate or loop in proportion to
 * them ({@link Limits}: vCPUs, I/O threads, controller indexes, NUMA cells). Where libvirt itself refuses such a
 * number, with a message it gives at the end of its checks, that message is given here, first (a PCI controller
 * index above 255); the rest are virtxml's own bounds, above anything libvirt can run. Read-only.
 */
public final class InputBounds implements Stage {
    /** libvirt's highest PCI controller index (virDomainControllerDefValidate). */
    private static final int MAX_PCI_INDEX = 255;

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        if (d.getVcpu() != null) {
            check("<vcpu>", d.getVcpu().getValue(), Limits.MAX_VCPUS, d.getVcpu());
            check("<vcpu current>", d.getVcpu().getCurrent(), Limits.MAX_VCPUS, d.getVcpu());
        }
        check("<iothreads>", d.getIothreads(), Limits.MAX_IOTHREADS, d);
        if (d.getCpu() != null && d.getCpu().getNuma() != null) {
            check("the number of NUMA cells", d.getCpu().getNuma().getCells().size(), Limits.MAX_NUMA_CELLS,
                    d.getCpu().getNuma());
        }
        if (d.getDevices() == null) {
            return;
        }
        for (DomainController c : d.getDevices().getControllers()) {
            Integer index = c.getIndex();
            if (index != null && c.getType() == DomainControllerType.PCI
                    && Integer.toUnsignedLong(index) > MAX_PCI_INDEX) {
                throw NormalizeException.unsupported("PCI controller index " + index + " too high, maximum is "
                        + MAX_PCI_INDEX, c);
            }
            check("<controller index>", index, Limits.MAX_CONTROLLER_INDEX, c);
        }
        for (DomainDevice dev : d.getDevices().all()) {
            check("the controller of an <address>", controllerOf(dev.getAddress()), Limits.MAX_CONTROLLER_INDEX,
                    dev);
        }
    }

    /** The controller number an address names, or null. */
    private static Integer controllerOf(DomainAddress a) {
        if (a instanceof DomainAddressDrive drive) {
            return drive.getController();
        }
        if (a instanceof DomainAddressVirtioSerial vs) {
            return vs.getController();
        }
        if (a instanceof DomainAddressCcid ccid) {
            return ccid.getController();
        }
        return null;
    }

    /** Refuses {@code value} (read as unsigned, as libvirt reads it) when it is above {@code limit}. */
    private static void check(String what, Integer value, int limit, Located where) {
        if (value != null && Integer.toUnsignedLong(value) > limit) {
            throw new NormalizeException(Limits.exceeded(what, Integer.toUnsignedLong(value), limit), where);
        }
    }
}
