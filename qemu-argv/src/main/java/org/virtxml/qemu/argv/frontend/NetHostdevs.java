package org.virtxml.qemu.argv.frontend;

import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;

/**
 * The {@code vfio-pci} devices of interfaces of type 'hostdev' ({@link NetPlan.Hostdev}), which libvirt builds
 * with the other host devices, before those of the {@code <hostdev>} elements ({@code qemuBuildHostdevCommandLine}
 * visits its host device list, where interface host devices come first). The host device section calls
 * {@link #build} before its own devices.
 */
public final class NetHostdevs {

    private NetHostdevs() {
    }

    /** Appends the host devices of 'hostdev' interfaces, refusing those without the vfio backend. */
    public static void build(BuildContext ctx) {
        for (NetPlan.Hostdev h : NetPlan.of(ctx.prepared()).hostdevs()) {
            check(h);
            Props p = Props.of("driver", "vfio-pci").str("host", String.format("%04x:%02x:%02x.%x",
                    nz(h.host().getDomain()), nz(h.host().getBus()), nz(h.host().getSlot()),
                    nz(h.host().getFunction()))).str("id", h.alias());
            ctx.deviceProps().address(p, h.address(), null);
            ctx.device(p);
        }
    }

    /**
     * Refuses a host device whose passthrough backend is not vfio: only a real start settles the default
     * backend, so a printed command line has none (qemuBuildPCIHostdevDevProps).
     */
    public static void check(NetPlan.Hostdev h) {
        if (!"vfio".equals(h.backend())) {
            throw new ArgvException("internal error: invalid PCI passthrough type '" + h.backend() + "'");
        }
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
