package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Firmware;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

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
            // a network NVRAM store is a full storage source: it needs the storage half's blockdev builder
            throw new ArgvException("unsupported configuration: virtxml cannot yet write an NVRAM store that is not "
                    + "a local file or block device");
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
