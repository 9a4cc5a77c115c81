package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainAddressIsa;
import org.virtxml.model.devices.DomainPanic;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * Panic notifiers (libvirt's qemuBuildPanicCommandLine): the ISA {@code pvpanic} device, with its I/O port
 * ({@code ioport}, not the usual {@code iobase}). The Hyper-V crash MSR is a CPU flag (CpuSection); s390 and
 * pSeries panics are built into those machines.
 */
public final class PanicSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainPanic panic : ctx.domain().getDevices().getPanics()) {
            if (!"isa".equals(panic.getModel())) {
                continue;
            }
            Props p = Props.of("driver", "pvpanic");
            if (panic.getAddress() instanceof DomainAddressIsa isa) {
                p.num("ioport", isa.getIobase() == null ? 0 : isa.getIobase());
            }
            ctx.device(p);
        }
    }
}
