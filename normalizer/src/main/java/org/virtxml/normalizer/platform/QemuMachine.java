package org.virtxml.normalizer.platform;

import org.virtxml.caps.MachineType;
import org.virtxml.caps.VirtType;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainOsLoader;
import org.virtxml.model.DomainOsLoaderType;
import org.virtxml.model.DomainOsNvramPath;
import org.virtxml.model.YesNo;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The start of QEMU's post-parse: QEMU has no bootloader, a domain without a machine type gets the emulator's
 * preferred one for its accelerator (what {@code pc} stands for on x86), and a read-only UEFI flash loader given
 * the old way gets a per-domain variable store in libvirt's NVRAM directory.
 */
public final class QemuMachine implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        if (d.getBootloader() != null || d.getBootloaderArgs() != null) {
            throw NormalizeException.unsupported("bootloader is not supported by QEMU", null);
        }
        if (ctx.machine() == null) {
            VirtType accel = ctx.accel();
            MachineType preferred = accel == null || ctx.caps().machines(accel).isEmpty() ? null
                    : ctx.caps().machines(accel).get(0);
            if (preferred == null) {
                throw NormalizeException.invalidArg("could not get preferred machine for "
                        + ctx.devices().getEmulator() + " type=" + d.getType().xml(), null);
            }
            d.getOs().getType().setMachine(preferred.name());
        }
        DomainOsLoader loader = d.getOs().getLoader();
        if (loader != null && loader.getType() == DomainOsLoaderType.PFLASH && loader.getReadonly() == YesNo.YES
                && !hasNvramStore(d.getOs()) && loader.getStateless() != YesNo.YES) {
            // the variable store lives next to the domain's other state, named after the domain; an <nvram> that
            // only names a template keeps it
            DomainOsNvramPath nvram = d.getOs().getNvram() instanceof DomainOsNvramPath p ? p : new DomainOsNvramPath();
            nvram.setValue(ctx.caps().host().qemuConf().libDir() + "/nvram/" + d.getName() + "_VARS.fd");
            d.getOs().setNvram(nvram);
        }
    }

    /** The domain names a variable store: a path (old form) or a typed source (new form); a template alone is none. */
    static boolean hasNvramStore(org.virtxml.model.DomainOs os) {
        if (os.getNvram() instanceof DomainOsNvramPath p) {
            return p.getValue() != null && !p.getValue().isEmpty();
        }
        return os.getNvram() != null;
    }
}
