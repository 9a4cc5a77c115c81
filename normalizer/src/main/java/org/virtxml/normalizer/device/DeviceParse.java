package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainChardevSource;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainFilesystemType;
import org.virtxml.model.devices.DomainRedirdev;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainRngBackendEgd;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.model.devices.DomainSmartcardMode;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * What libvirt's device parser itself changes before any post-parse callback runs: values it keeps in another
 * form (booleans, zero meaning unset), state of running guests an inactive definition drops, legacy attributes
 * turned into elements, and generated MAC addresses. The model keeps the document as written, so these
 * conversions are made here.
 */
public final class DeviceParse implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain dom = ctx.domain();
        DomainDevices d = Devices.of(dom);
        GuestPlatform p = GuestPlatform.of(ctx);
        Disks.parseOrder(d.getDisks());
        d.getDisks().forEach(Disks::parse);
        Nets.parse(d.getInterfaces(), ctx.random());
        Chardevs.serials(d).forEach(Chardevs::parse);
        Chardevs.parallels(d).forEach(Chardevs::parse);
        List<Chr> consoles = Chardevs.consoles(d);
        for (int i = 0; i < consoles.size(); i++) {
            Chardevs.parse(consoles.get(i));
            // the parser numbers consoles by their place, whatever port they name
            consoles.get(i).setPort(i);
        }
        Chardevs.channels(d).forEach(Chardevs::parse);
        d.getInputs().forEach(i -> Inputs.parse(i, p, dom));
        d.getGraphics().forEach(Graphics::parse);
        Videos.parsePrimaryFirst(d.getVideos());
        d.getVideos().forEach(Videos::parse);
        d.getHostdevs().forEach(Hostdevs::parse);
        d.getFilesystems().forEach(fs -> {
            if (fs.getType() == null) {
                fs.setType(DomainFilesystemType.MOUNT);
            }
        });
        for (DomainRedirdev r : d.getRedirdevs()) {
            if (r.getBus() == null) {
                r.setBus("usb");
            }
            ChardevSources.normalize(ChardevSources.type(r.getType()), r);
            r.getSources().forEach(s -> s.getSeclabels().clear());
            if (r.getType() == DomainChardevType.DBUS && r.getSources().isEmpty()) {
                // QEMU's D-Bus display exports USB redirection on this channel unless told otherwise
                DomainChardevSource s = new DomainChardevSource();
                s.setChannel("org.qemu.usbredir");
                r.getSources().add(s);
            }
        }
        for (DomainSmartcard sc : d.getSmartcards()) {
            if (sc.getMode() == DomainSmartcardMode.PASSTHROUGH) {
                sc.setType(ChardevSources.type(sc.getType()));
                ChardevSources.normalize(sc.getType(), sc);
                sc.getSources().forEach(s -> s.getSeclabels().clear());
            }
        }
        for (DomainRng rng : d.getRngs()) {
            if (rng.getBackend() instanceof DomainRngBackendEgd egd) {
                egd.setType(ChardevSources.type(egd.getType()));
                ChardevSources.normalize(egd.getType(), egd);
                egd.getSources().forEach(s -> s.getSeclabels().clear());
            }
        }
        if (d.getWatchdog() != null && d.getWatchdog().getAction() == null) {
            // what a watchdog does unless told otherwise
            d.getWatchdog().setAction("reset");
        }
        for (DomainDevice dev : d.all()) {
            DeviceInfos.parse(dev);
        }
    }
}
