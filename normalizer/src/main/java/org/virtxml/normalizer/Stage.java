package org.virtxml.normalizer;

/**
 * One step of normalization. Stages run in libvirt's fixed order ({@link Normalizer}); a stage may change the
 * domain (defaults) or only look at it (checks) — checks never change the config.
 */
@FunctionalInterface
public interface Stage {
    /** Applies this step; throws {@link NormalizeException} with libvirt's message when libvirt refuses. */
    void apply(NormalizeContext ctx);
}
