package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainWatchdog;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * The watchdog (libvirt's qemuBuildWatchdogCommandLine): its device, then {@code -watchdog-action}. QEMU has no
 * {@code dump} action: libvirt asks for {@code pause} and dumps the guest itself on the watchdog event.
 */
public final class WatchdogSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainWatchdog w = ctx.domain().getDevices() == null ? null : ctx.domain().getDevices().getWatchdog();
        if (w == null) {
            return;
        }
        Props p = Props.of("driver", w.getModel()).str("id", ctx.prepared().alias(w));
        ctx.deviceProps().address(p, w);
        ctx.device(p);
        String action = w.getAction() == null ? "reset" : w.getAction();
        ctx.add("-watchdog-action", action.equals("dump") ? "pause" : action);
    }
}
