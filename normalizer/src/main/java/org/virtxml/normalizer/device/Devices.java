package org.virtxml.normalizer.device;

import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainDevices;

/** Small shared helpers for the device stages. */
final class Devices {
    private Devices() {
    }

    /** The domain's {@code <devices>}, created when the document has none (libvirt always prints it). */
    static DomainDevices of(Domain d) {
        if (d.getDevices() == null) {
            d.setDevices(new DomainDevices());
        }
        return d.getDevices();
    }
}
