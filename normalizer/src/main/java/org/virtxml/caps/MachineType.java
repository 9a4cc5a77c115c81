package org.virtxml.caps;

/**
 * One machine type as {@code query-machines} describes it.
 *
 * @param name             the canonical name, e.g. {@code pc-i440fx-7.2}
 * @param alias            the alias that points to it ({@code pc}, {@code q35}), or null
 * @param qemuDefault      QEMU's own default machine (libvirt prefers its own choice, see
 *                         {@link QemuCaps#defaultMachine})
 * @param maxCpus          {@code cpu-max}
 * @param hotplugCpus      {@code hotpluggable-cpus}
 * @param defaultCpuType   the QOM type of the default CPU ({@code qemu64-x86_64-cpu}), or null
 * @param defaultRamId     {@code default-ram-id} ({@code pc.ram}), or null
 * @param numaMemSupported {@code numa-mem-supported}: the legacy {@code -numa node,mem=} is still accepted
 * @param deprecated       QEMU marks the machine deprecated
 */
public record MachineType(String name, String alias, boolean qemuDefault, int maxCpus, boolean hotplugCpus,
        String defaultCpuType, String defaultRamId, boolean numaMemSupported, boolean deprecated) {

    /**
     * The default CPU as a model name ({@code qemu64} from {@code qemu64-x86_64-cpu}), or null; QEMU names CPU
     * types {@code MODEL-ARCH-cpu}.
     */
    public String defaultCpuModel(String qemuArch) {
        if (defaultCpuType == null) {
            return null;
        }
        String suffix = "-" + qemuArch + "-cpu";
        return defaultCpuType.endsWith(suffix)
                ? defaultCpuType.substring(0, defaultCpuType.length() - suffix.length()) : defaultCpuType;
    }
}
