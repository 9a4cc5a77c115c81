package org.virtxml.normalizer.platform;

import org.virtxml.caps.VirtType;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * Replaces a machine alias by the versioned machine it stands for ({@code pc} by {@code pc-i440fx-7.2},
 * {@code q35} by {@code pc-q35-7.2}), so that the definition keeps its ABI when QEMU's aliases move on.
 */
public final class MachineCanonical implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        VirtType accel = ctx.accel();
        if (accel == null) {
            return;
        }
        String canonical = ctx.caps().canonicalMachine(accel, ctx.machine());
        ctx.domain().getOs().getType().setMachine(canonical);
    }
}
