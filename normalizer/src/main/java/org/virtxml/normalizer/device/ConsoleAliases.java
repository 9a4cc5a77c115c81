package org.virtxml.normalizer.device;

import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * Writes the console that aliases serial port N as libvirt's formatter does: as a copy of that serial port with
 * target type serial. Runs after every address is assigned, since the copy includes the port's address.
 */
public final class ConsoleAliases implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Chardevs.mirrorSerialConsoles(Devices.of(ctx.domain()), ImplicitDevices.isHvm(ctx));
    }
}
