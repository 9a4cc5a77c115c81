package org.virtxml.qemu.argv.sections;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainOsLoader;
import org.virtxml.model.DomainOsLoaderType;
import org.virtxml.model.DomainOsNvramPath;
import org.virtxml.model.YesNo;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * The UEFI firmware image and its variable store as {@code -blockdev} pairs {@code libvirt-pflash0-*} and
 * {@code libvirt-pflash1-*} (libvirt's qemuBuildPflashBlockdevCommandLine), for a {@code <loader type='pflash'>}.
 * {@link MachineSection} then points {@code pflash0}/{@code pflash1} at the format nodes.
 */
public final class PflashSection implements Section {

    /** libvirt's virDomainDefHasOldStyleUEFI: a pflash loader given as a path. */
    static boolean oldStyleUefi(Domain d) {
        DomainOsLoader l = d.getOs() == null ? null : d.getOs().getLoader();
        return l != null && l.getType() == DomainOsLoaderType.PFLASH;
    }

    @Override
    public void build(BuildContext ctx) {
        Domain d = ctx.domain();
        if (!oldStyleUefi(d)) {
            return;
        }
        DomainOsLoader loader = d.getOs().getLoader();
        pair(ctx, "pflash0", loader.getValue(), loader.getReadonly() == YesNo.YES);
        if (d.getOs().getNvram() != null) {
            if (!(d.getOs().getNvram() instanceof DomainOsNvramPath path) || path.getValue() == null) {
                // a network or block NVRAM store is a full storage source: the storage half's blockdev builder
                throw new ArgvException("unsupported configuration: virtxml cannot yet write an NVRAM store that "
                        + "is not a local file", d.getOs().getNvram());
            }
            pair(ctx, "pflash1", path.getValue(), false);
        }
    }

    /** A file protocol node and a raw format node on top of it, as libvirt writes a local pflash image. */
    private static void pair(BuildContext ctx, String name, String file, boolean readOnly) {
        ctx.blockdev(Props.of("driver", "file").str("filename", file).str("node-name", "libvirt-" + name
                + "-storage").bool("auto-read-only", true).str("discard", "unmap"));
        ctx.blockdev(Props.of("node-name", "libvirt-" + name + "-format").bool("read-only", readOnly)
                .str("driver", "raw").str("file", "libvirt-" + name + "-storage"));
    }
}
