package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/** {@code -no-user-config -nodefaults}: no global QEMU config files, no default devices; libvirt adds every device. */
public final class NoDefaultsSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        ctx.add("-no-user-config");
        ctx.add("-nodefaults");
    }
}
