package org.virtxml.model.devices;

import jakarta.xml.bind.annotation.XmlTransient;
import org.virtxml.model.ModelObject;

/**
 * The common supertype of every device under {@code <devices>}: access to the device-info children libvirt
 * keeps for all devices (alias, ACPI index, address) and, where the device kind has one, the boot order.
 *
 * <p>It is {@link XmlTransient}: each device class lists these children itself, at the position libvirt writes
 * them, and overrides the accessors. A device kind without such a child returns null and refuses to set one.
 */
@XmlTransient
public abstract class DomainDevice extends ModelObject {

    /** The device's {@code <alias>}, or null. */
    public DomainDeviceAlias getAlias() {
        return null;
    }

    /** Sets the device's {@code <alias>}; null removes it. */
    public void setAlias(DomainDeviceAlias alias) {
        throw unsupported("<alias>");
    }

    /** The device's {@code <address>}, or null. */
    public DomainAddress getAddress() {
        return null;
    }

    /** Sets the device's {@code <address>}; null removes it. */
    public void setAddress(DomainAddress address) {
        throw unsupported("<address>");
    }

    /** The device's {@code <boot>} order, or null (always null for kinds that cannot boot). */
    public DomainDeviceBoot getBoot() {
        return null;
    }

    /** Sets the device's {@code <boot>} order; null removes it. */
    public void setBoot(DomainDeviceBoot boot) {
        throw unsupported("<boot>");
    }

    /** The device's {@code <acpi>} index, or null. */
    public DomainDeviceAcpi getAcpi() {
        return null;
    }

    /** Sets the device's {@code <acpi>} index; null removes it. */
    public void setAcpi(DomainDeviceAcpi acpi) {
        throw unsupported("<acpi>");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " has no " + what);
    }
}
