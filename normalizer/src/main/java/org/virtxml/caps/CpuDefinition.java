package org.virtxml.caps;

import java.util.List;

/**
 * One CPU model from {@code query-cpu-definitions}, as answered under one accelerator.
 *
 * @param name                the model name ({@code EPYC-Rome}, {@code qemu64}, {@code EPYC-Rome-v2})
 * @param typename            its QOM type ({@code EPYC-Rome-x86_64-cpu})
 * @param unavailableFeatures QEMU's names of the features this host/accelerator lacks for the model; empty means
 *                            usable; null means QEMU did not say
 * @param isStatic            {@code static}: the model never changes between QEMU versions
 * @param migrationSafe       {@code migration-safe}
 * @param deprecated          {@code deprecated}
 * @param aliasOf             for an unversioned alias, the versioned model it resolves to, or null
 */
public record CpuDefinition(String name, String typename, List<String> unavailableFeatures, boolean isStatic,
        boolean migrationSafe, boolean deprecated, String aliasOf) {

    /** Makes the feature list unmodifiable. */
    public CpuDefinition {
        unavailableFeatures = unavailableFeatures == null ? null : List.copyOf(unavailableFeatures);
    }

    /** libvirt's usability verdict for this model. */
    public Usability usability() {
        if (unavailableFeatures == null) {
            return Usability.UNKNOWN;
        }
        return unavailableFeatures.isEmpty() ? Usability.YES : Usability.NO;
    }

    /** Whether a CPU model can run here, as {@code <model usable='...'>} says. */
    public enum Usability {
        /** QEMU did not report unavailable features. */
        UNKNOWN("unknown"),
        /** Nothing is missing. */
        YES("yes"),
        /** Some features are missing. */
        NO("no");

        private final String xml;

        Usability(String xml) {
            this.xml = xml;
        }

        /** The XML value. */
        public String xml() {
            return xml;
        }
    }
}
