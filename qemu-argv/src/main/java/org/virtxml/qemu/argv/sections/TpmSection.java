package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildTPMsCommandLine}: TPMs: {@code -tpmdev}
 * (passthrough or the swtpm emulator's chardev) and the {@code tpm-tis}/{@code tpm-crb} device.
 */
public final class TpmSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
