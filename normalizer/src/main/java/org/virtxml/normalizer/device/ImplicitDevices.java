package org.virtxml.normalizer.device;

import org.virtxml.model.DomainOsTypeName;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainVideo;
import org.virtxml.model.devices.DomainVideoModel;
import org.virtxml.model.devices.DomainVideoModelType;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * The device part of libvirt's common post-parse (virDomainDefPostParseCommon after the per-device pass): the
 * console that aliases the first serial port and a video adapter for graphics without one (the controllers
 * devices imply, virtio-serial and CCID included, are the ImplicitControllers stage's), then the defaults of what
 * was just added (the primary video, the first serial port) and SPICE servers that listen nowhere. Runs before
 * ImplicitControllers, as virDomainDefAddImplicitDevices makes the console alias before the controllers.
 */
public final class ImplicitDevices implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        GuestPlatform p = GuestPlatform.of(ctx);
        DomainDevices d = Devices.of(ctx.domain());
        Chardevs.addConsoleCompat(d, isHvm(ctx));
        if (!d.getGraphics().isEmpty() && d.getVideos().isEmpty()) {
            // a graphical console without a <video> gets the default adapter, as it always did
            DomainVideo v = new DomainVideo();
            DomainVideoModel m = new DomainVideoModel();
            m.setHeads(1);
            v.setModel(m);
            d.getVideos().add(v);
        }
        if (!d.getVideos().isEmpty()) {
            DomainVideo first = d.getVideos().get(0);
            if (Videos.type(first) == DomainVideoModelType.NONE) {
                // 'none' means no adapter at all: nothing filled in is kept, except the user's alias
                DomainVideo none = new DomainVideo();
                DomainVideoModel m = new DomainVideoModel();
                m.setType(DomainVideoModelType.NONE);
                none.setModel(m);
                none.setAlias(first.getAlias());
                d.getVideos().set(0, none);
            } else {
                first.getModel().setPrimary(YesNo.YES);
                Videos.postParse(first, p);
            }
        }
        if (!d.getSerials().isEmpty()) {
            String channelDir = ctx.caps().host().qemuConf().libDir() + "/channel/target";
            Chardevs.postParse(Chr.of(d.getSerials().get(0)), p, Chardevs.serials(d), channelDir);
        }
        for (DomainGraphics g : d.getGraphics()) {
            Graphics.postParse(g);
        }
    }

    static boolean isHvm(NormalizeContext ctx) {
        var os = ctx.domain().getOs();
        return os == null || os.getType() == null || os.getType().getValue() == null
                || os.getType().getValue() == DomainOsTypeName.HVM;
    }
}
