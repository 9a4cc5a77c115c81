package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildNetCommandLine}: network interfaces: {@code
 * -netdev} (tap, user, vhost-user, ...) and the NIC {@code -device}s.
 */
public final class NetSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the front-end half of the argv work (its own branch)
    }
}
