package org.virtxml.normalizer.device;

import org.virtxml.model.devices.DomainChardevBackend;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * What libvirt's formatter (virDomainDefFormat) writes differently from what it holds, for devices: passwords and
 * cookies are not written (virsh dumps without --security-info), a UNIX chardev socket without a path is not
 * written, and a console that aliases serial port N is written as a copy of that
 * port (its host side, port and address) with target type serial. The model writes what it holds, so the last
 * stage makes it hold that; it runs after the checks, which still see libvirt's in-memory view.
 */
public final class DeviceFormat implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices d = Devices.of(ctx.domain());
        // secrets are held (the command line needs them) but only a secure dump shows them
        d.getDisks().forEach(Disks::hideSecrets);
        d.getGraphics().forEach(Graphics::hideSecrets);
        for (DomainChardevBackend b : Chardevs.backends(d)) {
            ChardevSources.pruneForFormat(b);
        }
        Chardevs.mirrorSerialConsoles(d, ImplicitDevices.isHvm(ctx));
    }
}
