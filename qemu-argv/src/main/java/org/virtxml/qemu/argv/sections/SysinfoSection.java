package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildSysinfoCommandLine}: {@code -fw_cfg} entries from
 * {@code <sysinfo type='fwcfg'>}.
 */
public final class SysinfoSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
