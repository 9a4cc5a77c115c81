package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * CCID controllers ({@code usb-ccid}), written after the USB hubs because they sit on the USB bus (libvirt's
 * qemuBuildControllersByTypeCommandLine for CCID).
 */
public final class CcidControllerSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() != null) {
            Controllers.ofType(ctx, DomainControllerType.CCID);
        }
    }
}
