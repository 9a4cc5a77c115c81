package org.virtxml.qemu.argv.sections;

import java.util.List;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * Controllers other than CCID (libvirt's qemuBuildControllersCommandLine), by type in libvirt's order: PCI (so
 * later devices find their buses), USB, SCSI, IDE, SATA, virtio-serial; then {@code -usb} for a legacy USB
 * controller when no other is present and the machine is not meant to be legacy-free (Q35).
 */
public final class ControllerSection implements Section {
    private static final List<DomainControllerType> ORDER = List.of(DomainControllerType.PCI,
            DomainControllerType.USB, DomainControllerType.SCSI, DomainControllerType.IDE, DomainControllerType.SATA,
            DomainControllerType.VIRTIO_SERIAL);

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainControllerType t : ORDER) {
            Controllers.ofType(ctx, t);
        }
        int legacy = 0;
        int usb = 0;
        for (DomainController c : ctx.prepared().controllers()) {
            if (c.getType() != DomainControllerType.USB) {
                continue;
            }
            if (c.getModel() == DomainControllerModel.NONE) {
                return;
            }
            if (c.getModel() == null) {
                legacy++;
            } else {
                usb++;
            }
        }
        if (legacy > 1) {
            throw new ArgvException("unsupported configuration: Multiple legacy USB controllers are not supported");
        }
        if (usb == 0 && !ctx.prepared().isQ35()) {
            ctx.add("-usb");
        }
    }
}
