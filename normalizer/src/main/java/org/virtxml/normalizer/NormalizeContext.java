package org.virtxml.normalizer;

import org.virtxml.caps.QemuCaps;
import org.virtxml.model.Domain;

/**
 * What every stage sees: the domain being normalized, the QEMU capability profile (which also carries the host
 * facts), and the source of randomness. Stages share derived facts through fields added here.
 */
public final class NormalizeContext {
    private final Domain domain;
    private final QemuCaps caps;
    private final RandomSource random;

    /** A context for one normalization run. */
    public NormalizeContext(Domain domain, QemuCaps caps, RandomSource random) {
        this.domain = domain;
        this.caps = caps;
        this.random = random;
    }

    /** The domain, changed in place by the stages. */
    public Domain domain() {
        return domain;
    }

    /** QEMU's capabilities and the host facts. */
    public QemuCaps caps() {
        return caps;
    }

    /** Randomness for generated UUIDs and MACs. */
    public RandomSource random() {
        return random;
    }
}
