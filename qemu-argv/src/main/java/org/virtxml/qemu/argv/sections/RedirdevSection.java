package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildRedirdevCommandLine}: USB redirection: {@code
 * usb-redir} devices, their chardevs and filters.
 */
public final class RedirdevSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // left to the storage half of the argv work (its own branch)
    }
}
