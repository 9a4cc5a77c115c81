package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Firmware;
import org.virtxml.qemu.argv.Section;

/**
 * The firmware when it is not a pflash pair (libvirt's qemuBuildDomainLoaderCommandLine): {@code -bios PATH} for a
 * ROM loader; for a secure pflash loader, write protection of the flash outside SMM.
 */
public final class LoaderSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        Firmware fw = ctx.prepared().firmware();
        if ("rom".equals(fw.loaderType())) {
            ctx.add("-bios", fw.loaderPath());
        } else if (fw.pflash() && fw.secure()) {
            ctx.add("-global", "driver=cfi.pflash01,property=secure,value=on");
        }
    }
}
