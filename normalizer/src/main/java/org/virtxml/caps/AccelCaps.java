package org.virtxml.caps;

import java.util.List;

/**
 * What QEMU answered under one accelerator (libvirt probes twice: with KVM, then with TCG only).
 *
 * @param machines            machine types in QEMU's order ({@code none} left out)
 * @param cpuDefinitions      CPU models in QEMU's order, with usability under this accelerator
 * @param hostCpuExpansion    QEMU's expansion of {@code host} (KVM) or {@code max} (TCG), or null
 * @param hostModel           {@code host-model} as libvirt reports it in domain capabilities, or null when
 *                            host-model is not available
 * @param hostModelMigratable {@code host-model} without non-migratable features: what a started guest gets
 *                            (no {@code invtsc}); null when unavailable
 */
public record AccelCaps(List<MachineType> machines, List<CpuDefinition> cpuDefinitions,
        CpuModelExpansion hostCpuExpansion, HostCpuModel hostModel, HostCpuModel hostModelMigratable) {

    /** Makes the lists unmodifiable. */
    public AccelCaps {
        machines = List.copyOf(machines);
        cpuDefinitions = List.copyOf(cpuDefinitions);
    }
}
