package org.virtxml.normalizer.device;

import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;

/** The few controller operations the device stages need (the controller stage owns everything else). */
final class Controllers {
    private Controllers() {
    }

    /** The controller of {@code type} with {@code index}, or null. */
    static DomainController find(DomainDevices d, DomainControllerType type, int index) {
        for (DomainController c : d.getControllers()) {
            if (c.getType() == type && c.getIndex() != null && c.getIndex() == index) {
                return c;
            }
        }
        return null;
    }

    /**
     * Appends a controller of {@code type} at {@code index} unless one exists (virDomainDefMaybeAddController);
     * adding twice is harmless, so a later stage doing the same sees it present.
     */
    static DomainController maybeAdd(DomainDevices d, DomainControllerType type, int index) {
        DomainController c = find(d, type, index);
        if (c == null) {
            c = new DomainController();
            c.setType(type);
            c.setIndex(index);
            d.getControllers().add(c);
        }
        return c;
    }
}
