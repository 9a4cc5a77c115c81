package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.model.DomainReconnect;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainChannel;
import org.virtxml.model.devices.DomainChardevSource;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsListen;
import org.virtxml.model.devices.DomainGraphicsListenType;
import org.virtxml.model.devices.DomainGraphicsRdp;
import org.virtxml.model.devices.DomainGraphicsSpice;
import org.virtxml.model.devices.DomainGraphicsVnc;
import org.virtxml.model.devices.DomainAudio;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevSourceMdev;
import org.virtxml.model.devices.DomainHostdevSourceScsi;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.model.devices.DomainHub;
import org.virtxml.model.devices.DomainInput;
import org.virtxml.model.devices.DomainInputBus;
import org.virtxml.model.devices.DomainInputType;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.model.devices.DomainRedirdev;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainRngBackendEgd;
import org.virtxml.model.devices.DomainDiskSourceVhostuser;
import org.virtxml.model.devices.DomainShmem;
import org.virtxml.model.devices.DomainSound;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.model.devices.DomainSmartcardMode;
import org.virtxml.model.devices.DomainTpm;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * What libvirt's device parser refuses while reading the XML, before any default is applied (the schema admits
 * these documents). Runs first among the device stages, in the parser's device order. Read-only.
 */
public final class DeviceParseChecks implements Stage {
    /** libvirt 9.0's IOMMU models (virDomainIOMMUModel). */
    private static final java.util.Set<String> IOMMU_MODELS = java.util.Set.of("intel", "smmuv3", "virtio");

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices d = Devices.of(ctx.domain());
        GuestPlatform p = GuestPlatform.of(ctx);
        for (DomainDisk disk : d.getDisks()) {
            if (disk.getSource() instanceof DomainDiskSourceVhostuser v) {
                // the vhost-user socket's reconnect policy is read by the chardev reconnect parser
                reconnect(v.getReconnect(), disk);
            }
            if (disk.getAuth() != null && disk.getSource() != null && DiskSources.auth(disk.getSource()) != null) {
                throw new NormalizeException(
                        "unsupported configuration: an <auth> definition already found for disk source", disk);
            }
            if (disk.getEncryption() != null && disk.getSource() != null
                    && DiskSources.encryption(disk.getSource()) != null) {
                throw new NormalizeException(
                        "unsupported configuration: an <encryption> definition already found for disk source", disk);
            }
        }
        for (DomainInterface n : d.getInterfaces()) {
            var drv = n.getDriver();
            if (drv != null && !Nets.isVirtioModel(n)) {
                // virtio transport options are read from any NIC's driver but only a virtio NIC may have them;
                // libvirt's validation refuses them after the parser has kept them (the parse step drops them here)
                String opt = drv.getIommu() != null ? "iommu driver option is only supported for virtio devices"
                        : drv.getAts() != null ? "ats driver option is only supported for virtio devices"
                        : drv.getPacked() != null ? "packed driver option is only supported for virtio devices"
                        : drv.getPagePerVq() != null ? "page_per_vq option is only supported for virtio devices"
                        : null;
                if (opt != null) {
                    throw new NormalizeException("unsupported configuration: " + opt, n);
                }
            }
            if (n.getType() == DomainInterfaceType.HOSTDEV && (n.getSource() == null
                    || n.getSource().getAddress() == null && n.getSource().getVendor() == null)) {
                // the host device's kind comes from its source address type (a USB vendor id implies usb)
                throw NormalizeException.xmlError("missing source address type", n);
            }
            if (n.getType() == DomainInterfaceType.VHOSTUSER && n.getSource() != null) {
                reconnect(n.getSource().getReconnect(), n);
            }
            if (n.getBackend() != null && n.getBackend().getType() != null) {
                // 'default' is not a value one may write, and this build of libvirt 9.0.0 (Debian's) has no
                // passt backend, so every value is refused
                throw new NormalizeException("XML error: Invalid value for attribute 'type' in element 'backend': '"
                        + n.getBackend().getType() + "'.", n.getBackend());
            }
        }
        for (DomainAudio a : d.getAudios()) {
            if (a.getType() == null) {
                throw NormalizeException.xmlError("Missing required attribute 'type' in element 'audio'", a);
            }
        }
        for (DomainSmartcard sc : d.getSmartcards()) {
            if (sc.getMode() == null) {
                throw NormalizeException.xmlError("Missing required attribute 'mode' in element 'smartcard'", sc);
            }
            if (sc.getMode() == DomainSmartcardMode.PASSTHROUGH) {
                chardevSources(sc.getType(), sc.getSources(), sc);
            }
        }
        // the parser reads parallel ports, serial ports, consoles, then channels
        List<Chr> chrs = Chardevs.parallels(d);
        chrs.addAll(Chardevs.serials(d));
        chrs.addAll(Chardevs.consoles(d));
        chrs.addAll(Chardevs.channels(d));
        for (Chr c : chrs) {
            if (c.kind() == Chr.Kind.CHANNEL) {
                DomainChannel ch = (DomainChannel) c.device();
                if (ch.getTarget() == null || ch.getTarget().getType() == null) {
                    throw new NormalizeException("XML error: target type must be specified for channel device", ch);
                }
            }
            chardevSources(c.type(), c.sources(), c.device());
            if (c.type() == DomainChardevType.SPICEVMC && !"virtio".equals(c.targetType())) {
                throw new NormalizeException("unsupported configuration: spicevmc device type only supports virtio",
                        c.device());
            }
        }
        boolean usbNone = Usb.disabledByUser(d);
        for (DomainInput i : d.getInputs()) {
            if (i.getType() == null) {
                throw NormalizeException.internal("missing input device type", i);
            }
            if (usbNone && bus(i, p, ctx) == DomainInputBus.USB) {
                throw new NormalizeException(
                        "unsupported configuration: Can't add USB input device. USB bus is disabled", i);
            }
        }
        for (DomainGraphics g : d.getGraphics()) {
            listens(g);
        }
        for (DomainSound s : d.getSounds()) {
            // libvirt reads the model as a required attribute, after graphics and before host devices
            if (s.getModel() == null) {
                throw NormalizeException.xmlError("Missing required attribute 'model' in element 'sound'", s);
            }
        }
        for (DomainHostdev h : d.getHostdevs()) {
            if (h.getSource() == null) {
                // every kind of host device reads its <source> (virDomainHostdevDefParseXMLSubsys and ...Caps)
                throw NormalizeException.xmlError("Missing <source> element in hostdev device", h);
            }
            if (Hostdevs.isSubsys(h) && h.getType() == DomainHostdevType.SCSI
                    && h.getSource() instanceof DomainHostdevSourceScsi s) {
                scsiSource(s, h);
            }
            if (Hostdevs.isSubsys(h) && h.getType() == DomainHostdevType.MDEV) {
                DomainHostdevSourceMdev s = h.getSource() instanceof DomainHostdevSourceMdev m ? m : null;
                if (s == null || s.getAddress() == null) {
                    throw new NormalizeException("unsupported configuration: Missing <address> element", h);
                }
                if (s.getAddress().getUuid() == null) {
                    throw new NormalizeException(
                            "unsupported configuration: Missing 'uuid' attribute for element <address>", h);
                }
            }
        }
        for (DomainRng r : d.getRngs()) {
            if (r.getBackend() instanceof DomainRngBackendEgd egd) {
                chardevSources(egd.getType(), egd.getSources(), r);
            }
        }
        for (DomainTpm t : d.getTpms()) {
            if (t.getBackend() == null) {
                throw new NormalizeException("XML error: missing TPM device backend", t);
            }
            if (t.getBackend().getType() == null) {
                throw NormalizeException.xmlError("Missing required attribute 'type' in element 'backend'", t);
            }
        }
        for (DomainHub h : d.getHubs()) {
            if ("usb".equals(h.getType()) && usbNone) {
                throw new NormalizeException(
                        "unsupported configuration: Can't add USB hub: USB is disabled for this domain", h);
            }
        }
        for (DomainRedirdev r : d.getRedirdevs()) {
            if (r.getType() == null) {
                throw NormalizeException.internal("missing type in redirdev", r);
            }
            chardevSources(r.getType(), r.getSources(), r);
        }
        if (d.getIommu() != null) {
            // a required enum (virDomainIOMMUDefParseXML)
            String model = d.getIommu().getModel();
            if (model == null) {
                throw NormalizeException.xmlError("Missing required attribute 'model' in element 'iommu'", d.getIommu());
            }
            if (!IOMMU_MODELS.contains(model)) {
                throw NormalizeException.xmlError("Invalid value for attribute 'model' in element 'iommu': '" + model
                        + "'.", d.getIommu());
            }
        }
        for (DomainShmem s : d.getShmems()) {
            if (s.getMsi() != null && s.getServer() == null) {
                throw new NormalizeException("XML error: msi option is only supported with a server", s);
            }
        }
    }

    /**
     * virDomainHostdevSubsysSCSIDefParseXML: a SCSI host device names its protocol (none is a host adapter); an
     * adapter's source needs the adapter's name and a full address, an iSCSI one its target name and one host.
     */
    private static void scsiSource(DomainHostdevSourceScsi s, DomainHostdev h) {
        String protocol = s.getProtocol() == null ? "adapter" : s.getProtocol();
        if (protocol.equals("iscsi")) {
            if (s.getName() == null) {
                throw NormalizeException.xmlError("missing iSCSI hostdev source path name", h);
            }
            if (s.getHost() != null) {
                DiskSources.checkHost(s.getHost(), h);
            } else {
                throw NormalizeException.xmlError("missing the host address for the iSCSI hostdev", h);
            }
        } else if (protocol.equals("adapter")) {
            var a = s.getAddress();
            if (a == null) {
                throw NormalizeException.xmlError("'address' must be specified for scsi hostdev source", h);
            }
            String missing = a.getBus() == null ? "bus" : a.getTarget() == null ? "target"
                    : a.getUnit() == null ? "unit" : null;
            if (missing != null) {
                throw NormalizeException.xmlError("Missing required attribute '" + missing
                        + "' in element 'address'", a);
            }
            if (s.getAdapter() == null || s.getAdapter().getName() == null || s.getAdapter().getName().isEmpty()) {
                throw NormalizeException.xmlError("'adapter' name must be specified for scsi hostdev source", h);
            }
        } else {
            throw NormalizeException.unsupported("Unknown SCSI subsystem protocol '" + protocol + "'", h);
        }
    }

    /**
     * virDomainChrSourceDefParseXML: a character device has one {@code <source>} (UDP two: its connect and bind
     * ends), and a TCP or UNIX socket that reconnects says after how long.
     */
    private static void chardevSources(DomainChardevType type, List<DomainChardevSource> sources, DomainDevice where) {
        DomainChardevType t = ChardevSources.type(type);
        if (sources.size() > 1 && t != DomainChardevType.UDP) {
            throw NormalizeException.xmlError("only one source element is allowed for character device", where);
        }
        if (sources.size() > 2) {
            throw NormalizeException.xmlError("only two source elements are allowed for character device", where);
        }
        if (!sources.isEmpty() && (t == DomainChardevType.TCP || t == DomainChardevType.UNIX)) {
            reconnect(sources.get(0).getReconnect(), where);
        }
    }

    /** virDomainChrSourceReconnectDefParseXML: reconnecting needs a timeout. */
    private static void reconnect(DomainReconnect r, DomainDevice where) {
        if (r != null && r.getEnabled() == YesNo.YES && r.getTimeout() == null) {
            throw NormalizeException.xmlError("Missing required attribute 'timeout' in element 'reconnect'", where);
        }
    }

    /**
     * virDomainGraphicsListenDefParseXML: the legacy {@code listen} (and VNC's {@code socket}) attribute must say
     * what the first {@code <listen>} element of its kind says, when both say something.
     */
    private static void listens(DomainGraphics g) {
        List<DomainGraphicsListen> listens = Graphics.listens(g);
        if (listens.isEmpty()) {
            return;
        }
        DomainGraphicsListen first = listens.get(0);
        String listenAttr = g instanceof DomainGraphicsVnc v ? v.getListen()
                : g instanceof DomainGraphicsSpice s ? s.getListen()
                : g instanceof DomainGraphicsRdp r ? r.getListen() : null;
        String socketAttr = g instanceof DomainGraphicsVnc v ? v.getSocket() : null;
        if (first.getType() == DomainGraphicsListenType.ADDRESS && first.getAddress() != null && listenAttr != null
                && !first.getAddress().equals(listenAttr)) {
            throw NormalizeException.unsupported("graphics 'listen' attribute '" + listenAttr + "' must match"
                    + " 'address' attribute of first listen element (found '" + first.getAddress() + "')", g);
        }
        if (first.getType() == DomainGraphicsListenType.SOCKET && first.getSocket() != null && socketAttr != null
                && !first.getSocket().equals(socketAttr)) {
            throw NormalizeException.unsupported("graphics 'socket' attribute '" + socketAttr + "' must match"
                    + " 'socket' attribute of first listen element (found '" + first.getSocket() + "')", g);
        }
    }

    /** The bus the parser gives an input (the one written, or its default). */
    private static DomainInputBus bus(DomainInput i, GuestPlatform p, NormalizeContext ctx) {
        if (i.getBus() != null) {
            return i.getBus();
        }
        boolean hvm = ImplicitDevices.isHvm(ctx);
        if (!hvm) {
            return null;
        }
        if ((i.getType() == DomainInputType.MOUSE || i.getType() == DomainInputType.KEYBOARD) && p.isX86()) {
            return DomainInputBus.PS2;
        }
        if (i.getType() == DomainInputType.PASSTHROUGH) {
            return DomainInputBus.VIRTIO;
        }
        return i.getType() == DomainInputType.EVDEV ? null : DomainInputBus.USB;
    }
}
