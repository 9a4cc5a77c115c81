package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.DomainFeatures;
import org.virtxml.model.DomainPm;
import org.virtxml.model.DomainPmSuspend;
import org.virtxml.model.YesNo;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * Power management (libvirt's qemuBuildPMCommandLine): {@code -no-shutdown} (libvirt decides what a guest
 * shutdown does later, over QMP), {@code -no-acpi} unless ACPI is on, and the S3/S4 switches of the PM device
 * ({@code PIIX4_PM}, or {@code ICH9-LPC} on Q35).
 */
public final class PmSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // with set-action QEMU always gets -no-shutdown; older ones got -no-reboot for on_reboot=destroy
        if (ctx.has(QemuCapability.SET_ACTION) || !rebootDestroys(ctx)) {
            ctx.add("-no-shutdown");
        } else {
            ctx.add("-no-reboot");
        }
        DomainFeatures f = ctx.domain().getFeatures();
        if (ctx.has(QemuCapability.NO_ACPI) && (f == null || f.getAcpi() == null)) {
            ctx.add("-no-acpi");
        }
        DomainPm pm = ctx.domain().getPm();
        if (pm == null) {
            return;
        }
        suspend(ctx, pm.getSuspendToMem(), "disable_s3", QemuCapability.ICH9_DISABLE_S3);
        suspend(ctx, pm.getSuspendToDisk(), "disable_s4", QemuCapability.ICH9_DISABLE_S4);
    }

    private static boolean rebootDestroys(BuildContext ctx) {
        return ctx.domain().getOnReboot() != null && "destroy".equals(ctx.domain().getOnReboot().xml());
    }

    private static void suspend(BuildContext ctx, DomainPmSuspend s, String property, QemuCapability ich9) {
        if (s == null || s.getEnabled() == null) {
            return;
        }
        // PIIX4_PM even on Q35 when QEMU lacks the ICH9 switch: QEMU starts (with a warning), so old configs work
        String object = ctx.prepared().isQ35() && ctx.has(ich9) ? "ICH9-LPC" : "PIIX4_PM";
        ctx.add("-global", object + "." + property + "=" + (s.getEnabled() == YesNo.NO ? 1 : 0));
    }
}
