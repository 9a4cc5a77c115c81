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
    /**
     * Most elements in one document. The largest domains libvirt's tests use have a few hundred, 10,000 disks
     * take 30,000; the bound keeps the model of any document well inside a 256 MiB heap (about 1 KiB per element).
     */
    public static final int MAX_ELEMENTS = 100_000;
    /**
     * Most elements the domain model has no place for (unknown elements, and the top-level elements of
     * {@code <metadata>}): the model keeps each as a DOM document of its own, which costs about 50 µs to make.
     */
    public static final int MAX_UNMODELLED_ELEMENTS = 10_000;
    /** Most errors reported for one document; the rest are counted, not listed. */
    public static final int MAX_ERRORS_PER_DOCUMENT = 100;
    /**
     * Most errors counted beyond those listed: validation stops there, since making each of Jing's messages costs
     * more than reading the element it is about.
     */
    public static final int MAX_ERRORS_COUNTED = 1000;
    /** Longest element or attribute name, in characters (the JDK parser's own secure-processing default). */
    public static final int MAX_NAME_CHARS = 1000;

    // Semantic bounds: numbers in a domain that libvirt turns into as many objects, table entries or loop turns
    // (with -1 read as 2^32-1, libvirt 9.0 itself allocates until it is killed). virtxml refuses a value above its
    // bound before anything is allocated by it; everywhere else memory follows the number of elements in the
    // document (itself bounded by MAX_INPUT_BYTES), never a number written in it.

    /**
     * Most vCPUs ({@code <vcpu>} and its {@code current}): libvirt's CPU masks end at this many CPUs
     * ({@code VIR_DOMAIN_CPUMASK_LEN}) and no QEMU machine type comes near it (x86 q35 takes 288); libvirt
     * allocates a structure per vCPU before any check.
     */
    public static final int MAX_VCPUS = 16384;
    /** Most I/O threads ({@code <iothreads>}): libvirt makes an id for each; bounded like the vCPUs. */
    public static final int MAX_IOTHREADS = 16384;
    /**
     * Highest controller index ({@code <controller index>}) and controller number in a drive, virtio-serial or
     * CCID address: PCI has 256 buses of 32 slots with 8 functions, so no domain connects more controllers of one
     * type; libvirt adds every lower-numbered controller an address implies and keeps a table entry per USB index.
     * (A PCI controller index above 255 gets libvirt's own refusal.)
     */
    public static final int MAX_CONTROLLER_INDEX = 65535;
    /**
     * Most NUMA cells ({@code <cpu><numa><cell>}): libvirt keeps a distance for every pair of cells, so the memory
     * grows with the square of their number; QEMU itself takes at most 128 nodes.
     */
    public static final int MAX_NUMA_CELLS = 1024;

    private Limits() {
    }

    /**
     * The message of a refusal by one of these bounds, worded so that it is never mistaken for libvirt's own:
     * {@code virtxml limit: <vcpu> is 2147483647, above the bound of 16384 (docs/hardening.md, "Limits")}.
     */
    public static String exceeded(String what, long value, long limit) {
        return "virtxml limit: " + what + " is " + value + ", above the bound of " + limit
                + " (docs/hardening.md, \"Limits\")";
    }
}
