package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * The per-device post-parse of libvirt (the QEMU driver's callback, then the generic one) for every device, in
 * libvirt's device iteration order — which matters where one device's default depends on the others (ports,
 * drive addresses). Controllers are left to the controller stage.
 */
public final class DevicePostParse implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        GuestPlatform p = GuestPlatform.of(ctx);
        DomainDevices d = Devices.of(ctx.domain());
        d.getDisks().forEach(disk -> Disks.postParse(disk, d.getDisks(), d.getHostdevs()));
        d.getInterfaces().forEach(n -> Nets.postParse(n, p));
        d.getHostdevs().forEach(h -> Hostdevs.postParse(h, p, d.getDisks(), d.getHostdevs(), d.getControllers()));
        d.getVideos().forEach(v -> Videos.postParse(v, p));
        String channelDir = ctx.caps().host().qemuConf().libDir() + "/channel/target";
        List<Chr> serials = Chardevs.serials(d);
        serials.forEach(c -> Chardevs.postParse(c, p, serials, channelDir));
        List<Chr> parallels = Chardevs.parallels(d);
        parallels.forEach(c -> Chardevs.postParse(c, p, parallels, channelDir));
        List<Chr> channels = Chardevs.channels(d);
        channels.forEach(c -> Chardevs.postParse(c, p, channels, channelDir));
        List<Chr> consoles = Chardevs.consoles(d);
        consoles.forEach(c -> Chardevs.postParse(c, p, consoles, channelDir));
        d.getFilesystems().forEach(OtherDevices::filesystem);
        d.getRngs().forEach(OtherDevices::rng);
        d.getShmems().forEach(OtherDevices::shmem);
        d.getTpms().forEach(t -> OtherDevices.tpm(t, p));
        d.getPanics().forEach(OtherDevices::panic);
        d.getMemories().forEach(OtherDevices::memory);
        if (d.getVsock() != null) {
            OtherDevices.vsock(d.getVsock());
        }
    }
}
