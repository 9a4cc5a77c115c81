package org.virtxml.qemu.argv;

import java.util.List;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.qemu.argv.frontend.NetPlan;
import org.virtxml.qemu.argv.storage.Hostdevs;

/**
 * Preparation step for libvirt's qemuProcessPrepareDomainHostdevs: the SCSI host devices' storage sources (numbered
 * after the disks' images) and their iSCSI secrets. The host devices of {@code <interface type='hostdev'>} come
 * first in libvirt's list (the front end's {@link NetPlan} names them {@code hostdev0}...), so the {@code hostdevN}
 * aliases of the {@code <hostdev>} elements continue after them, as qemuAssignDeviceAliases hands them out. {@link Host} is domxml-to-native's later host step (SCSI generic nodes).
 */
final class HostdevPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared p) {
        if (p.domain().getDevices() == null) {
            return;
        }
        List<DomainHostdev> all = Hostdevs.all(p);
        int netHostdevs = NetPlan.of(p).hostdevs().size();
        if (netHostdevs > 0) {
            // the interfaces' devices took hostdev0..hostdevN-1 first; numbering goes on after the highest
            for (DomainHostdev h : all) {
                if (p.alias(h) != null && !p.alias(h).startsWith(DeviceAliases.USER_ALIAS_PREFIX)) {
                    p.setAlias(h, null);
                }
            }
            for (DomainHostdev h : all) {
                if (p.alias(h) == null) {
                    p.setAlias(h, "hostdev" + Math.max(netHostdevs, DeviceAliases.maxIndex(p, all, "hostdev") + 1));
                }
            }
        }
        Hostdevs.prepare(p);
    }

    /**
     * domxml-to-native's qemuConnectDomainXMLToNativePrepareHost, after the domain is prepared: a SCSI host
     * device's backend is the host's SCSI generic node of that address.
     */
    static final class Host implements PrepareStep {
        @Override
        public void prepare(Prepared p) {
            if (p.domain().getDevices() != null) {
                Hostdevs.findScsiGeneric(p);
            }
        }
    }
}
