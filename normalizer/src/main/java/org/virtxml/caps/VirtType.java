package org.virtxml.caps;

/** The domain types a QEMU profile answers for: {@code <domain type='kvm'>} and {@code <domain type='qemu'>}. */
public enum VirtType {
    /** Pure emulation (QEMU's TCG accelerator). */
    QEMU("qemu", "tcg"),
    /** Hardware virtualization through /dev/kvm. */
    KVM("kvm", "kvm");

    private final String xml;
    private final String accel;

    VirtType(String xml, String accel) {
        this.xml = xml;
        this.accel = accel;
    }

    /** The domain type as written in XML ({@code kvm}, {@code qemu}). */
    public String xml() {
        return xml;
    }

    /** The QEMU accelerator name ({@code kvm}, {@code tcg}); also the profile's key for this type. */
    public String accel() {
        return accel;
    }

    /** The type for an XML domain type, or null. */
    public static VirtType fromXml(String s) {
        for (VirtType t : values()) {
            if (t.xml.equals(s)) {
                return t;
            }
        }
        return null;
    }

    /** The type for a QEMU accelerator name, or null. */
    public static VirtType fromAccel(String s) {
        for (VirtType t : values()) {
            if (t.accel.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
