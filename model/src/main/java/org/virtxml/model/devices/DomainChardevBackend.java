package org.virtxml.model.devices;

import java.util.List;

/**
 * The host side of a character device as the element that has one carries it (libvirt's virDomainChrSourceDef):
 * the {@code type} attribute, the {@code <source>} elements, the {@code <protocol>} and the {@code <log>}. Serial,
 * parallel, console and channel ports have one, as do smartcards in passthrough mode, redirected USB devices and
 * the egd RNG backend; the generated classes implement it.
 */
public interface DomainChardevBackend {

    /** The chardev type, or null when the element names none. */
    DomainChardevType getType();

    /** Sets the chardev type; null removes it. */
    void setType(DomainChardevType type);

    /** The {@code <source>} elements; never null, mutable. */
    List<DomainChardevSource> getSources();

    /** The {@code <protocol>}, or null. */
    DomainChardevProtocol getProtocol();

    /** Sets the {@code <protocol>}; null removes it. */
    void setProtocol(DomainChardevProtocol protocol);

    /** The {@code <log>}, or null. */
    DomainChardevLog getLog();

    /** Sets the {@code <log>}; null removes it. */
    void setLog(DomainChardevLog log);
}
