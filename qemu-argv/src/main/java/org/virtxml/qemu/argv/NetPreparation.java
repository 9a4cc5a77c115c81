package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevMode;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.model.Located;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.address.PciAddresses;
import org.virtxml.normalizer.device.NetModels;
import org.virtxml.qemu.argv.frontend.NetPlan;

/**
 * Preparation step for the conversion domxml-to-native applies to interfaces: since it cannot set up networks,
 * bridges or macvtap devices for a command line it only prints, libvirt replaces every interface by a fresh
 * 'ethernet' one (a tap device it opens) keeping only model, MAC, script and boot order. The fresh interfaces have
 * no address, so the address assignment at start (the normalizer's {@link PciAddresses#assignAtStart}) gives them
 * the first free compatible PCI slots, in interface order, around the devices that keep theirs, adding PCI
 * controllers when no slot is free; those controllers are the start's ({@link Prepared#controllers()}).
 * Interfaces of type 'hostdev' also leave their PCI host device behind ({@link NetPlan.Hostdev}), which gets a
 * slot of its own with the host devices.
 *
 * <p>The assignment runs over a copy of the device lists: the domain itself is not changed.
 */
final class NetPreparation implements PrepareStep {

    /**
     * Where libvirt's descriptors for tap devices start. The real numbers depend on what the daemon has open;
     * only their shape matters (the scorer masks them), so they are numbered from the first free descriptor.
     */
    private static final int FIRST_FD = 3;

    @Override
    public void prepare(Prepared p) {
        Domain domain = p.domain();
        DomainDevices devices = domain.getDevices();
        if (devices == null || devices.getInterfaces().isEmpty()) {
            return;
        }
        DomainDevices start = devices.shallowCopy();
        start.getInterfaces().clear();
        List<DomainHostdev> leftBehind = new ArrayList<>();
        for (DomainInterface itf : devices.getInterfaces()) {
            DomainInterface fresh = new DomainInterface();
            fresh.setType(DomainInterfaceType.ETHERNET);
            fresh.setModel(itf.getModel());
            start.getInterfaces().add(fresh);
            if (pciHost(itf) != null) {
                DomainHostdev h = new DomainHostdev();
                h.setMode(DomainHostdevMode.SUBSYSTEM);
                h.setType(DomainHostdevType.PCI);
                leftBehind.add(h);
            }
        }
        // libvirt's hostdev list has the hostdevs of interfaces first, as its parser adds them there
        start.getHostdevs().addAll(0, leftBehind);
        Domain scratch = new Domain();
        scratch.setType(domain.getType());
        scratch.setOs(domain.getOs());
        scratch.setDevices(start);
        try {
            PciAddresses.assignAtStart(scratch, p.caps());
        } catch (NormalizeException e) {
            throw new ArgvException(e.libvirtMessage(), located(e));
        }
        p.setControllers(start.getControllers());

        List<NetPlan.Nic> nics = new ArrayList<>();
        List<NetPlan.Hostdev> hostdevs = new ArrayList<>();
        int fd = FIRST_FD;
        for (int i = 0; i < devices.getInterfaces().size(); i++) {
            DomainInterface itf = devices.getInterfaces().get(i);
            DomainAddress address = start.getInterfaces().get(i).getAddress();
            if (address == null && !(itf.getAddress() instanceof DomainAddressPci)) {
                // no PCI device (usb-net): the address it had stays
                address = itf.getAddress();
            }
            nics.add(new NetPlan.Nic(itf, model(itf), itf.getMac() == null ? null : itf.getMac().getAddress(),
                    itf.getScript() == null ? null : itf.getScript().getPath(), address, fd));
            // libvirt also tries /dev/vhost-net for each tap; the descriptors of one interface are consecutive
            fd += 2;
            DomainAddressPci host = pciHost(itf);
            if (host != null) {
                String backend = itf.getHostdevDriver() == null || itf.getHostdevDriver().getName() == null
                        ? "default" : itf.getHostdevDriver().getName();
                hostdevs.add(new NetPlan.Hostdev(itf, "hostdev" + hostdevs.size(), backend, host,
                        leftBehind.get(hostdevs.size()).getAddress()));
            }
        }
        p.put(NetPlan.KEY, new NetPlan(nics, hostdevs));
    }

    /** The host PCI device an interface of type 'hostdev' stands for, or null. */
    private static DomainAddressPci pciHost(DomainInterface itf) {
        if (itf.getType() == DomainInterfaceType.HOSTDEV && itf.getSource() != null
                && itf.getSource().getAddress() instanceof DomainAddressPci host) {
            return host;
        }
        return null;
    }

    /** Where the normalizer's refusal points. */
    private static Located located(NormalizeException e) {
        int line = e.diagnostic().line();
        int column = e.diagnostic().column();
        return new Located() {
            @Override
            public int line() {
                return line;
            }

            @Override
            public int column() {
                return column;
            }
        };
    }

    /** The model as libvirt keeps it: its own spelling for the names it knows (they are matched ignoring case). */
    static String model(DomainInterface itf) {
        return itf.getModel() == null ? null : NetModels.canonical(itf.getModel().getType());
    }
}
