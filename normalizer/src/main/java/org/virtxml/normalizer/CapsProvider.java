package org.virtxml.normalizer;

import org.virtxml.caps.QemuCaps;

/**
 * Gives the capability profile of the emulator a domain names: libvirt looks QEMU's capabilities up by the
 * {@code <emulator>} binary (or, without one, by the guest architecture's default binary).
 */
@FunctionalInterface
public interface CapsProvider {
    /** The profile for a libvirt architecture name ({@code x86_64}, {@code i686}). */
    QemuCaps forArch(String arch);

    /** The built-in QEMU 7.2 profiles (what the corpus was recorded with). */
    static CapsProvider builtin() {
        return QemuCaps::builtin;
    }
}
