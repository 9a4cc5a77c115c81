package org.virtxml.caps;

/**
 * libvirt's tests of a guest's architecture and machine type family by name (ARCH_IS_X86, qemuDomainIsQ35,
 * qemuDomainIsI440FX), in one place for the normalizer, the capability documents and the argv backend. The
 * family tests look at the name only: callers that need libvirt's full test add {@link #isX86} of the guest.
 */
public final class Machines {
    private Machines() {
    }

    /** An x86 guest architecture: {@code x86_64} or {@code i686}. */
    public static boolean isX86(String arch) {
        return "x86_64".equals(arch) || "i686".equals(arch);
    }

    /** A q35 (ICH9, PCI Express) machine name: {@code q35} or {@code pc-q35-*}; false for null. */
    public static boolean isQ35Name(String machine) {
        return machine != null && (machine.equals("q35") || machine.startsWith("pc-q35-"));
    }

    /**
     * An i440FX (PIIX3, conventional PCI) machine name: {@code pc}, {@code pc-i440fx-*} and the old {@code pc-0.*},
     * {@code pc-1.*} and {@code rhel*} names; false for null.
     */
    public static boolean isI440fxName(String machine) {
        return machine != null && (machine.equals("pc") || machine.startsWith("pc-0.") || machine.startsWith("pc-1.")
                || machine.startsWith("pc-i440fx-") || machine.startsWith("rhel"));
    }
}
