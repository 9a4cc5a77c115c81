package org.virtxml.caps;

import java.util.List;
import java.util.Map;

/**
 * QEMU's own answer to {@code query-cpu-model-expansion} of the host CPU ({@code host} with KVM, {@code max} with
 * TCG): the raw material libvirt decodes into a {@link HostCpuModel}.
 *
 * @param model         the base model QEMU expanded to ({@code base} for a static expansion)
 * @param props         the properties in QEMU's order: features as booleans, plus {@code family}, {@code model},
 *                      {@code stepping} numbers and the {@code vendor} string
 * @param nonMigratable names of features that are on only when migratability is not required ({@code invtsc})
 */
public record CpuModelExpansion(String model, Map<String, Object> props, List<String> nonMigratable) {

    /** Makes the contents unmodifiable. */
    public CpuModelExpansion {
        props = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(props));
        nonMigratable = List.copyOf(nonMigratable);
    }
}
