package org.virtxml.qemu.argv.sections;

import org.virtxml.model.OnOff;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/** The {@code vmcoreinfo} device, for {@code <features><vmcoreinfo state='on'/>}. */
public final class VmCoreInfoSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        var f = ctx.domain().getFeatures();
        if (f != null && f.getVmcoreinfo() != null && f.getVmcoreinfo().getState() != OnOff.OFF) {
            ctx.device(Props.of("driver", "vmcoreinfo"));
        }
    }
}
