package org.virtxml.qemu.argv.storage;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.OnOff;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainDiskSourceBlock;
import org.virtxml.model.devices.DomainDiskSourceNetwork;
import org.virtxml.model.devices.DomainDiskSourceProtocol;
import org.virtxml.model.devices.DomainHostPciAddress;
import org.virtxml.model.devices.DomainHostScsiAddress;
import org.virtxml.model.devices.DomainHostUsbAddress;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevMode;
import org.virtxml.model.devices.DomainHostdevSourceMdev;
import org.virtxml.model.devices.DomainHostdevSourcePci;
import org.virtxml.model.devices.DomainHostdevSourceScsi;
import org.virtxml.model.devices.DomainHostdevSourceScsiHost;
import org.virtxml.model.devices.DomainHostdevSourceUsb;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.frontend.NetHostdevs;
import org.virtxml.qemu.argv.Prepared;
import org.virtxml.qemu.argv.Props;

/**
 * Host devices as libvirt prepares and writes them: the {@code -blockdev} backends of SCSI host devices ({@code libvirt-N-backend}),
 * and the devices of qemuBuildHostdevCommandLine: {@code usb-host}, {@code vfio-pci}, {@code scsi-generic},
 * {@code vhost-scsi-*} and mediated devices ({@code vfio-pci}, {@code vfio-pci-nohotplug}, {@code vfio-ccw},
 * {@code vfio-ap}).
 */
public final class Hostdevs {
    private static final String SCSI_KEY = "hostdev.scsi";
    private static final String VHOST_SCSI = "/dev/vhost-scsi";

    private Hostdevs() {
    }

    /**
     * The domain's {@code <hostdev>} elements. (libvirt's host device list also holds, ahead of them, the PCI
     * devices of {@code <interface type='hostdev'>}; the front end keeps those in its
     * {@link org.virtxml.qemu.argv.frontend.NetPlan} and writes them with
     * {@link org.virtxml.qemu.argv.frontend.NetHostdevs}.)
     */
    public static List<DomainHostdev> all(Prepared p) {
        return p.domain().getDevices() == null ? List.of() : p.domain().getDevices().getHostdevs();
    }

    /** The SCSI backend of a host device, or null when it has none. */
    static StorageSource scsiBackend(Prepared p, DomainHostdev h) {
        Map<DomainHostdev, StorageSource> m = p.get(SCSI_KEY);
        return m == null ? null : m.get(h);
    }

    /**
     * libvirt's qemuDomainPrepareHostdev: each SCSI host device gets a storage source numbered after the disks'
     * ({@code libvirt-N-backend}); an iSCSI one with {@code <auth>} needs its secret.
     */
    public static void prepare(Prepared p) {
        Map<DomainHostdev, StorageSource> m = new IdentityHashMap<>();
        p.put(SCSI_KEY, m);
        for (DomainHostdev h : all(p)) {
            if (h.getMode() == DomainHostdevMode.CAPABILITIES || !(h.getSource() instanceof DomainHostdevSourceScsi s)) {
                continue;
            }
            boolean iscsi = "iscsi".equals(s.getProtocol());
            StorageSource src;
            if (iscsi) {
                DomainDiskSourceNetwork n = new DomainDiskSourceNetwork();
                n.setProtocol(DomainDiskSourceProtocol.ISCSI);
                n.setName(s.getName());
                if (s.getHost() != null) {
                    n.getHosts().add(s.getHost());
                }
                n.setInitiator(s.getInitiator());
                src = new StorageSource(StorageSource.Kind.NETWORK, n, null, h.getReadonly() != null, s.getAuth(),
                        null);
            } else {
                // the path is the host's SCSI generic node, found later (see findScsiGeneric)
                src = new StorageSource(StorageSource.Kind.BLOCK, new DomainDiskSourceBlock(), null,
                        h.getReadonly() != null, null, null);
            }
            src.id = DiskStorage.newId(p);
            src.nodeStorage = "libvirt-" + src.id + "-backend";
            if (src.auth != null) {
                src.authUsername = src.auth.getUsername();
                src.authSecretAlias = Secrets.require(p.caps().host(), src.auth.getSecret(), src.nodeStorage, null);
            }
            m.put(h, src);
        }
    }

    /**
     * domxml-to-native's host preparation of SCSI host devices: the generic node under
     * /sys/bus/scsi/devices/HOST:BUS:TARGET:UNIT/scsi_generic (from the host facts) becomes the backend's path.
     */
    public static void findScsiGeneric(Prepared p) {
        for (DomainHostdev h : all(p)) {
            StorageSource src = scsiBackend(p, h);
            if (src == null || src.kind != StorageSource.Kind.BLOCK) {
                continue;
            }
            DomainHostdevSourceScsi s = (DomainHostdevSourceScsi) h.getSource();
            DomainHostScsiAddress a = s.getAddress();
            String adapter = s.getAdapter() == null ? null : s.getAdapter().getName();
            int host = adapterId(adapter);
            String addr = host + ":" + nz(a.getBus()) + ":" + nz(a.getTarget()) + ":"
                    + (a.getUnit() == null ? 0 : a.getUnit());
            String sg = p.caps().host().scsiGeneric().get(addr);
            if (sg == null) {
                throw new ArgvException("cannot open directory '/sys/bus/scsi/devices/" + addr
                        + "/scsi_generic': No such file or directory", h);
            }
            ((DomainDiskSourceBlock) src.xml).setDev("/dev/" + sg);
        }
    }

    /** libvirt's virSCSIDeviceGetAdapterId: {@code scsi_hostN} is adapter N. */
    private static int adapterId(String adapter) {
        if (adapter != null && adapter.startsWith("scsi_host")) {
            try {
                return Integer.parseInt(adapter.substring("scsi_host".length()));
            } catch (NumberFormatException e) {
                // reported below like libvirt
            }
        }
        throw new ArgvException("internal error: Cannot parse adapter '" + adapter + "'");
    }

    /**
     * Appends every host device (qemuBuildHostdevCommandLine): first those of {@code <interface type='hostdev'>},
     * which come first in libvirt's list, then the {@code <hostdev>} elements.
     */
    public static void build(BuildContext ctx) {
        Prepared p = ctx.prepared();
        NetHostdevs.build(ctx);
        for (DomainHostdev h : all(p)) {
            if (h.getMode() == DomainHostdevMode.CAPABILITIES || h.getType() == null) {
                continue;
            }
            switch (h.getType()) {
                case USB -> ctx.device(usb(ctx, h));
                case PCI -> {
                    if (h.getAddress() instanceof org.virtxml.model.devices.DomainAddressUnassigned) {
                        continue;
                    }
                    ctx.device(pci(ctx, h));
                }
                case SCSI -> scsi(ctx, h);
                case SCSI_HOST -> vhostScsi(ctx, h);
                case MDEV -> ctx.device(mdev(ctx, h));
                case STORAGE, MISC, NET -> {
                    // capabilities-mode (LXC) sources: nothing for QEMU
                }
            }
        }
    }

    /** {@code usb-host} (qemuBuildUSBHostdevDevProps). */
    private static Props usb(BuildContext ctx, DomainHostdev h) {
        DomainHostdevSourceUsb s = (DomainHostdevSourceUsb) h.getSource();
        DomainHostUsbAddress a = s.getAddress();
        int bus = a == null || a.getBus() == null ? 0 : a.getBus();
        int device = a == null || a.getDevice() == null ? 0 : a.getDevice();
        // a device given by vendor/product is looked up on the host only when the domain really starts
        if (bus == 0 && device == 0) {
            throw new ArgvException("internal error: USB host device is missing bus/device information", h);
        }
        Props p = Props.of("driver", "usb-host");
        if (ctx.has(QemuCapability.USB_HOST_HOSTDEVICE)) {
            p.str("hostdevice", String.format("/dev/bus/usb/%03d/%03d", bus, device));
        } else {
            p.positive("hostbus", bus).positive("hostaddr", device);
        }
        p.str("id", ctx.prepared().alias(h));
        p.positive("bootindex", bootOrder(h));
        String reset = s.getGuestReset();
        if ("off".equals(reset)) {
            p.bool("guest-reset", false);
        } else if ("uninitialized".equals(reset)) {
            p.bool("guest-reset", true).bool("guest-resets-all", false);
        } else if ("on".equals(reset)) {
            p.bool("guest-reset", true).bool("guest-resets-all", true);
        }
        ctx.deviceProps().address(p, h);
        return p;
    }

    /** {@code vfio-pci} (qemuBuildPCIHostdevDevProps): only VFIO assignment can be written. */
    private static Props pci(BuildContext ctx, DomainHostdev h) {
        String backend = h.getDriver() == null || h.getDriver().getName() == null ? "default"
                : h.getDriver().getName();
        // the 'default' backend becomes vfio only when the host is prepared, which domxml-to-native skips
        if (!backend.equals("vfio")) {
            throw new ArgvException("internal error: invalid PCI passthrough type '" + backend + "'", h);
        }
        DomainHostPciAddress a = ((DomainHostdevSourcePci) h.getSource()).getAddress();
        String host = String.format("%04x:%02x:%02x.%d", nz(a.getDomain()), nz(a.getBus()), nz(a.getSlot()),
                nz(a.getFunction()));
        String failover = null;
        if (h.getTeaming() != null && "transient".equals(h.getTeaming().getType())) {
            failover = h.getTeaming().getPersistent();
        }
        Props p = Props.of("driver", "vfio-pci").str("host", host).str("id", ctx.prepared().alias(h))
                .positive("bootindex", ctx.prepared().bootIndex(h)).str("failover_pair_id", failover);
        ctx.deviceProps().address(p, h);
        ctx.deviceProps().rom(p, h.getRom(), h.getAddress());
        return p;
    }

    /** {@code scsi-generic} on a {@code -blockdev} backend (qemuBuildHostdevSCSICommandLine). */
    private static void scsi(BuildContext ctx, DomainHostdev h) {
        StorageSource src = scsiBackend(ctx.prepared(), h);
        // the backend's own props without auto-read-only or discard (QEMU_BLOCK_STORAGE_SOURCE_BACKEND_PROPS_
        // SKIP_UNMAP without AUTO_READONLY): read-only is stated
        Props backend = Blockdevs.backend(src);
        backend.str("node-name", src.nodeStorage).bool("read-only", src.readonly);
        DiskCommandLine.objects(ctx, src);
        ctx.blockdev(backend);
        Props p = Props.of("driver", "scsi-generic").str("drive", src.nodeStorage).str("id", ctx.prepared().alias(h))
                .positive("bootindex", bootOrder(h));
        if (h.getAddress() instanceof DomainAddressDrive drive) {
            // a SCSI host device's drive address is a SCSI one
            ctx.deviceProps().drive(p, drive, DomainDiskBus.SCSI);
        } else {
            ctx.deviceProps().address(p, h);
        }
        ctx.device(p);
    }

    /**
     * {@code vhost-scsi-*} (qemuBuildSCSIVHostHostdevDevProps) needs a descriptor of the host's /dev/vhost-scsi,
     * which libvirt opens while it builds the command line.
     */
    private static void vhostScsi(BuildContext ctx, DomainHostdev h) {
        DomainHostdevSourceScsiHost s = (DomainHostdevSourceScsiHost) h.getSource();
        if (!"vhost".equals(s.getProtocol())) {
            return;
        }
        if (!ctx.caps().host().pathExists(VHOST_SCSI)) {
            throw new ArgvException("unsupported configuration: vhost-scsi device file '" + VHOST_SCSI
                    + "' cannot be found", h);
        }
        // the descriptor number is the daemon's; a printed command line cannot pass one
        throw new ArgvException("unsupported configuration: virtxml cannot pass a descriptor of " + VHOST_SCSI
                + " to QEMU for '" + ctx.prepared().alias(h) + "'", h);
    }

    /** A mediated device (qemuBuildHostdevMediatedDevProps). */
    private static Props mdev(BuildContext ctx, DomainHostdev h) {
        DomainHostdevSourceMdev s = (DomainHostdevSourceMdev) h.getSource();
        String model = h.getModel();
        boolean ramfb = h.getRamfb() == OnOff.ON;
        String driver = "vfio-pci".equals(model) && ramfb ? "vfio-pci-nohotplug" : model;
        Props p = Props.of("driver", driver).str("id", ctx.prepared().alias(h))
                .str("sysfsdev", "/sys/bus/mdev/devices/" + (s.getAddress() == null ? "" : s.getAddress().getUuid()))
                .str("display", h.getDisplay() == null ? null : h.getDisplay().xml())
                .trueOnly("ramfb", ramfb)
                .positive("bootindex", bootOrder(h));
        ctx.deviceProps().address(p, h);
        return p;
    }

    /** The device's own {@code <boot order>} (libvirt's info->bootIndex), 0 when none. */
    private static int bootOrder(DomainHostdev h) {
        return h.getBoot() == null || h.getBoot().getOrder() == null ? 0 : h.getBoot().getOrder();
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }
}
