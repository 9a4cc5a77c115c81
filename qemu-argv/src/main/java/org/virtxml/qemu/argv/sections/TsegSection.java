package org.virtxml.qemu.argv.sections;

import org.virtxml.model.DomainFeatures;
import org.virtxml.model.bind.Scaling;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The Q35 SMM TSEG size, {@code -global mch.extended-tseg-mbytes=N}, when {@code <smm><tseg>} gives one
 * (libvirt's qemuBuildTSEGCommandLine; validation already required a multiple of 1 MiB).
 */
public final class TsegSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainFeatures f = ctx.domain().getFeatures();
        if (f == null || f.getSmm() == null || f.getSmm().getTseg() == null) {
            return;
        }
        long bytes = Scaling.toBytes(f.getSmm().getTseg().getValue(), f.getSmm().getTseg().getUnit(), 1L << 20,
                Long.MAX_VALUE);
        ctx.add("-global", "mch.extended-tseg-mbytes=" + (bytes >> 20));
    }
}
