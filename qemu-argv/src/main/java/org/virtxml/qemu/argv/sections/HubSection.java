package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainHub;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/** USB hubs: {@code usb-hub} at their USB port (libvirt's qemuBuildHubCommandLine). */
public final class HubSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainHub h : ctx.domain().getDevices().getHubs()) {
            Props p = Props.of("driver", "usb-hub").str("id", ctx.prepared().alias(h));
            ctx.deviceProps().address(p, h);
            ctx.device(p);
        }
    }
}
