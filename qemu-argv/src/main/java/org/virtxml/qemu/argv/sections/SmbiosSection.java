package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildSmbiosCommandLine}: {@code -smbios
 * type=0/1/2/3/11} from {@code <sysinfo type='smbios'>} (or the host's, with {@code <smbios mode='host'>}).
 */
public final class SmbiosSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
