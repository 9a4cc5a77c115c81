package org.virtxml.normalizer.platform;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.DomainFeatures;
import org.virtxml.model.OnOff;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The SMM TSEG size (qemuDomainDefTsegPostParse): only the q35 chipset has an extended TSEG, QEMU must support
 * setting it, and it comes in whole MiB.
 */
public final class QemuTseg implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainFeatures f = ctx.domain().getFeatures();
        if (f == null || f.getSmm() == null || f.getSmm().getTseg() == null) {
            return;
        }
        OnOff state = f.getSmm().getState() == null ? OnOff.ON : f.getSmm().getState();
        if (state != OnOff.ON) {
            return;
        }
        if (!ctx.isQ35()) {
            throw NormalizeException.unsupported("SMM TSEG is only supported with q35 machine type", f.getSmm());
        }
        if (!ctx.caps().has(QemuCapability.MCH_EXTENDED_TSEG_MBYTES)) {
            throw NormalizeException.unsupported("Setting TSEG size is not supported with this QEMU binary",
                    f.getSmm());
        }
        long bytes = org.virtxml.model.bind.Scaling.toBytes(f.getSmm().getTseg().getValue(),
                f.getSmm().getTseg().getUnit(), 1, -1L);
        if (bytes % (1 << 20) != 0) {
            throw NormalizeException.unsupported("SMM TSEG size must be divisible by 1 MiB", f.getSmm());
        }
    }
}
