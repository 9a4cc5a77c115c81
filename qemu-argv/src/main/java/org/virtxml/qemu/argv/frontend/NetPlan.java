package org.virtxml.qemu.argv.frontend;

import java.util.List;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.qemu.argv.Prepared;

/**
 * What domxml-to-native makes of the domain's interfaces before building the command line: each one rebuilt as
 * a plain 'ethernet' interface (a tap device libvirt opens) that keeps only its model, MAC address, script and
 * boot order, and gets a new guest address. Filled by the net preparation step, read by the net section.
 *
 * <p>An interface of type 'hostdev' also lives on as the PCI host device it stood for: libvirt keeps such
 * devices in its list of host devices, ahead of the {@code <hostdev>} elements, and rebuilding the interface
 * leaves that entry in place. It gets its own new guest address (after the interfaces') and the first
 * {@code hostdevN} aliases; {@link NetHostdevs} writes its {@code -device} where host devices go (the host
 * device section calls it first).
 *
 * @param nics     one entry per {@code <interface>}, in order
 * @param hostdevs one entry per interface of type 'hostdev' with a PCI source, in order
 */
public record NetPlan(List<Nic> nics, List<Hostdev> hostdevs) {
    /** The key under which the plan is kept in {@link Prepared}. */
    public static final String KEY = "frontend.netPlan";

    /** Keeps the lists as given. */
    public NetPlan {
        nics = List.copyOf(nics);
        hostdevs = List.copyOf(hostdevs);
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

    /**
     * The PCI host device an interface of type 'hostdev' leaves behind.
     *
     * @param source  the interface
     * @param alias   its QEMU id ({@code hostdevN}, numbered before the {@code <hostdev>} elements)
     * @param backend the passthrough backend the interface's {@code <driver name>} asks for ({@code default}
     *                when none: libvirt only settles the default when it really starts the domain)
     * @param host    the host PCI address
     * @param address the guest address it gets at start
     */
    public record Hostdev(DomainInterface source, String alias, String backend, DomainAddressPci host,
            DomainAddress address) {
    }

    /** The plan of a prepared domain (an empty plan before the step ran). */
    public static NetPlan of(Prepared p) {
        NetPlan plan = p.get(KEY);
        return plan == null ? new NetPlan(List.of(), List.of()) : plan;
    }
}
