package org.virtxml.model;

import java.util.List;
import org.w3c.dom.Element;

/**
 * An element type that keeps the child elements this model does not know.
 *
 * <p>Such children are read as DOM elements in input order and written back after all known children, so a
 * document from a newer libvirt, or with a driver's private extension, survives a round trip (libvirt itself
 * drops them).
 */
public interface Extensible {
    /** Unknown child elements in input order; never null, mutable. */
    List<Element> getOtherElements();
}
