package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainAddressSpaprVio;
import org.virtxml.model.devices.DomainNvram;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/** The sPAPR NVRAM device's register, {@code -global spapr-nvram.reg=0x...} (libvirt's qemuBuildNVRAMCommandLine). */
public final class NvramSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainNvram nvram = ctx.domain().getDevices() == null ? null : ctx.domain().getDevices().getNvram();
        if (nvram == null) {
            return;
        }
        long reg = nvram.getAddress() instanceof DomainAddressSpaprVio a && a.getReg() != null ? a.getReg() : 0;
        ctx.add("-global", "spapr-nvram.reg=0x" + Long.toHexString(reg));
    }
}
