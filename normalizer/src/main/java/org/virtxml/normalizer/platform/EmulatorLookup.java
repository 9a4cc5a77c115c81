package org.virtxml.normalizer.platform;

import org.virtxml.caps.QemuCaps;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * Chooses the capability profile as libvirt does before any other post-parse step: a domain without
 * {@code <emulator>} gets the binary named after its architecture, and the capabilities are those of that binary
 * (so an i686 guest of {@code qemu-system-x86_64} is judged by the x86_64 binary). A binary the host does not have
 * is refused.
 */
public final class EmulatorLookup implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        String emulator = ctx.devices().getEmulator();
        if (emulator == null) {
            emulator = ctx.provider().defaultEmulator(ctx.arch());
            if (emulator == null) {
                throw NormalizeException.unsupported("No emulator found for arch '" + ctx.arch() + "'", null);
            }
            ctx.devices().setEmulator(emulator);
        }
        QemuCaps caps = ctx.provider().forEmulator(emulator);
        if (caps == null) {
            // libvirt stat()s the binary before probing it; on this host only the profiled binaries exist
            throw new NormalizeException("Cannot check QEMU binary " + emulator + ": No such file or directory");
        }
        ctx.setCaps(caps);
    }
}
