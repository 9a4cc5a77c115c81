package org.virtxml.normalizer;

import java.security.SecureRandom;

/** The one secure generator behind {@link RandomSource#secure()}; thread-safe, seeded on first use. */
final class SharedSecureRandom {
    static final SecureRandom INSTANCE = new SecureRandom();

    private SharedSecureRandom() {
    }
}
