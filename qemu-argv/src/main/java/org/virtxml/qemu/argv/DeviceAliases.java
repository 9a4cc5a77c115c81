package org.virtxml.qemu.argv;

import java.util.List;
import org.virtxml.model.devices.DomainAddressDimm;
import org.virtxml.model.devices.DomainAddressDrive;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainMemoryDevice;

/**
 * Gives every device its QEMU id as libvirt's {@code qemuAssignDeviceAliases} does: the user's own alias when it
 * has one ({@code ua-} prefix, the only aliases libvirt keeps from XML), otherwise a name made of the device kind
 * and an index: {@code ide0-0-0} / {@code virtio-disk0} for disks, {@code net0}, {@code fs0}, {@code sound0},
 * {@code hostdev0}, {@code redir0}, {@code video0}, controllers {@code usb} / {@code pci.N} / {@code pcie.0} /
 * {@code ide} / {@code scsi0} / {@code virtio-serial0}, {@code input0}, {@code serial0}, {@code channel0},
 * {@code console0}, {@code parallel0}, {@code hub0}, {@code shmem0}, {@code smartcard0}, {@code watchdog0},
 * {@code balloon0}, {@code rng0}, {@code tpm0}, {@code dimm0} / {@code nvdimm0} / {@code virtiomem0} /
 * {@code virtiopmem0} / {@code epc0}, {@code vsock0}, {@code iommu0}. Kinds are visited in libvirt's order because
 * "next free index" names depend on what was named before.
 */
final class DeviceAliases implements PrepareStep {

    /** The prefix of aliases users may choose; libvirt drops every other alias found in XML. */
    static final String USER_ALIAS_PREFIX = "ua-";

    @Override
    public void prepare(Prepared p) {
        DomainDevices dev = p.domain().getDevices();
        if (dev == null) {
            return;
        }
        for (DomainDevice d : dev.all()) {
            if (d.getAlias() != null && d.getAlias().getName() != null
                    && d.getAlias().getName().startsWith(USER_ALIAS_PREFIX)) {
                p.setAlias(d, d.getAlias().getName());
            }
        }
        for (DomainDisk d : dev.getDisks()) {
            if (!p.hasAlias(d)) {
                p.setAlias(d, diskAlias(p, d));
            }
        }
        // domxml-to-native replaces every interface by a fresh 'ethernet' one, dropping user aliases: net0, net1...
        for (int i = 0; i < dev.getInterfaces().size(); i++) {
            p.setAlias(dev.getInterfaces().get(i), "net" + i);
        }
        nextFree(p, dev.getFilesystems(), "fs");
        indexed(p, dev.getSounds(), "sound");
        nextFree(p, dev.getHostdevs(), "hostdev");
        indexed(p, dev.getRedirdevs(), "redir");
        indexed(p, dev.getVideos(), "video");
        for (DomainController c : p.controllers()) {
            if (!p.hasAlias(c)) {
                p.setAlias(c, controllerAlias(p, c));
            }
        }
        indexed(p, dev.getInputs(), "input");
        indexed(p, dev.getParallels(), "parallel");
        indexed(p, dev.getSerials(), "serial");
        indexed(p, dev.getChannels(), "channel");
        indexed(p, dev.getConsoles(), "console");
        indexed(p, dev.getHubs(), "hub");
        indexed(p, dev.getShmems(), "shmem");
        indexed(p, dev.getSmartcards(), "smartcard");
        if (dev.getWatchdog() != null && !p.hasAlias(dev.getWatchdog())) {
            p.setAlias(dev.getWatchdog(), "watchdog0");
        }
        if (dev.getMemballoon() != null && !"none".equals(dev.getMemballoon().getModel())
                && !p.hasAlias(dev.getMemballoon())) {
            p.setAlias(dev.getMemballoon(), "balloon0");
        }
        nextFree(p, dev.getRngs(), "rng");
        indexed(p, dev.getTpms(), "tpm");
        for (DomainMemoryDevice m : dev.getMemories()) {
            if (!p.hasAlias(m)) {
                p.setAlias(m, memoryAlias(p, m, dev.getMemories()));
            }
        }
        if (dev.getVsock() != null && !p.hasAlias(dev.getVsock())) {
            p.setAlias(dev.getVsock(), "vsock0");
        }
        if (dev.getIommu() != null && !p.hasAlias(dev.getIommu())) {
            p.setAlias(dev.getIommu(), "iommu0");
        }
    }

    /** PREFIX + position in the list, for kinds libvirt numbers by position. */
    private static void indexed(Prepared p, List<? extends DomainDevice> devices, String prefix) {
        for (int i = 0; i < devices.size(); i++) {
            if (!p.hasAlias(devices.get(i))) {
                p.setAlias(devices.get(i), prefix + i);
            }
        }
    }

    /** PREFIX + (highest index already named PREFIXn) + 1, for kinds libvirt numbers that way. */
    private static void nextFree(Prepared p, List<? extends DomainDevice> devices, String prefix) {
        for (DomainDevice d : devices) {
            if (!p.hasAlias(d)) {
                p.setAlias(d, prefix + (maxIndex(p, devices, prefix) + 1));
            }
        }
    }

    /** The highest N of aliases {@code PREFIXN} among {@code devices}, or -1 (qemuDomainDeviceAliasIndex). */
    static int maxIndex(Prepared p, List<? extends DomainDevice> devices, String prefix) {
        int max = -1;
        for (DomainDevice d : devices) {
            String a = p.alias(d);
            if (a != null && a.startsWith(prefix)) {
                try {
                    max = Math.max(max, Integer.parseInt(a.substring(prefix.length())));
                } catch (NumberFormatException e) {
                    // an alias like 'hostdev-x' is not one of the numbered ones
                }
            }
        }
        return max;
    }

    private static String diskAlias(Prepared p, DomainDisk d) {
        DomainDiskBus bus = d.getTarget().getBus();
        String prefix = bus.xml();
        if (d.getAddress() instanceof DomainAddressDrive drive) {
            int controller = nz(drive.getController());
            boolean lsi = false;
            if (bus == DomainDiskBus.SCSI) {
                DomainController c = new DeviceProps(p).controller(DomainControllerType.SCSI, controller);
                if (c == null) {
                    throw new ArgvException("internal error: unable to find a SCSI controller for idx=" + controller);
                }
                lsi = c.getModel() == DomainControllerModel.LSILOGIC;
            }
            if (bus != DomainDiskBus.SCSI || lsi) {
                return prefix + controller + "-" + nz(drive.getBus()) + "-" + nz(drive.getUnit());
            }
            return prefix + controller + "-" + nz(drive.getBus()) + "-" + nz(drive.getTarget()) + "-"
                    + nz(drive.getUnit());
        }
        return prefix + "-disk" + diskNameToIndex(d.getTarget().getDev());
    }

    /** libvirt's virDiskNameToIndex: {@code vda} is 0, {@code sdb} 1, {@code hdaa} 26; -1 when not a disk name. */
    static int diskNameToIndex(String name) {
        String rest = null;
        for (String prefix : new String[] {"fd", "hd", "vd", "sd", "xvd", "ubd"}) {
            if (name.startsWith(prefix)) {
                rest = name.substring(prefix.length());
                break;
            }
        }
        if (rest == null || rest.isEmpty() || rest.charAt(0) < 'a' || rest.charAt(0) > 'z') {
            return -1;
        }
        int idx = 0;
        int i = 0;
        for (; i < rest.length() && rest.charAt(i) >= 'a' && rest.charAt(i) <= 'z'; i++) {
            idx = (idx + (i < 1 ? 0 : 1)) * 26 + (rest.charAt(i) - 'a');
        }
        for (int j = i; j < rest.length(); j++) {
            if (!Character.isDigit(rest.charAt(j))) {
                return -1;
            }
        }
        return idx;
    }

    private static String controllerAlias(Prepared p, DomainController c) {
        DomainControllerType type = c.getType();
        int idx = nz(c.getIndex());
        switch (type) {
            case PCI:
                // x86 QEMUs have multiple PCI buses: the root is 'pci.0' (i440FX) or 'pcie.0' (Q35, hardcoded)
                if (c.getModel() == DomainControllerModel.PCIE_ROOT) {
                    return "pcie." + idx;
                }
                return "pci." + idx;
            case IDE:
                if (p.hasBuiltinIde() && idx == 0) {
                    return "ide";
                }
                break;
            case SATA:
                // the Q35's first SATA controller is built in, and QEMU calls it 'ide'
                if (p.isQ35() && idx == 0) {
                    return "ide";
                }
                break;
            case USB:
                if (idx == 0) {
                    return "usb";
                }
                break;
            case SCSI:
                if (c.getModel() == DomainControllerModel.NCR53C90 && idx == 0) {
                    return "scsi";
                }
                break;
            case FDC, VIRTIO_SERIAL, CCID, XENBUS, ISA:
                break;
        }
        return type.xml() + idx;
    }

    private static String memoryAlias(Prepared p, DomainMemoryDevice m, List<DomainMemoryDevice> all) {
        String prefix = switch (m.getModel()) {
            case "dimm" -> "dimm";
            case "nvdimm" -> "nvdimm";
            case "virtio-pmem" -> "virtiopmem";
            case "virtio-mem" -> "virtiomem";
            case "sgx-epc" -> "epc";
            default -> throw new ArgvException("internal error: Unexpected value for virDomainMemoryModel: "
                    + m.getModel());
        };
        // DIMMs are named after their slot so that the name survives hot(un)plug of other DIMMs
        if ((prefix.equals("dimm") || prefix.equals("nvdimm")) && m.getAddress() instanceof DomainAddressDimm a) {
            return prefix + nz(a.getSlot());
        }
        return prefix + (maxIndex(p, all, prefix) + 1);
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
