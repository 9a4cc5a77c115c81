package org.virtxml.qemu.argv.sections;

import org.virtxml.model.DomainOsNvramSource;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Firmware;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.storage.DiskCommandLine;
import org.virtxml.qemu.argv.storage.DiskStorage;

/**
 * The UEFI firmware image and its variable store as {@code -blockdev} pairs {@code libvirt-pflash0-*} and
 * {@code libvirt-pflash1-*} (libvirt's qemuBuildPflashBlockdevCommandLine), for a pflash loader (given, or chosen
 * by firmware autoselection). {@link MachineSection} then points {@code pflash0}/{@code pflash1} at the format
 * nodes.
 */
public final class PflashSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        Firmware fw = ctx.prepared().firmware();
        if (!fw.pflash()) {
            return;
        }
        pair(ctx, "pflash0", fw.loaderPath(), false, fw.readonly());
        if (fw.nvramNetwork()) {
            // a network NVRAM store is a full storage source, written like a disk image
            DomainOsNvramSource src = (DomainOsNvramSource) ctx.domain().getOs().getNvram();
            DiskCommandLine.attach(ctx, DiskStorage.standalone(ctx.prepared(), src.getType(), src.getSource(), "raw",
                    "libvirt-pflash1", false));
        }
        if (fw.nvramPath() != null) {
            pair(ctx, "pflash1", fw.nvramPath(), fw.nvramBlock(), false);
        }
    }

    /** A file (or host_device) protocol node and a raw format node on top of it, as libvirt writes local pflash. */
    private static void pair(BuildContext ctx, String name, String file, boolean block, boolean readOnly) {
        ctx.blockdev(Props.of("driver", block ? "host_device" : "file").str("filename", file).str("node-name", "libvirt-" + name
                + "-storage").bool("auto-read-only", true).str("discard", "unmap"));
        ctx.blockdev(Props.of("node-name", "libvirt-" + name + "-format").bool("read-only", readOnly)
                .str("driver", "raw").str("file", "libvirt-" + name + "-storage"));
    }
}
