package org.virtxml.normalizer.address;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcw;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainAddressSpaprVio;
import org.virtxml.model.devices.DomainAddressUnassigned;
import org.virtxml.model.devices.DomainAddressUsb;
import org.virtxml.model.devices.DomainAddressVirtioS390;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.device.DeviceInfos;

/**
 * The device information every device carries (alias, ROM, address), as libvirt's parser reads it
 * (virDomainDeviceInfoParseXML) and its formatter writes it (virDomainDeviceInfoFormat).
 */
public final class DeviceInfo {
    private static final String USER_ALIAS_PREFIX = "ua-";
    private static final String USER_ALIAS_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    private DeviceInfo() {
    }

    /**
     * Parse-time rules for every device: an inactive definition keeps only user aliases ({@code ua-} and safe
     * characters), a disabled ROM takes no tuning, a PCI address must be in range, a USB port path must parse.
     */
    public static void parse(DomainDevices devices) {
        for (DomainDevice d : devices.all()) {
            if (d.getAlias() != null && !userAlias(d.getAlias().getName())) {
                d.setAlias(null);
            }
            rom(d);
            if (d.getAddress() instanceof DomainAddressPci p) {
                PciAddr a = PciAddr.of(p);
                if (!a.isEmpty()) {
                    checkRange(a, p);
                }
            } else if (d.getAddress() instanceof DomainAddressUsb u) {
                UsbAddresses.parsePort(u.getPort(), u);
            }
        }
    }

    private static boolean userAlias(String alias) {
        if (alias == null || !alias.startsWith(USER_ALIAS_PREFIX)) {
            return false;
        }
        for (int i = 0; i < alias.length(); i++) {
            if (USER_ALIAS_CHARS.indexOf(alias.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void rom(DomainDevice d) {
        org.virtxml.model.devices.DomainDeviceRom rom = null;
        if (d instanceof DomainHostdev h) {
            rom = h.getRom();
        } else if (d instanceof DomainInterface i) {
            rom = i.getRom();
        }
        if (rom != null && rom.getEnabled() == YesNo.NO && (rom.getBar() != null || rom.getFile() != null)) {
            throw NormalizeException.unsupported("ROM tuning is not supported when ROM is disabled", rom);
        }
    }

    /**
     * The devices in libvirt's device iteration order (virDomainDeviceInfoIterate), which decides who reserves an
     * address first and which device is validated first: disks, interfaces, sounds, host devices, videos,
     * controllers, smartcards, serial and parallel ports, channels, consoles, inputs, filesystems, the watchdog,
     * the balloon, RNGs, the NVRAM, hubs, shared memory, TPMs, panic devices, memory modules, redirected USB
     * devices, the IOMMU and the vsock. The first console of a serial type is the first serial port again and is
     * left out unless {@code allConsoles}.
     */
    public static List<DomainDevice> iterationOrder(DomainDevices devices, boolean allConsoles) {
        List<DomainDevice> all = new ArrayList<>();
        all.addAll(devices.getDisks());
        all.addAll(devices.getInterfaces());
        all.addAll(devices.getSounds());
        all.addAll(devices.getHostdevs());
        all.addAll(devices.getVideos());
        all.addAll(devices.getControllers());
        all.addAll(devices.getSmartcards());
        all.addAll(devices.getSerials());
        all.addAll(devices.getParallels());
        all.addAll(devices.getChannels());
        for (int i = 0; i < devices.getConsoles().size(); i++) {
            DomainConsole c = devices.getConsoles().get(i);
            String t = c.getTarget() == null ? null : c.getTarget().getType();
            if (!allConsoles && i == 0 && (t == null || t.equals("serial"))) {
                continue;
            }
            all.add(c);
        }
        all.addAll(devices.getInputs());
        all.addAll(devices.getFilesystems());
        addIfPresent(all, devices.getWatchdog());
        addIfPresent(all, devices.getMemballoon());
        all.addAll(devices.getRngs());
        addIfPresent(all, devices.getNvram());
        all.addAll(devices.getHubs());
        all.addAll(devices.getShmems());
        all.addAll(devices.getTpms());
        all.addAll(devices.getPanics());
        all.addAll(devices.getMemories());
        all.addAll(devices.getRedirdevs());
        addIfPresent(all, devices.getIommu());
        addIfPresent(all, devices.getVsock());
        return all;
    }

    private static void addIfPresent(List<DomainDevice> all, DomainDevice d) {
        if (d != null) {
            all.add(d);
        }
    }

    /**
     * The device information checks of validation, generic then QEMU's (virDomainDeviceInfoValidate,
     * qemuValidateDomainDeviceInfo): only host devices may be unassigned; zPCI only where QEMU has it and with a
     * uid in range; spapr-vio registers in range; no legacy s390 addresses and CCW only on s390 CCW machines;
     * drive addresses within what the disk's bus (SCSI for host devices) and its controller allow; ACPI indexes
     * only where QEMU has them and on PCI devices.
     */
    public static void validate(NormalizeContext ctx, DomainDevice dev) {
        DomainAddress a = dev.getAddress();
        if (a instanceof DomainAddressUnassigned && !(dev instanceof DomainHostdev)) {
            throw NormalizeException.unsupported("address of type 'unassigned' is supported only for hostdevs", dev);
        }
        if (a instanceof DomainAddressPci p && p.getZpci() != null
                && (p.getZpci().getUid() != null || p.getZpci().getFid() != null)) {
            if (!ctx.caps().has(QemuCapability.DEVICE_ZPCI)) {
                throw NormalizeException.unsupported("This QEMU binary doesn't support zPCI", dev);
            }
            Integer uid = p.getZpci().getUid();
            if (uid != null && (uid == 0 || uid > 0xffff)) {
                throw NormalizeException.xmlError(String.format("Invalid PCI address uid='0x%04x', must be > 0x0000"
                        + " and <= 0x%04x", uid, 0xffff), p);
            }
        } else if (a instanceof DomainAddressSpaprVio s && s.getReg() != null && s.getReg() > 0xffffffffL) {
            throw NormalizeException.unsupported(String.format("spapr-vio reg='0x%x' exceeds maximum possible value"
                    + " (0xffffffff)", s.getReg()), s);
        } else if (a instanceof DomainAddressVirtioS390) {
            throw NormalizeException.unsupported("'virtio-s390' addresses are no longer supported", dev);
        } else if (a instanceof DomainAddressCcw) {
            boolean ccw = ctx.arch().startsWith("s390") && ctx.machine() != null
                    && ctx.machine().startsWith("s390-ccw");
            if (!ccw) {
                throw NormalizeException.unsupported("cannot use CCW address type for device '"
                        + (dev.getAlias() == null ? "<null>" : dev.getAlias().getName()) + "' using machine type '"
                        + ctx.machine() + "'", dev);
            }
        } else if (a instanceof DomainAddressDrive drive) {
            driveAddress(ctx, dev, drive);
        }
        if (dev.getAcpi() != null && dev.getAcpi().getIndex() != null && dev.getAcpi().getIndex() != 0) {
            if (!ctx.caps().has(QemuCapability.ACPI_INDEX)) {
                throw NormalizeException.unsupported("ACPI index is not supported with this QEMU", dev);
            }
            if (a != null && !(a instanceof DomainAddressPci)) {
                throw NormalizeException.unsupported("ACPI index is only supported for PCI devices", dev);
            }
        }
    }

    /** qemuValidateDomainDeviceDefAddressDrive (a device other than a disk with a drive address is a SCSI host device). */
    private static void driveAddress(NormalizeContext ctx, DomainDevice dev, DomainAddressDrive a) {
        DomainDiskBus bus = dev instanceof DomainDisk disk ? disk.getTarget().getBus() : DomainDiskBus.SCSI;
        int controller = zero(a.getController());
        int b = zero(a.getBus());
        int target = zero(a.getTarget());
        int unit = zero(a.getUnit());
        switch (bus) {
            case SCSI -> {
                if (b != 0) {
                    throw NormalizeException.internal("SCSI controller only supports 1 bus", dev);
                }
                DomainController c = ctx.controller(DomainControllerType.SCSI, controller);
                if (c != null && c.getModel() == DomainControllerModel.LSILOGIC) {
                    // QEMU's LSI 53C895A has one target per bus
                    if (target != 0) {
                        throw NormalizeException.unsupported("target must be 0 for controller model 'lsilogic'", dev);
                    }
                } else if (c != null && !ctx.caps().has(QemuCapability.SCSI_DISK_CHANNEL)) {
                    // without the channel property only targets 0-7 of bus 0 can be addressed
                    if (target > 7) {
                        throw NormalizeException.unsupported("This QEMU doesn't support target greater than 7", dev);
                    }
                    if (b != 0 && unit != 0) {
                        throw NormalizeException.unsupported("This QEMU only supports both bus and unit equal to 0",
                                dev);
                    }
                }
            }
            case IDE -> {
                // the PIIX3/ICH9 has one IDE controller, its two buses take a master and a slave each
                if (controller != 0) {
                    throw NormalizeException.internal("Only 1 IDE controller is supported", dev);
                }
                if (target != 0) {
                    throw NormalizeException.unsupported("target must be 0 for ide controller", dev);
                }
            }
            case FDC -> {
                if (controller != 0) {
                    throw NormalizeException.internal("Only 1 fdc controller is supported", dev);
                }
                if (b != 0) {
                    throw NormalizeException.internal("Only 1 fdc bus is supported", dev);
                }
                if (target != 0) {
                    throw NormalizeException.unsupported("target must be 0 for controller fdc", dev);
                }
            }
            case SATA -> {
                if (b != 0) {
                    throw NormalizeException.unsupported("bus must be 0 for sata controller", dev);
                }
                if (target != 0) {
                    throw NormalizeException.unsupported("target must be 0 for sata controller", dev);
                }
            }
            case VIRTIO, USB, XEN, SD, UML -> {
                // not drive-addressed
            }
        }
    }

    /** Bus, slot and function ranges of a PCI address (virPCIDeviceAddressIsValid). */
    public static void checkRange(PciAddr a, org.virtxml.model.Located where) {
        // libvirt reads the numbers as unsigned: a value of 2^31 or more is held here as a negative int, and must
        // fail these checks too (%x prints it as libvirt does)
        if (Integer.compareUnsigned(a.bus, 0xFF) > 0) {
            throw NormalizeException.xmlError(String.format("Invalid PCI address bus='0x%x', must be <= 0xFF", a.bus),
                    where);
        }
        if (Integer.compareUnsigned(a.slot, 0x1F) > 0) {
            throw NormalizeException.xmlError(String.format("Invalid PCI address slot='0x%x', must be <= 0x1F",
                    a.slot), where);
        }
        if (Integer.compareUnsigned(a.function, 7) > 0) {
            throw NormalizeException.xmlError(String.format("Invalid PCI address function=0x%x, must be <= 7",
                    a.function), where);
        }
    }

    /**
     * Addresses as libvirt prints them: a PCI address with all four numbers (none when empty), drive,
     * virtio-serial and CCID addresses with every number (0 when absent), a USB address with its bus, a DIMM with
     * its slot; a legacy s390 address is not printed at all.
     */
    public static void format(DomainDevices devices) {
        for (DomainDevice d : devices.all()) {
            format(d);
        }
    }

    /** Formats one device's address. */
    public static void format(DomainDevice d) {
        DomainAddress addr = d.getAddress();
        if (addr == null) {
            return;
        }
        if (addr instanceof DomainAddressPci p) {
            PciAddr a = PciAddr.of(p);
            OnOff multi = p.getMultifunction();
            if (a.isEmpty()) {
                p.setDomain(null);
                p.setBus(null);
                p.setSlot(null);
                p.setFunction(null);
            } else {
                a.writeTo(p);
            }
            p.setMultifunction(multi);
        } else if (addr instanceof DomainAddressUsb a) {
            a.setBus(zero(a.getBus()));
            int[] port = UsbAddresses.parsePort(a.getPort(), a);
            a.setPort(port[0] == 0 ? null : UsbAddresses.format(port));
        } else if (addr instanceof DomainAddressVirtioS390) {
            d.setAddress(null);
        } else {
            DeviceInfos.readNumbers(addr);
        }
    }

    private static int zero(Integer v) {
        return v == null ? 0 : v;
    }
}
