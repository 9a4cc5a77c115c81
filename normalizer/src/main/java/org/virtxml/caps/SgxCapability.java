package org.virtxml.caps;

import java.util.List;

/**
 * Intel SGX support as {@code query-sgx-capabilities} reports it.
 *
 * @param flc            flexible launch control
 * @param sgx1           SGX1 instructions
 * @param sgx2           SGX2 instructions
 * @param sectionSizeKiB total EPC size in KiB
 * @param sections       EPC sections per NUMA node
 */
public record SgxCapability(boolean flc, boolean sgx1, boolean sgx2, long sectionSizeKiB, List<Section> sections) {

    /** Makes the list unmodifiable. */
    public SgxCapability {
        sections = List.copyOf(sections);
    }

    /**
     * One EPC section.
     *
     * @param node    NUMA node
     * @param sizeKiB size in KiB
     */
    public record Section(int node, long sizeKiB) {
    }
}
