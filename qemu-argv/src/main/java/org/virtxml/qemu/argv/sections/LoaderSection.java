package org.virtxml.qemu.argv.sections;

import org.virtxml.model.DomainOsLoader;
import org.virtxml.model.YesNo;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The firmware when it is not a pflash pair (libvirt's qemuBuildDomainLoaderCommandLine): {@code -bios PATH} for a
 * ROM loader; for a secure pflash loader, write protection of the flash outside SMM.
 */
public final class LoaderSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainOsLoader loader = ctx.domain().getOs().getLoader();
        if (loader == null || loader.getType() == null) {
            return;
        }
        switch (loader.getType()) {
            case ROM -> ctx.add("-bios", loader.getValue());
            case PFLASH -> {
                if (loader.getSecure() == YesNo.YES) {
                    ctx.add("-global", "driver=cfi.pflash01,property=secure,value=on");
                }
            }
        }
    }
}
