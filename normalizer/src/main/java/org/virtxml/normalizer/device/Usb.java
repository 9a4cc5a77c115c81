package org.virtxml.normalizer.device;

import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;

/** Whether the guest has USB, as libvirt decides it from the controllers. */
final class Usb {
    private Usb() {
    }

    /** A USB controller other than {@code model='none'} exists (virDomainDefHasUSB). */
    static boolean enabled(DomainDevices d) {
        for (DomainController c : d.getControllers()) {
            if (c.getType() == DomainControllerType.USB && c.getModel() != DomainControllerModel.NONE) {
                return true;
            }
        }
        return false;
    }

    /** The user disabled USB: a USB controller of model {@code none} (the parser's usb_none). */
    static boolean disabledByUser(DomainDevices d) {
        for (DomainController c : d.getControllers()) {
            if (c.getType() == DomainControllerType.USB && c.getModel() == DomainControllerModel.NONE) {
                return true;
            }
        }
        return false;
    }
}
