package org.virtxml.qemu.argv.sections;

import org.virtxml.model.bind.Scaling;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -global i440FX-pcihost.pci-hole64-size=NK} (or {@code q35-pcihost}) for a root PCI controller's
 * {@code <pcihole64>} (libvirt's qemuBuildGlobalControllerCommandLine).
 */
public final class GlobalControllerSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainController c : ctx.prepared().controllers()) {
            if (c.getType() != DomainControllerType.PCI || c.getPcihole64() == null
                    || c.getPcihole64().getValue() == null || c.getPcihole64().getValue() == 0) {
                continue;
            }
            String host;
            if (c.getModel() == DomainControllerModel.PCI_ROOT) {
                host = "i440FX-pcihost";
            } else if (c.getModel() == DomainControllerModel.PCIE_ROOT) {
                host = "q35-pcihost";
            } else {
                throw new ArgvException("internal error: 64-bit PCI hole setting is only for root PCI controllers", c);
            }
            long kib = Scaling.toKiB(c.getPcihole64().getValue(), c.getPcihole64().getUnit());
            ctx.add("-global", host + ".pci-hole64-size=" + kib + "K");
        }
    }
}
