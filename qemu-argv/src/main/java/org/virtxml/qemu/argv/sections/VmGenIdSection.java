package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/** The {@code vmgenid} device carrying the domain's {@code <genid>} (libvirt's qemuBuildVMGenIDCommandLine). */
public final class VmGenIdSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        String genid = ctx.domain().getGenid();
        if (genid != null) {
            ctx.device(Props.of("driver", "vmgenid").str("guid", genid).str("id", "vmgenid0"));
        }
    }
}
