package org.virtxml.qemu.argv;

/**
 * One step of the preparation libvirt does before building a command line ({@code qemuProcessPrepareDomain} and
 * the conversions of {@code domxml-to-native}); {@link Preparer} runs them in libvirt's order. Steps fill
 * {@link Prepared}; they never change the domain.
 */
@FunctionalInterface
public interface PrepareStep {
    /** Runs the step, refusing with {@link ArgvException} what libvirt refuses at this point. */
    void prepare(Prepared prepared);
}
