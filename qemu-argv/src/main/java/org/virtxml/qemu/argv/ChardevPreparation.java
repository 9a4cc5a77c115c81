package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainRngBackendEgd;
import org.virtxml.qemu.argv.frontend.Chardevs;

/**
 * Preparation step for what libvirt fills into character device backends at start: TCP backends use TLS when
 * qemu.conf's {@code chardev_tls} says so and the XML does not (qemuProcessPrepareChardevSource), and virtio
 * channels on a unix socket without a path get one in the domain's channel directory, named after the target
 * name or else after the virtio-serial address (qemuDomainPrepareChannel). The results are kept with
 * {@link Chardevs#prepare} for every section that builds a chardev.
 */
final class ChardevPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared p) {
        DomainDevices dev = p.domain().getDevices();
        if (dev == null) {
            return;
        }
        boolean tlsDefault = flag(p.caps().host().qemuConf().setting("chardev_tls"));
        List<Object> devices = new ArrayList<>();
        devices.addAll(dev.getSerials());
        devices.addAll(dev.getParallels());
        devices.addAll(dev.getChannels());
        devices.addAll(dev.getConsoles());
        devices.addAll(dev.getRedirdevs());
        devices.addAll(dev.getSmartcards());
        for (DomainRng rng : dev.getRngs()) {
            if (rng.getBackend() instanceof DomainRngBackendEgd egd) {
                devices.add(egd);
            }
        }
        for (Object d : devices) {
            Chardevs.Source src = Chardevs.describe(d);
            if (src == null) {
                continue;
            }
            if (src.type() == DomainChardevType.TCP && !src.tls() && tlsDefault && src.first() != null
                    && src.first().getTls() == null) {
                src = src.withTls(true);
            }
            if (d instanceof DomainChannel ch) {
                src = channelPath(p, ch, src);
            }
            Chardevs.prepare(p, d, src);
        }
    }

    /** The socket path libvirt gives a virtio channel on a unix socket that has none. */
    private static Chardevs.Source channelPath(Prepared p, DomainChannel ch, Chardevs.Source src) {
        if (ch.getTarget() == null || !"virtio".equals(ch.getTarget().getType())
                || src.type() != DomainChardevType.UNIX || src.unixPath() != null) {
            return src;
        }
        String name = ch.getTarget().getName();
        if (name != null) {
            return src.withUnixPath(p.channelTargetDir() + "/" + name);
        }
        int controller = 0;
        int bus = 0;
        int port = 0;
        if (ch.getAddress() instanceof DomainAddressVirtioSerial a) {
            controller = nz(a.getController());
            bus = nz(a.getBus());
            port = nz(a.getPort());
        }
        return src.withUnixPath(String.format("%s/vioser-%02d-%02d-%02d.sock", p.channelTargetDir(), controller,
                bus, port));
    }

    /** A qemu.conf boolean: set and not 0. */
    private static boolean flag(String v) {
        return v != null && !v.strip().equals("0");
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
