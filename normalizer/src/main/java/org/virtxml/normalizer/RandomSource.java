package org.virtxml.normalizer;

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
            hex(b[i], s);
        }
        return s.toString();
    }

    /** A random MAC address with QEMU's prefix 52:54:00, as libvirt generates for interfaces without one. */
    default String qemuMac() {
        byte[] b = new byte[3];
        nextBytes(b);
        StringBuilder s = new StringBuilder("52:54:00");
        for (byte x : b) {
            hex(x, s.append(':'));
        }
        return s.toString();
    }

    /** Appends a byte as two lower-case hex digits (what {@code %02x} prints, without a formatter per byte). */
    private static void hex(byte b, StringBuilder s) {
        s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }

    /**
     * A cryptographically strong source, for real use. All of them draw from one shared generator: seeding a new
     * one for every document cost more than normalizing it.
     */
    static RandomSource secure() {
        return SharedSecureRandom.INSTANCE::nextBytes;
    }

    /** A deterministic source, for tests. */
    static RandomSource seeded(long seed) {
        Random r = new Random(seed);
        return r::nextBytes;
    }
}
