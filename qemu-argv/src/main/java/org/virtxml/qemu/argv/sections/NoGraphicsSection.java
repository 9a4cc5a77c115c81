package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -display none} for a domain without {@code <graphics>}. It must come before any serial or monitor option:
 * QEMU would otherwise move the serial port and monitor to stdio.
 */
public final class NoGraphicsSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null || ctx.domain().getDevices().getGraphics().isEmpty()) {
            ctx.add("-display", "none");
        }
    }
}
