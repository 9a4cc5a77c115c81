package org.virtxml.qemu.argv.frontend;

import java.util.List;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.qemu.argv.Prepared;

/**
 * What domxml-to-native makes of the domain's interfaces before building the command line: each one rebuilt as
 * a plain 'ethernet' interface (a tap device libvirt opens) that keeps only its model, MAC address, script and
 * boot order, and gets a new guest address. Filled by the net preparation step, read by the net section.
 *
 * <p>An interface of type 'hostdev' also lives on as the PCI host device it stood for; the host device half
 * writes that one ({@code storage.Hostdevs}).
 *
 * @param nics one entry per {@code <interface>}, in order
 */
public record NetPlan(List<Nic> nics) {
    /** The key under which the plan is kept in {@link Prepared}. */
    public static final String KEY = "frontend.netPlan";

    /** Keeps the list as given. */
    public NetPlan {
        nics = List.copyOf(nics);
    }

    /**
     * One rebuilt interface.
     *
     * @param source  the interface of the domain it replaces
     * @param model   the NIC model as libvirt spells it ({@code virtio}, {@code e1000}, ...), or null when none
     * @param mac     the MAC address
     * @param script  the {@code <script path>} libvirt runs on the tap device, or null
     * @param address the guest address it gets at start
     * @param tapFd   the descriptor number of its tap device (libvirt's is whatever open() returned)
     */
    public record Nic(DomainInterface source, String model, String mac, String script, DomainAddress address,
            int tapFd) {
    }

    /** The plan of a prepared domain (an empty plan before the step ran). */
    public static NetPlan of(Prepared p) {
        NetPlan plan = p.get(KEY);
        return plan == null ? new NetPlan(List.of()) : plan;
    }
}
