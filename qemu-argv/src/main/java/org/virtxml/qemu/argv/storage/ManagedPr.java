package org.virtxml.qemu.argv.storage;

import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.qemu.argv.Prepared;
import org.virtxml.qemu.argv.Props;

/**
 * The persistent-reservation helper libvirt runs for the domain itself: one {@code pr-manager-helper} object
 * shared by every image with {@code <reservations managed='yes'>}, listening in the domain's directory.
 */
public final class ManagedPr {
    /** The helper object's id (libvirt's qemuDomainGetManagedPRAlias). */
    public static final String ALIAS = "pr-helper0";

    private ManagedPr() {
    }

    /** libvirt's virDomainDefHasManagedPR: some image of some disk asks for the managed helper. */
    public static boolean needed(Prepared p) {
        for (DomainDisk disk : p.domain().getDevices().getDisks()) {
            DiskStorage ds = DiskStorage.of(p, disk);
            if (ds == null) {
                continue;
            }
            for (StorageSource s : ds.chain()) {
                if (s.reservations() != null && s.reservations().getManaged() == YesNo.YES) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The managed helper's object (qemuBuildPRManagedManagerInfoProps). */
    public static Props object(Prepared p) {
        return Props.object("pr-manager-helper", ALIAS).str("path", p.libDir() + "/" + ALIAS + ".sock");
    }
}
