package org.virtxml.xml;

/**
 * Resource bounds applied to every input, stated in one place so they can be documented and tested.
 *
 * <p>Why these numbers: virsh itself refuses XML files over 10 MiB ({@code VSH_MAX_XML_FILE}), so no config that
 * libvirt accepts is larger; the depth and attribute bounds are far above anything libvirt's schemas allow and
 * only stop pathological input from costing memory or stack.
 */
public final class Limits {
    /** Largest input document, in bytes (virsh's own limit for a domain XML file). */
    public static final int MAX_INPUT_BYTES = 10 * 1024 * 1024;
    /** Deepest element nesting accepted; libvirt's deepest real documents nest about 10 levels. */
    public static final int MAX_ELEMENT_DEPTH = 256;
    /** Most attributes on one element. */
    public static final int MAX_ATTRIBUTES = 256;
    /** Longest single attribute value, in characters. */
    public static final int MAX_ATTRIBUTE_CHARS = 1024 * 1024;
    /** Most errors reported for one document; the rest are counted, not listed. */
    public static final int MAX_ERRORS_PER_DOCUMENT = 100;

    private Limits() {
    }
}
