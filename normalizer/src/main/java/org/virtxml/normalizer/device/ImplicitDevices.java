package org.virtxml.normalizer.device;

import org.virtxml.model.DomainOsTypeName;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAddressCcid;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.model.devices.DomainVideo;
import org.virtxml.model.devices.DomainVideoModel;
import org.virtxml.model.devices.DomainVideoModelType;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * The device part of libvirt's common post-parse (virDomainDefPostParseCommon after the per-device pass): the
 * console that aliases the first serial port, the virtio-serial and CCID controllers channels, virtio consoles
 * and smartcards need (smartcards get their slot here), a video adapter for graphics without one, then the
 * defaults of what was just added (the primary video, the first serial port) and SPICE servers that listen
 * nowhere.
 */
public final class ImplicitDevices implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        GuestPlatform p = GuestPlatform.of(ctx);
        DomainDevices d = Devices.of(ctx.domain());
        Chardevs.addConsoleCompat(d, isHvm(ctx));
        addVirtioSerialControllers(d);
        addSmartcardControllers(d);
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

    /** Every virtio channel and virtio console needs the virtio-serial controller its address names (0 if none). */
    private static void addVirtioSerialControllers(DomainDevices d) {
        for (DomainChannel ch : d.getChannels()) {
            if (ch.getTarget() != null && "virtio".equals(ch.getTarget().getType())) {
                Controllers.maybeAdd(d, DomainControllerType.VIRTIO_SERIAL, controllerOf(ch.getAddress()));
            }
        }
        for (DomainConsole c : d.getConsoles()) {
            if (c.getTarget() != null && "virtio".equals(c.getTarget().getType())) {
                Controllers.maybeAdd(d, DomainControllerType.VIRTIO_SERIAL, controllerOf(c.getAddress()));
            }
        }
    }

    private static int controllerOf(org.virtxml.model.devices.DomainAddress a) {
        if (a instanceof DomainAddressVirtioSerial v && v.getController() != null) {
            return v.getController();
        }
        return 0;
    }

    /**
     * Smartcards sit on a CCID bus: one without an address takes the next slot of controller 0, and the
     * controller each names is added.
     */
    private static void addSmartcardControllers(DomainDevices d) {
        for (DomainSmartcard sc : d.getSmartcards()) {
            int idx = 0;
            if (sc.getAddress() instanceof DomainAddressCcid a) {
                idx = a.getController() == null ? 0 : a.getController();
            } else if (sc.getAddress() == null) {
                int max = -1;
                for (DomainSmartcard o : d.getSmartcards()) {
                    if (o.getAddress() instanceof DomainAddressCcid oa && (oa.getController() == null
                            || oa.getController() == 0) && oa.getSlot() != null && oa.getSlot() > max) {
                        max = oa.getSlot();
                    }
                }
                DomainAddressCcid a = new DomainAddressCcid();
                a.setController(0);
                a.setSlot(max + 1);
                sc.setAddress(a);
            }
            Controllers.maybeAdd(d, DomainControllerType.CCID, idx);
        }
    }
}
