package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.Domain;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcid;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainAddressUnassigned;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainAudio;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainFilesystem;
import org.virtxml.model.devices.DomainFilesystemAccessMode;
import org.virtxml.model.devices.DomainFilesystemDriverType;
import org.virtxml.model.devices.DomainFilesystemType;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsDbus;
import org.virtxml.model.devices.DomainGraphicsEglHeadless;
import org.virtxml.model.devices.DomainGraphicsListen;
import org.virtxml.model.devices.DomainGraphicsListenType;
import org.virtxml.model.devices.DomainGraphicsRdp;
import org.virtxml.model.devices.DomainGraphicsSdl;
import org.virtxml.model.devices.DomainGraphicsSpice;
import org.virtxml.model.devices.DomainGraphicsVnc;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevSourceScsiHost;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.model.devices.DomainHub;
import org.virtxml.model.devices.DomainInput;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInputBus;
import org.virtxml.model.devices.DomainInputType;
import org.virtxml.model.devices.DomainNvram;
import org.virtxml.model.devices.DomainRedirdev;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainRngBackendBuiltin;
import org.virtxml.model.devices.DomainRngBackendEgd;
import org.virtxml.model.devices.DomainRngBackendRandom;
import org.virtxml.model.devices.DomainShmem;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.model.devices.DomainSmartcardMode;
import org.virtxml.model.devices.DomainSound;
import org.virtxml.model.devices.DomainVideo;
import org.virtxml.model.devices.DomainVideoModel;
import org.virtxml.model.devices.DomainVideoModelType;
import org.virtxml.model.devices.DomainVsock;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;

/**
 * The per-device validation of the devices the device half owns (virDomainDeviceDefValidate: the generic checks,
 * then the QEMU driver's): disks, interfaces, sounds, host devices, videos, smartcards, character devices, inputs,
 * filesystems, RNGs, hubs, shared memory, the NVRAM, redirected USB devices, the vsock, graphics and audio
 * backends. The validation stage calls it for every device in libvirt's order. Read-only: it never changes the
 * definition.
 */
public final class DeviceChecks {
    private final Domain dom;
    private final DomainDevices d;
    private final GuestPlatform p;
    private final boolean hasSpice;
    private final boolean spiceTls;

    /** The checks for the domain of {@code ctx}. */
    public DeviceChecks(NormalizeContext ctx) {
        this.dom = ctx.domain();
        this.d = Devices.of(dom);
        this.p = GuestPlatform.of(ctx);
        this.hasSpice = d.getGraphics().stream().anyMatch(g -> g instanceof DomainGraphicsSpice);
        this.spiceTls = ctx.caps().host().qemuConf().spiceTls();
    }

    /** Checks one device (controllers, the IOMMU and memory modules are the platform half's). */
    public void check(DomainDevice dev) {
        if (dev instanceof DomainDisk disk) {
            DiskChecks.validate(disk);
            DiskChecks.validateQemu(disk, dom, p);
        } else if (dev instanceof DomainInterface n) {
            NetChecks.validate(n);
            NetChecks.validateQemu(n, p);
        } else if (dev instanceof DomainSound s) {
            ensureAudioId(d, s.getAudio() == null ? null : s.getAudio().getId(), s);
        } else if (dev instanceof DomainHostdev h) {
            hostdev(h, dom, p);
        } else if (dev instanceof DomainVideo v) {
            video(v, d.getVideos(), p);
        } else if (dev instanceof DomainSmartcard sc) {
            smartcard(sc, d, p, hasSpice);
        } else if (Chardevs.of(dev) != null) {
            Chr c = Chardevs.of(dev);
            ChrChecks.validateSource(c.type(), c.sources(), c, c.device());
            ChrChecks.validateSourceQemu(c.type(), c.sources(), p, hasSpice, c.device());
            ChrChecks.validateTargetQemu(c, p);
        } else if (dev instanceof DomainInput i) {
            input(i, p);
        } else if (dev instanceof DomainFilesystem fs) {
            filesystem(fs, dom, p);
        } else if (dev instanceof DomainRng r) {
            rng(r, p, hasSpice);
        } else if (dev instanceof DomainNvram nv) {
            if (!p.isPSeries()) {
                throw new NormalizeException("unsupported configuration: nvram device is only supported for PPC64", nv);
            }
        } else if (dev instanceof DomainHub h) {
            if (!"usb".equals(h.getType())) {
                throw new NormalizeException("unsupported configuration: hub type " + h.getType()
                        + " not supported", h);
            }
            if (!p.has(QemuCapability.USB_HUB)) {
                throw new NormalizeException("unsupported configuration: usb-hub not supported by QEMU binary", h);
            }
        } else if (dev instanceof DomainShmem s) {
            shmem(s, p);
        } else if (dev instanceof DomainRedirdev r) {
            redirdev(r, d, p, hasSpice);
        } else if (dev instanceof DomainVsock v) {
            vsock(v, p);
        } else if (dev instanceof DomainGraphics g) {
            graphics(g, d, p, spiceTls);
        } else if (dev instanceof DomainAudio a) {
            for (DomainAudio o : d.getAudios()) {
                if (o != a && o.getId() != null && o.getId().equals(a.getId())) {
                    throw new NormalizeException("XML error: audio ID " + a.getId() + " is used multiple times", a);
                }
            }
        }
    }

    /** An audio backend a device names must exist. */
    private static void ensureAudioId(DomainDevices d, Integer id, DomainDevice where) {
        if (id == null || id == 0) {
            return;
        }
        for (DomainAudio a : d.getAudios()) {
            if (id.equals(a.getId())) {
                return;
            }
        }
        throw new NormalizeException("XML error: no audio device with ID " + id, where);
    }

    /** virDomainHostdevDefValidate and qemuValidateDomainDeviceDefHostdev. */
    private static void hostdev(DomainHostdev h, Domain dom, GuestPlatform p) {
        DomainAddress a = h.getAddress();
        if (!Hostdevs.isSubsys(h)) {
            throw new NormalizeException("unsupported configuration: hostdev mode 'capabilities' is not supported in "
                    + dom.getType().xml(), h);
        }
        DomainHostdevType t = h.getType();
        if (t == DomainHostdevType.PCI && a != null && !(a instanceof DomainAddressPci)
                && !(a instanceof DomainAddressUnassigned)) {
            throw new NormalizeException(
                    "internal error: PCI host devices must use 'pci' or 'unassigned' address type", h);
        }
        if (t == DomainHostdevType.SCSI && a != null && !(a instanceof DomainAddressDrive)) {
            throw new NormalizeException("unsupported configuration: SCSI host device must use 'drive' address type",
                    h);
        }
        if (t == DomainHostdevType.USB && a != null && !(a instanceof DomainAddressUsb)) {
            throw new NormalizeException("unsupported configuration: USB host device must use 'usb' address type",
                    h);
        }
        boolean boots = h.getBoot() != null && h.getBoot().getOrder() != null;
        if (t == DomainHostdevType.PCI) {
            if (h.getSource() instanceof org.virtxml.model.devices.DomainHostdevSourcePci src
                    && src.getWriteFiltering() != null) {
                throw new NormalizeException("unsupported configuration: Write filtering of PCI device configuration "
                        + "space is not supported by qemu", h);
            }
        } else if (t == DomainHostdevType.SCSI_HOST) {
            if (boots) {
                throw new NormalizeException("unsupported configuration: booting from assigned devices is not "
                        + "supported by vhost SCSI devices", h);
            }
            if (h.getSource() instanceof DomainHostdevSourceScsiHost s && "vhost".equals(s.getProtocol())
                    && !p.has(QemuCapability.DEVICE_VHOST_SCSI)) {
                throw new NormalizeException("unsupported configuration: This QEMU doesn't support vhost-scsi devices",
                        h);
            }
        } else if (t == DomainHostdevType.MDEV && "vfio-pci".equals(h.getModel())) {
            if (!p.has(QemuCapability.DEVICE_VFIO_PCI)) {
                throw new NormalizeException("unsupported configuration: VFIO PCI device assignment is not supported "
                        + "by this version of QEMU", h);
            }
            if (boots) {
                throw new NormalizeException("unsupported configuration: booting from assigned devices is not "
                        + "supported by mediated devices of model vfio-pci", h);
            }
            if (h.getDisplay() != null) {
                if (!p.has(QemuCapability.VFIO_PCI_DISPLAY)) {
                    throw new NormalizeException("unsupported configuration: display property of device vfio-pci is "
                            + "not supported by this version of QEMU", h);
                }
                if (h.getDisplay() == OnOff.ON && dom.getDevices().getGraphics().isEmpty()) {
                    throw new NormalizeException("unsupported configuration: graphics device is needed for attribute "
                            + "value 'display=on' in <hostdev>", h);
                }
            }
        }
    }

    /** virDomainVideoDefValidate and qemuValidateDomainDeviceDefVideo. */
    private static void video(DomainVideo v, List<DomainVideo> all, GuestPlatform p) {
        DomainVideoModel m = v.getModel();
        DomainVideoModelType t = Videos.type(v);
        if (t == DomainVideoModelType.DEFAULT) {
            throw new NormalizeException("internal error: missing video model and cannot determine default", v);
        }
        for (DomainVideo o : all) {
            if (Videos.type(o) == DomainVideoModelType.NONE && all.size() > 1) {
                throw new NormalizeException("unsupported configuration: a 'none' video type must be the only video "
                        + "device defined for the domain", v);
            }
        }
        if (t != DomainVideoModelType.QXL) {
            if (m.getRam() != null) {
                throw new NormalizeException(
                        "unsupported configuration: ram attribute only supported for video type qxl", v);
            }
            if (m.getVram64() != null) {
                throw new NormalizeException(
                        "unsupported configuration: vram64 attribute only supported for video type qxl", v);
            }
            if (m.getVgamem() != null) {
                throw new NormalizeException(
                        "unsupported configuration: vgamem attribute only supported for video type qxl", v);
            }
        }
        if (t == DomainVideoModelType.RAMFB && v.getAddress() != null) {
            // ramfb is a firmware framebuffer, no device on any bus
            throw NormalizeException.unsupported("address not supported for video type ramfb", v);
        }
        if (t == DomainVideoModelType.NONE) {
            return;
        }
        if (t != DomainVideoModelType.QXL && t != DomainVideoModelType.VIRTIO) {
            if (m.getPrimary() != YesNo.YES) {
                throw new NormalizeException("unsupported configuration: video type '" + t.xml()
                        + "' is only valid as primary video device", v);
            }
            if (m.getHeads() == null || m.getHeads() != 1) {
                throw new NormalizeException("unsupported configuration: video type '" + t.xml()
                        + "' doesn't support multiple 'heads'", v);
            }
        }
        if (m.getAcceleration() != null && m.getAcceleration().getAccel2d() == YesNo.YES) {
            throw new NormalizeException("unsupported configuration: qemu does not support the accel2d setting", v);
        }
        if (m.getAcceleration() != null && m.getAcceleration().getAccel3d() == YesNo.YES
                && (v.getDriver() == null || !"vhostuser".equals(v.getDriver().getName()))
                && t != DomainVideoModelType.VIRTIO) {
            throw new NormalizeException(
                    "unsupported configuration: 3d acceleration is supported only with 'virtio' video device", v);
        }
    }

    /** virDomainSmartcardDefValidate and qemuValidateDomainSmartcardDef. */
    private static void smartcard(DomainSmartcard sc, DomainDevices d, GuestPlatform p, boolean hasSpice) {
        if (sc.getAddress() != null && !(sc.getAddress() instanceof DomainAddressCcid)) {
            throw new NormalizeException("unsupported configuration: Controllers must use the 'ccid' address type",
                    sc);
        }
        if (sc.getMode() == DomainSmartcardMode.PASSTHROUGH) {
            ChrChecks.validateSource(sc.getType(), sc.getSources(), null, sc);
        }
        DomainAddressCcid a = (DomainAddressCcid) sc.getAddress();
        if (d.getSmartcards().size() > 1 || a == null || a.getController() != 0 || a.getSlot() != 0) {
            throw new NormalizeException("unsupported configuration: this QEMU binary lacks multiple smartcard "
                    + "support", sc);
        }
        switch (sc.getMode()) {
            case HOST, HOST_CERTIFICATES -> {
                if (!p.has(QemuCapability.CCID_EMULATED)) {
                    throw new NormalizeException("unsupported configuration: this QEMU binary lacks smartcard host "
                            + "mode support", sc);
                }
            }
            case PASSTHROUGH -> {
                if (!p.has(QemuCapability.CCID_PASSTHRU)) {
                    throw new NormalizeException("unsupported configuration: this QEMU binary lacks smartcard "
                            + "passthrough mode support", sc);
                }
                ChrChecks.validateSourceQemu(sc.getType(), sc.getSources(), p, hasSpice, sc);
            }
        }
    }

    /** virDomainInputDefValidate (HVM) and qemuValidateDomainDeviceDefInput. */
    private static void input(DomainInput i, GuestPlatform p) {
        if (i.getBus() == DomainInputBus.PS2 && i.getType() != DomainInputType.MOUSE
                && i.getType() != DomainInputType.KEYBOARD) {
            throw new NormalizeException("internal error: ps2 bus does not support " + i.getType().xml()
                    + " input device", i);
        }
        if (i.getBus() == DomainInputBus.XEN) {
            throw new NormalizeException("internal error: unsupported input bus xen", i);
        }
        if (i.getBus() == DomainInputBus.USB && i.getType() == DomainInputType.KEYBOARD
                && !p.has(QemuCapability.DEVICE_USB_KBD)) {
            throw new NormalizeException("unsupported configuration: usb keyboard is not supported by this QEMU "
                    + "binary", i);
        }
        if (i.getBus() != DomainInputBus.VIRTIO) {
            return;
        }
        if (i.getModel() == org.virtxml.model.devices.DomainVirtioModel.VIRTIO_TRANSITIONAL
                || i.getModel() == org.virtxml.model.devices.DomainVirtioModel.VIRTIO_NON_TRANSITIONAL) {
            throw new NormalizeException("unsupported configuration: virtio (non-)transitional models are not "
                    + "supported for input type=" + i.getType().xml(), i);
        }
        // the QEMU device behind each virtio input type
        String name = switch (i.getType()) {
            case MOUSE -> "virtio-mouse";
            case TABLET -> "virtio-tablet";
            case KEYBOARD -> "virtio-keyboard";
            case PASSTHROUGH -> "virtio-input-host";
            case EVDEV -> "input-linux";
        };
        QemuCapability cap = switch (i.getType()) {
            case MOUSE -> QemuCapability.VIRTIO_MOUSE;
            case TABLET -> QemuCapability.VIRTIO_TABLET;
            case KEYBOARD -> QemuCapability.VIRTIO_KEYBOARD;
            case PASSTHROUGH -> QemuCapability.VIRTIO_INPUT_HOST;
            case EVDEV -> QemuCapability.INPUT_LINUX;
        };
        if (!p.has(cap)) {
            throw new NormalizeException("unsupported configuration: " + name + " is not supported by this QEMU "
                    + "binary", i);
        }
    }

    /** virDomainFSDefValidate and qemuValidateDomainDeviceDefFS. */
    private static void filesystem(DomainFilesystem fs, Domain dom, GuestPlatform p) {
        String dst = fs.getTarget() == null ? null : fs.getTarget().getDir();
        if (dst == null) {
            String src = fs.getSource() == null ? null
                    : fs.getSource().getDir() != null ? fs.getSource().getDir() : fs.getSource().getSocket();
            throw new NormalizeException("missing target information for device" + (src == null ? "" : " " + src),
                    fs);
        }
        DomainFilesystemDriverType drv = fs.getDriver() == null ? null : fs.getDriver().getType();
        if (fs.getBoot() != null && drv != DomainFilesystemDriverType.VIRTIOFS) {
            throw new NormalizeException("unsupported configuration: boot order is only supported for virtiofs", fs);
        }
        if (fs.getType() != DomainFilesystemType.MOUNT) {
            throw new NormalizeException("unsupported configuration: only supports mount filesystem type", fs);
        }
        if ((fs.getFmode() != null && fs.getFmode() != 0) || (fs.getDmode() != null && fs.getDmode() != 0)) {
            if (fs.getAccessmode() != DomainFilesystemAccessMode.MAPPED) {
                throw new NormalizeException(
                        "unsupported configuration: fmode and dmode must be used with accessmode=mapped", fs);
            }
        }
        if (drv == null) {
            return;
        }
        switch (drv) {
            case PATH -> {
                // QEMU's 9p file server
            }
            case HANDLE -> {
                if (fs.getAccessmode() != DomainFilesystemAccessMode.PASSTHROUGH) {
                    throw new NormalizeException("unsupported configuration: only supports passthrough accessmode",
                            fs);
                }
            }
            case LOOP, NBD, PLOOP -> throw new NormalizeException(
                    "unsupported configuration: Filesystem driver type not supported", fs);
            case VIRTIOFS -> {
                boolean socket = fs.getSource() != null && fs.getSource().getSocket() != null;
                if (!socket) {
                    if (fs.getReadonly() != null) {
                        throw new NormalizeException(
                                "unsupported configuration: virtiofs does not yet support read-only mode", fs);
                    }
                    if (fs.getAccessmode() != DomainFilesystemAccessMode.PASSTHROUGH) {
                        throw new NormalizeException(
                                "unsupported configuration: virtiofs only supports passthrough accessmode", fs);
                    }
                    if (fs.getDriver().getWrpolicy() != null) {
                        throw new NormalizeException("unsupported configuration: virtiofs does not support wrpolicy",
                                fs);
                    }
                }
                if (fs.getModel() != null) {
                    throw new NormalizeException("unsupported configuration: virtiofs does not support model", fs);
                }
                if (fs.getDriver().getFormat() != null) {
                    throw new NormalizeException("unsupported configuration: virtiofs does not support format", fs);
                }
                if (!p.has(QemuCapability.DEVICE_VHOST_USER_FS)) {
                    throw new NormalizeException(
                            "unsupported configuration: virtiofs is not supported with this QEMU binary", fs);
                }
                if (fs.getMultidevs() != null) {
                    throw new NormalizeException("unsupported configuration: virtiofs does not support multidevs",
                            fs);
                }
                if ((fs.getFmode() != null && fs.getFmode() != 0) || (fs.getDmode() != null && fs.getDmode() != 0)) {
                    throw new NormalizeException(
                            "unsupported configuration: virtiofs does not support fmode and dmode", fs);
                }
                SharedMemory.require(dom, p, "virtiofs", fs);
            }
        }
    }

    /** qemuValidateDomainRNGDef: the backend must exist in QEMU. */
    private static void rng(DomainRng r, GuestPlatform p, boolean hasSpice) {
        if (r.getBackend() instanceof DomainRngBackendEgd egd) {
            ChrChecks.validateSource(egd.getType(), egd.getSources(), null, r);
            if (!p.has(QemuCapability.OBJECT_RNG_EGD)) {
                throw new NormalizeException("unsupported configuration: this qemu doesn't support the rng-egd "
                        + "backend", r);
            }
            ChrChecks.validateSourceQemu(egd.getType(), egd.getSources(), p, hasSpice, r);
        } else if (r.getBackend() instanceof DomainRngBackendRandom && !p.has(QemuCapability.OBJECT_RNG_RANDOM)) {
            throw new NormalizeException("unsupported configuration: this qemu doesn't support the rng-random "
                    + "backend", r);
        } else if (r.getBackend() instanceof DomainRngBackendBuiltin && !p.has(QemuCapability.OBJECT_RNG_BUILTIN)) {
            throw new NormalizeException("unsupported configuration: this qemu doesn't support the rng-builtin "
                    + "backend", r);
        }
    }

    /** qemuValidateDomainDeviceDefShmem: each ivshmem flavour needs its QEMU device. */
    private static void shmem(DomainShmem s, GuestPlatform p) {
        String model = s.getModel() == null || s.getModel().getType() == null ? "ivshmem" : s.getModel().getType();
        if (s.getName() != null && (s.getName().contains("/") || s.getName().equals(".")
                || s.getName().equals(".."))) {
            String why = s.getName().contains("/") ? "shmem name cannot include '/' character"
                    : "shmem name cannot be equal to '" + s.getName() + "'";
            throw new NormalizeException("unsupported configuration: " + why, s);
        }
        switch (model) {
            case "ivshmem" -> {
                if (!p.has(QemuCapability.DEVICE_IVSHMEM)) {
                    throw new NormalizeException("unsupported configuration: ivshmem device is not supported with "
                            + "this QEMU binary", s);
                }
            }
            case "ivshmem-plain" -> {
                if (!p.has(QemuCapability.DEVICE_IVSHMEM_PLAIN)) {
                    throw new NormalizeException("unsupported configuration: shmem model 'ivshmem-plain' is not "
                            + "supported by this QEMU binary", s);
                }
            }
            case "ivshmem-doorbell" -> {
                if (!p.has(QemuCapability.DEVICE_IVSHMEM_DOORBELL)) {
                    throw new NormalizeException("unsupported configuration: shmem model 'ivshmem-doorbell' is not "
                            + "supported by this QEMU binary", s);
                }
            }
            default -> {
                // the schema admits no other model
            }
        }
    }

    /** qemuValidateDomainDeviceDefMemory: each memory module model needs its QEMU device. */
    /** virDomainRedirdevDefValidate and qemuValidateDomainRedirdevDef. */
    private static void redirdev(DomainRedirdev r, DomainDevices d, GuestPlatform p, boolean hasSpice) {
        if ("usb".equals(r.getBus()) && !Usb.enabled(d)) {
            throw new NormalizeException("unsupported configuration: cannot add redirected USB device: USB is "
                    + "disabled for this domain", r);
        }
        ChrChecks.validateSource(r.getType(), r.getSources(), null, r);
        ChrChecks.validateSourceQemu(r.getType(), r.getSources(), p, hasSpice, r);
        if (!"usb".equals(r.getBus())) {
            throw new NormalizeException("unsupported configuration: Redirection bus " + r.getBus()
                    + " is not supported by QEMU", r);
        }
        if (!p.has(QemuCapability.USB_REDIR)) {
            throw new NormalizeException("unsupported configuration: USB redirection is not supported by this "
                    + "version of QEMU", r);
        }
    }

    /** virDomainVsockDefValidate and qemuValidateDomainDeviceDefVsock. */
    private static void vsock(DomainVsock v, GuestPlatform p) {
        Integer cid = v.getCid() == null ? null : v.getCid().getAddress();
        if (cid != null && cid > 0 && cid <= 2) {
            throw new NormalizeException("unsupported configuration: guest CIDs must be >= 3", v);
        }
        if (!p.has(QemuCapability.DEVICE_VHOST_VSOCK)) {
            throw new NormalizeException(
                    "unsupported configuration: vsock device is not supported with this QEMU binary", v);
        }
    }

    /** virDomainGraphicsDefValidate and qemuValidateDomainDeviceDefGraphics. */
    private static void graphics(DomainGraphics g, DomainDevices d, GuestPlatform p, boolean spiceTls) {
        List<DomainGraphicsListen> listens = Graphics.listens(g);
        if (g instanceof DomainGraphicsVnc || g instanceof DomainGraphicsSpice || g instanceof DomainGraphicsRdp) {
            for (DomainGraphicsListen l : listens) {
                if (l.getType() == DomainGraphicsListenType.NETWORK && l.getNetwork() == null) {
                    throw new NormalizeException(
                            "XML error: 'network' attribute is required for listen type 'network'", g);
                }
            }
        }
        if (g instanceof DomainGraphicsVnc v) {
            ensureAudioId(d, v.getAudio() == null ? null : v.getAudio().getId(), g);
        }
        if (g instanceof DomainGraphicsDbus db && db.getP2p() == YesNo.YES && db.getDbusAddress() != null) {
            throw new NormalizeException("XML error: D-Bus p2p with an address is not supported", g);
        }
        String type = Graphics.type(g);
        if (!Graphics.supported(g, p)) {
            throw new NormalizeException("unsupported configuration: " + type
                    + " graphics are not supported with this QEMU", g);
        }
        boolean eglHeadless = d.getGraphics().stream().anyMatch(x -> x instanceof DomainGraphicsEglHeadless);
        if (eglHeadless) {
            if (!(g instanceof DomainGraphicsEglHeadless) && !(g instanceof DomainGraphicsVnc)
                    && !(g instanceof DomainGraphicsSpice)) {
                throw new NormalizeException("unsupported configuration: graphics type 'egl-headless' is only "
                        + "supported with one of: 'vnc', 'spice' graphics types", g);
            }
            if (g instanceof DomainGraphicsSpice s && s.getGl() != null && s.getGl().getEnable() == YesNo.YES) {
                throw new NormalizeException(
                        "unsupported configuration: multiple OpenGL displays are not supported by QEMU", g);
            }
        }
        if (g instanceof DomainGraphicsSpice s) {
            DomainGraphicsListenType first = listens.isEmpty() ? null : listens.get(0).getType();
            boolean tls = s.getTlsPort() != null && s.getTlsPort() > 0;
            if ((first == DomainGraphicsListenType.ADDRESS || first == DomainGraphicsListenType.NETWORK) && tls
                    && !spiceTls) {
                // a host fact: qemu.conf's spice_tls
                throw new NormalizeException("unsupported configuration: spice TLS port set in XML configuration, "
                        + "but TLS is disabled in qemu.conf", g);
            }
            if (s.getGl() != null && s.getGl().getEnable() == YesNo.YES) {
                if (!p.has(QemuCapability.SPICE_GL)) {
                    throw new NormalizeException("unsupported configuration: This QEMU doesn't support spice OpenGL",
                            g);
                }
                if (s.getGl().getRendernode() != null && !p.has(QemuCapability.SPICE_RENDERNODE)) {
                    throw new NormalizeException(
                            "unsupported configuration: This QEMU doesn't support spice OpenGL rendernode", g);
                }
            }
        } else if (g instanceof DomainGraphicsEglHeadless e) {
            if (e.getGl() != null && e.getGl().getRendernode() != null
                    && !p.has(QemuCapability.EGL_HEADLESS_RENDERNODE)) {
                throw new NormalizeException("unsupported configuration: This QEMU doesn't support OpenGL rendernode "
                        + "with egl-headless graphics type", g);
            }
        } else if (g instanceof DomainGraphicsVnc v) {
            if (v.getPowerControl() != null && !p.has(QemuCapability.VNC_POWER_CONTROL)) {
                throw new NormalizeException("unsupported configuration: VNC power control is not available", g);
            }
            if (v.getPasswd() != null && v.getPasswd().length() > 8) {
                // VNC's authentication only uses the first 8 characters
                throw new NormalizeException("unsupported configuration: VNC password is " + v.getPasswd().length()
                        + " characters long, only 8 permitted", g);
            }
        } else if (g instanceof DomainGraphicsDbus db && db.getAudio() != null && db.getAudio().getId() != null) {
            for (DomainAudio a : d.getAudios()) {
                if (db.getAudio().getId().equals(a.getId()) && a.getType() != org.virtxml.model.devices.DomainAudioType.DBUS) {
                    throw new NormalizeException(
                            "unsupported configuration: The associated audio is not of 'dbus' kind.", g);
                }
            }
        } else if (g instanceof DomainGraphicsSdl) {
            // nothing further
        }
    }
}
