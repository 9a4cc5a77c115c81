package org.virtxml.caps;

/**
 * A CPU feature in a libvirt CPU definition: {@code <feature policy='require' name='x2apic'/>}.
 *
 * @param name   libvirt's feature name (cpu_map spelling: {@code tsc_adjust}, {@code pclmuldq})
 * @param policy the policy
 */
public record CpuFeature(String name, Policy policy) {

    /** libvirt's feature policies, in libvirt's order. */
    public enum Policy {
        /** The feature is enabled even if the host lacks it. */
        FORCE("force"),
        /** The host must have it. */
        REQUIRE("require"),
        /** Used when the host has it. */
        OPTIONAL("optional"),
        /** Never exposed. */
        DISABLE("disable"),
        /** The guest refuses to start if the host has it. */
        FORBID("forbid");

        private final String xml;

        Policy(String xml) {
            this.xml = xml;
        }

        /** The XML value. */
        public String xml() {
            return xml;
        }

        /** The policy for an XML value, or null. */
        public static Policy fromXml(String s) {
            for (Policy p : values()) {
                if (p.xml.equals(s)) {
                    return p;
                }
            }
            return null;
        }
    }
}
