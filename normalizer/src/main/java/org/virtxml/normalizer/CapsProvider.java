package org.virtxml.normalizer;

import org.virtxml.caps.QemuCaps;

/**
 * Gives the capability profile of the emulator a domain names: libvirt looks QEMU's capabilities up by the
 * {@code <emulator>} binary (or, without one, by the guest architecture's default binary).
 *
 * <p>Implementations answer by architecture ({@link #forArch}); the normalizer asks by binary
 * ({@link #forEmulator}) and for the default binary of an architecture ({@link #defaultEmulator}), which by
 * default are worked out from the profiles {@link #forArch} gives for the architectures there are profiles of.
 */
@FunctionalInterface
public interface CapsProvider {
    /** The profile for a libvirt architecture name ({@code x86_64}, {@code i686}). */
    QemuCaps forArch(String arch);

    /**
     * The profile of the emulator binary at {@code path}, or null when the host has no such binary (libvirt then
     * refuses with "Cannot check QEMU binary ...").
     */
    default QemuCaps forEmulator(String path) {
        for (String arch : QemuCaps.builtinArchs()) {
            QemuCaps c = tryArch(arch);
            if (c != null && c.emulator().equals(path)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The binary libvirt fills in when the domain names no {@code <emulator>}: the one named after the guest
     * architecture ({@code qemu-system-i386} for i686), or null when there is none.
     */
    default String defaultEmulator(String arch) {
        QemuCaps c = tryArch(arch);
        return c == null ? null : c.emulator();
    }

    private QemuCaps tryArch(String arch) {
        try {
            return forArch(arch);
        } catch (IllegalArgumentException noSuchProfile) {
            return null;
        }
    }

    /** The built-in QEMU 7.2 profiles (what the corpus was recorded with). */
    static CapsProvider builtin() {
        return new CapsProvider() {
            @Override
            public QemuCaps forArch(String arch) {
                return QemuCaps.builtin(arch);
            }

            @Override
            public QemuCaps forEmulator(String path) {
                // what the default method answers, without loading the profiles of the other binaries
                return QemuCaps.builtinForEmulator(path);
            }
        };
    }
}
