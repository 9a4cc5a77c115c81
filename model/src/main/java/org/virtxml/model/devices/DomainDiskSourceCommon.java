package org.virtxml.model.devices;

import java.util.List;
import org.virtxml.model.DomainSeclabelRef;

/**
 * What every shape of disk {@code <source>} has, whatever the disk type (libvirt keeps it all in one
 * virStorageSource): the {@code index} attribute and the {@code <slices>}, {@code <seclabel>}, {@code <auth>},
 * {@code <encryption>} and {@code <reservations>} children; {@link DomainDiskSource} implements it through its
 * generated case classes.
 */
public interface DomainDiskSourceCommon {

    /** The {@code index} attribute, or null when absent. */
    Integer getIndex();

    /** Sets the {@code index} attribute; null removes it. */
    void setIndex(Integer index);

    /** The {@code <slices>} child element, or null when absent. */
    DomainDiskSourceSlices getSlices();

    /** Sets the {@code <slices>} child element; null removes it. */
    void setSlices(DomainDiskSourceSlices slices);

    /** The {@code <seclabel>} child elements, in order; never null, mutable. */
    List<DomainSeclabelRef> getSeclabels();

    /** The {@code <auth>} child element, or null when absent. */
    DomainDiskAuth getAuth();

    /** Sets the {@code <auth>} child element; null removes it. */
    void setAuth(DomainDiskAuth auth);

    /** The {@code <encryption>} child element, or null when absent. */
    DomainDiskEncryption getEncryption();

    /** Sets the {@code <encryption>} child element; null removes it. */
    void setEncryption(DomainDiskEncryption encryption);

    /** The {@code <reservations>} child element, or null when absent. */
    DomainDiskReservations getReservations();

    /** Sets the {@code <reservations>} child element; null removes it. */
    void setReservations(DomainDiskReservations reservations);
}
