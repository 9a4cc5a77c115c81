package org.virtxml.normalizer.device;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainOsTypeName;
import org.virtxml.model.devices.DomainInput;
import org.virtxml.model.devices.DomainInputBus;
import org.virtxml.model.devices.DomainInputType;

/** Input device defaults. */
final class Inputs {
    private Inputs() {
    }

    /**
     * The parser's bus for an input without one: PS/2 for an x86 HVM mouse or keyboard, virtio for passthrough,
     * none for evdev, USB otherwise; Xen for Xen guests.
     */
    static void parse(DomainInput i, GuestPlatform p, Domain dom) {
        if (i.getBus() != null) {
            return;
        }
        DomainOsTypeName os = dom.getOs() == null || dom.getOs().getType() == null ? null
                : dom.getOs().getType().getValue();
        if (os == null || os == DomainOsTypeName.HVM) {
            if ((i.getType() == DomainInputType.MOUSE || i.getType() == DomainInputType.KEYBOARD) && p.isX86()) {
                i.setBus(DomainInputBus.PS2);
            } else if (i.getType() == DomainInputType.PASSTHROUGH) {
                i.setBus(DomainInputBus.VIRTIO);
            } else if (i.getType() == DomainInputType.EVDEV) {
                // evdev inputs are not on a guest bus; nothing is written
                return;
            } else {
                i.setBus(DomainInputBus.USB);
            }
        } else if (os == DomainOsTypeName.XEN || os == DomainOsTypeName.XENPVH) {
            i.setBus(DomainInputBus.XEN);
        }
    }
}
