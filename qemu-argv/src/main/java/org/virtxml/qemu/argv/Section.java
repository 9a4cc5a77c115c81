package org.virtxml.qemu.argv;

/**
 * One part of the command line, the counterpart of one of libvirt's {@code qemuBuild*CommandLine} functions.
 * {@link QemuArgv} runs the sections in libvirt's fixed order; a section appends its options through the
 * {@link BuildContext} and refuses with {@link ArgvException} (libvirt's message) what libvirt refuses there.
 */
@FunctionalInterface
public interface Section {
    /** Appends this section's options. */
    void build(BuildContext ctx);
}
