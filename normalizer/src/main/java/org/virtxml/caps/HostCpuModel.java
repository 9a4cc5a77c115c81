package org.virtxml.caps;

import java.util.List;

/**
 * What {@code <cpu mode='host-model'>} becomes on this host: libvirt's decoding of the CPU QEMU can give a guest
 * into a named model plus feature changes, e.g. {@code kvm64} with {@code vme, x2apic, ...} required and
 * {@code pni} disabled (KVM on the corpus host) or {@code EPYC} with TCG. The argv backend writes it as
 * {@code -cpu MODEL,feat=on,feat=off} using {@link QemuCaps#qemuFeatureName}.
 *
 * @param model    the base model name
 * @param vendor   the CPU vendor ({@code AMD}, {@code Intel}), or null
 * @param features feature changes relative to the model, in libvirt's order (required ones first)
 */
public record HostCpuModel(String model, String vendor, List<CpuFeature> features) {

    /** Makes the feature list unmodifiable. */
    public HostCpuModel {
        features = List.copyOf(features);
    }
}
