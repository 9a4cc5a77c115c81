package org.virtxml.normalizer;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;

/**
 * Where generated values (UUIDs, MAC addresses) get their randomness. Production uses a secure source; tests
 * inject a seeded one so outputs are deterministic.
 */
public interface RandomSource {

    /** Fills {@code bytes} with random bytes. */
    void nextBytes(byte[] bytes);

    /** A random RFC 4122 version-4 UUID in libvirt's printed form. */
    default String uuid() {
        byte[] b = new byte[16];
        nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(String.format(Locale.ROOT, "%02x", b[i] & 0xff));
        }
        return s.toString();
    }

    /** A random MAC address with QEMU's prefix 52:54:00, as libvirt generates for interfaces without one. */
    default String qemuMac() {
        byte[] b = new byte[3];
        nextBytes(b);
        return String.format(Locale.ROOT, "52:54:00:%02x:%02x:%02x", b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
    }

    /** A cryptographically strong source, for real use. */
    static RandomSource secure() {
        SecureRandom r = new SecureRandom();
        return r::nextBytes;
    }

    /** A deterministic source, for tests. */
    static RandomSource seeded(long seed) {
        Random r = new Random(seed);
        return r::nextBytes;
    }
}
