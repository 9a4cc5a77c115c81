package org.virtxml.normalizer.device;

import org.virtxml.model.Domain;
import org.virtxml.model.devices.DomainDevices;
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
        d.getDisks().forEach(Disks::parse);
        Nets.parse(d.getInterfaces(), ctx.random());
        Chardevs.serials(d).forEach(Chardevs::parse);
        Chardevs.parallels(d).forEach(Chardevs::parse);
        Chardevs.consoles(d).forEach(Chardevs::parse);
        Chardevs.channels(d).forEach(Chardevs::parse);
        d.getInputs().forEach(i -> Inputs.parse(i, p, dom));
        d.getGraphics().forEach(Graphics::parse);
        Videos.parsePrimaryFirst(d.getVideos());
        d.getVideos().forEach(Videos::parse);
        d.getHostdevs().forEach(Hostdevs::parse);
    }
}
