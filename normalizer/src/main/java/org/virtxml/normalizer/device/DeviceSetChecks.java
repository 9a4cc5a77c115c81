package org.virtxml.normalizer.device;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainFilesystem;
import org.virtxml.model.devices.DomainFilesystemDriverType;
import org.virtxml.model.devices.DomainHostPciAddress;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevSource;
import org.virtxml.model.devices.DomainHostdevSourceMdev;
import org.virtxml.model.devices.DomainHostdevSourcePci;
import org.virtxml.model.devices.DomainHostdevSourceScsi;
import org.virtxml.model.devices.DomainHostdevSourceScsiHost;
import org.virtxml.model.devices.DomainHostdevSourceUsb;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.model.devices.DomainVideo;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The checks over several devices in libvirt's domain validation (the device parts of
 * virDomainDefValidateInternal): duplicate disk targets and drive addresses, the same host device assigned
 * twice, one vGPU with ramfb, one primary video, distinct virtiofs targets. Read-only.
 */
public final class DeviceSetChecks implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices d = Devices.of(ctx.domain());
        DiskChecks.validateAll(d.getDisks());
        hostdevs(d);
        scsiHostdevAddresses(d);
        videos(d.getVideos());
        Set<String> fsTargets = new HashSet<>();
        for (DomainFilesystem fs : d.getFilesystems()) {
            if (fs.getDriver() == null || fs.getDriver().getType() != DomainFilesystemDriverType.VIRTIOFS
                    || fs.getTarget() == null) {
                continue;
            }
            if (!fsTargets.add(fs.getTarget().getDir())) {
                throw new NormalizeException("unsupported configuration: filesystem target '"
                        + fs.getTarget().getDir() + "' specified twice", fs);
            }
        }
    }

    /** A host device of one kind, with its source; interfaces of type hostdev count too. */
    private record Assigned(DomainHostdevType type, DomainHostdevSource source, DomainHostdev hostdev,
            org.virtxml.model.Located where) {
    }

    private static void hostdevs(DomainDevices d) {
        List<Assigned> all = new ArrayList<>();
        for (DomainInterface n : d.getInterfaces()) {
            if (n.getType() == DomainInterfaceType.HOSTDEV && n.getSource() != null) {
                // the <source> of a hostdev interface names a PCI device (or a USB one by vendor)
                DomainHostdevSourcePci pci = new DomainHostdevSourcePci();
                if (n.getSource().getAddress() instanceof org.virtxml.model.devices.DomainAddressPci a) {
                    DomainHostPciAddress h = new DomainHostPciAddress();
                    h.setDomain(a.getDomain());
                    h.setBus(a.getBus());
                    h.setSlot(a.getSlot());
                    h.setFunction(a.getFunction());
                    pci.setAddress(h);
                    all.add(new Assigned(DomainHostdevType.PCI, pci, null, n));
                }
            }
        }
        for (DomainHostdev h : d.getHostdevs()) {
            all.add(new Assigned(h.getType(), h.getSource(), h, h));
        }
        boolean ramfb = false;
        for (int i = 0; i < all.size(); i++) {
            Assigned a = all.get(i);
            for (int j = i + 1; j < all.size(); j++) {
                if (matches(a, all.get(j))) {
                    throw new NormalizeException("XML error: Hostdev already exists in the domain configuration",
                            all.get(j).where());
                }
            }
            if (a.type() == DomainHostdevType.MDEV && a.hostdev() != null && a.hostdev().getRamfb() == OnOff.ON) {
                if (ramfb) {
                    throw new NormalizeException(
                            "unsupported configuration: Only one vgpu device can have 'ramfb' enabled", a.where());
                }
                ramfb = true;
            }
        }
    }

    /** virDomainHostdevMatch for subsystem devices. */
    private static boolean matches(Assigned a, Assigned b) {
        if (a.type() != b.type() || a.source() == null || b.source() == null) {
            return false;
        }
        switch (a.type()) {
            case PCI -> {
                DomainHostPciAddress x = ((DomainHostdevSourcePci) a.source()).getAddress();
                DomainHostPciAddress y = ((DomainHostdevSourcePci) b.source()).getAddress();
                return x != null && y != null && n(x.getDomain()) == n(y.getDomain()) && n(x.getBus()) == n(y.getBus())
                        && n(x.getSlot()) == n(y.getSlot()) && n(x.getFunction()) == n(y.getFunction());
            }
            case USB -> {
                DomainHostdevSourceUsb x = (DomainHostdevSourceUsb) a.source();
                DomainHostdevSourceUsb y = (DomainHostdevSourceUsb) b.source();
                int xb = x.getAddress() == null ? 0 : n(x.getAddress().getBus());
                int xd = x.getAddress() == null ? 0 : n(x.getAddress().getDevice());
                if (xb != 0 && xd != 0) {
                    return y.getAddress() != null && xb == n(y.getAddress().getBus())
                            && xd == n(y.getAddress().getDevice());
                }
                return id(x.getVendor()) == id(y.getVendor()) && id(x.getProduct()) == id(y.getProduct());
            }
            case SCSI -> {
                DomainHostdevSourceScsi x = (DomainHostdevSourceScsi) a.source();
                DomainHostdevSourceScsi y = (DomainHostdevSourceScsi) b.source();
                if (!Objects.equals(x.getProtocol(), y.getProtocol())) {
                    return false;
                }
                if ("iscsi".equals(x.getProtocol())) {
                    return x.getHost() != null && y.getHost() != null
                            && Objects.equals(x.getHost().getName(), y.getHost().getName())
                            && Objects.equals(x.getHost().getPort(), y.getHost().getPort())
                            && Objects.equals(x.getName(), y.getName());
                }
                String xa = x.getAdapter() == null ? null : x.getAdapter().getName();
                String ya = y.getAdapter() == null ? null : y.getAdapter().getName();
                return Objects.equals(xa, ya) && x.getAddress() != null && y.getAddress() != null
                        && n(x.getAddress().getBus()) == n(y.getAddress().getBus())
                        && n(x.getAddress().getTarget()) == n(y.getAddress().getTarget())
                        && Objects.equals(x.getAddress().getUnit(), y.getAddress().getUnit());
            }
            case SCSI_HOST -> {
                DomainHostdevSourceScsiHost x = (DomainHostdevSourceScsiHost) a.source();
                DomainHostdevSourceScsiHost y = (DomainHostdevSourceScsiHost) b.source();
                return Objects.equals(x.getProtocol(), y.getProtocol()) && Objects.equals(x.getWwpn(), y.getWwpn());
            }
            case MDEV -> {
                DomainHostdevSourceMdev x = (DomainHostdevSourceMdev) a.source();
                DomainHostdevSourceMdev y = (DomainHostdevSourceMdev) b.source();
                return x.getAddress() != null && y.getAddress() != null
                        && Objects.equals(x.getAddress().getUuid(), y.getAddress().getUuid());
            }
            case STORAGE, MISC, NET -> {
                return false;
            }
        }
        return false;
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    private static int id(org.virtxml.model.devices.DomainHostUsbId id) {
        return id == null || id.getId() == null ? 0 : id.getId();
    }

    /**
     * Two SCSI host devices (or one and a SCSI disk) on one drive address. libvirt's message prints the bus
     * where it says controller and the other way round; users see that text, so it is kept.
     */
    private static void scsiHostdevAddresses(DomainDevices d) {
        List<DomainHostdev> scsi = new ArrayList<>();
        for (DomainHostdev h : d.getHostdevs()) {
            if (Hostdevs.isSubsys(h) && h.getType() == DomainHostdevType.SCSI) {
                scsi.add(h);
            }
        }
        for (int i = 0; i < scsi.size(); i++) {
            if (!(scsi.get(i).getAddress() instanceof DomainAddressDrive a)) {
                continue;
            }
            for (int j = i + 1; j < scsi.size(); j++) {
                if (scsi.get(j).getAddress() instanceof DomainAddressDrive b && Addresses.sameDrive(a, b)) {
                    throw new NormalizeException("unsupported configuration: SCSI host address controller='"
                            + a.getBus() + "' bus='" + a.getController() + "' target='" + a.getTarget() + "' unit='"
                            + a.getUnit() + "' in use by another SCSI host device", scsi.get(j));
                }
            }
            if (Hostdevs.scsiDiskUses(d.getDisks(), a.getController(), a.getBus(), a.getTarget(), a.getUnit())) {
                throw new NormalizeException("unsupported configuration: SCSI host address controller='" + a.getBus()
                        + "' bus='" + a.getController() + "' target='" + a.getTarget() + "' unit='" + a.getUnit()
                        + "' in use by another SCSI disk", scsi.get(i));
            }
        }
    }

    /** Only the first video may be primary (the parser moved a primary one first). */
    private static void videos(List<DomainVideo> videos) {
        if (videos.isEmpty() || videos.get(0).getModel() == null || videos.get(0).getModel().getPrimary() != YesNo.YES) {
            return;
        }
        for (int i = 1; i < videos.size(); i++) {
            if (videos.get(i).getModel() != null && videos.get(i).getModel().getPrimary() == YesNo.YES) {
                throw new NormalizeException("unsupported configuration: Only one primary video device is supported",
                        videos.get(i));
            }
        }
    }
}
