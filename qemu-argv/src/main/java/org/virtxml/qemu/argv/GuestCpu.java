package org.virtxml.qemu.argv;

import java.util.List;

/**
 * The guest CPU as libvirt has it when it builds {@code -cpu}, after {@code qemuProcessUpdateGuestCPU}: a
 * host-model CPU has become a custom one (this host's model and features), features are checked against the host.
 *
 * @param mode      {@code custom}, {@code host-passthrough}, {@code maximum} (never host-model on x86)
 * @param model     the model of a custom CPU, or null
 * @param vendorId  {@code <model vendor_id>}, or null
 * @param features  the features in order, libvirt names
 * @param migratable {@code <cpu migratable>}: "on", "off" or null
 */
public record GuestCpu(String mode, String model, String vendorId, List<Feature> features, String migratable) {

    /** Makes the list unmodifiable. */
    public GuestCpu {
        features = List.copyOf(features);
    }

    /**
     * One feature and its policy.
     *
     * @param name   libvirt's name
     * @param policy {@code force}, {@code require}, {@code optional}, {@code disable} or {@code forbid}
     */
    public record Feature(String name, String policy) {
    }

    /** The prepared-state key under which {@link CpuPreparation} stores the guest CPU. */
    static final String KEY = "guest-cpu";
}
