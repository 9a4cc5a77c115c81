package org.virtxml.normalizer.address;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.model.Domain;
import org.virtxml.model.OnOff;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcw;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainAddressUnassigned;
import org.virtxml.model.devices.DomainAddressVirtioMmio;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerModelName;
import org.virtxml.model.devices.DomainControllerTarget;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainDisk;
import org.virtxml.model.devices.DomainDiskBus;
import org.virtxml.model.devices.DomainFilesystem;
import org.virtxml.model.devices.DomainHostdev;
import org.virtxml.model.devices.DomainHostdevMode;
import org.virtxml.model.devices.DomainHostdevType;
import org.virtxml.model.devices.DomainInput;
import org.virtxml.model.devices.DomainInputBus;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainInterfaceType;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.model.devices.DomainShmem;
import org.virtxml.model.devices.DomainSound;
import org.virtxml.model.devices.DomainSoundModel;
import org.virtxml.model.devices.DomainVideo;
import org.virtxml.model.devices.DomainVideoModelType;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;
import org.virtxml.normalizer.platform.Controllers;

/**
 * PCI address assignment as libvirt does it for new QEMU domains (qemuDomainAssignPCIAddresses).
 *
 * <p>First a throw-away pass works out how many buses the devices need: it reserves every address the domain
 * gives, the chipset's fixed slots, and then a slot for each device without one, adding buses (pci-bridges behind
 * a conventional root, pcie-root-ports on q35) whenever a device finds no free slot; the buses it added become
 * controllers. Then the real pass does the same on the final set of buses and stores the addresses: reserve what
 * the user gave, then the chipset's devices (PIIX3 at slot 1 and the first video at slot 2 on i440FX; SATA, ISA
 * bridge and SMBus at slot 0x1f, the first video at slot 1 on q35), then assign devices in libvirt's historical
 * order. Finally function 0 of every slot with several functions is marked multifunction and the PCI controllers
 * get their QEMU device names and chassis/port numbers.
 */
public final class PciAddresses implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        new Run(ctx).assign(true);
    }

    /**
     * The assignment libvirt runs again when it starts a domain (qemuProcessPrepareDomain), for a normalized
     * domain some of whose devices have lost their addresses or are new: those get the first free compatible
     * slots, buses are added for them as at define time, every other device keeps its address.
     *
     * <p>Unlike the stage it leaves the multifunction flag of existing addresses alone, so that a caller can run it
     * over a copy of the device lists that shares the devices with a domain it must not change (the argv backend
     * does); a slot whose other functions are now in use is multifunction at start all the same, which such a
     * caller works out from the final addresses.
     *
     * @throws NormalizeException with libvirt's message when there is no slot to be had
     */
    public static void assignAtStart(Domain domain, QemuCaps caps) {
        NormalizeContext ctx = new NormalizeContext(domain, caps, bytes -> {
            throw new IllegalStateException("PCI address assignment draws no random values");
        });
        new Run(ctx).assign(false);
    }

    /** One domain's assignment. */
    private static final class Run {
        final NormalizeContext ctx;
        final Domain domain;
        final DomainDevices devices;
        final Map<DomainDevice, Integer> flags = new IdentityHashMap<>();
        PciDevices table;

        Run(NormalizeContext ctx) {
            this.ctx = ctx;
            this.domain = ctx.domain();
            this.devices = ctx.devices();
        }

        void assign(boolean markMultifunction) {
            int maxIdx = -1;
            for (DomainController c : devices.getControllers()) {
                if (c.getType() == DomainControllerType.PCI) {
                    maxIdx = Math.max(maxIdx, c.getIndex());
                }
            }
            int nbuses = maxIdx + 1;
            table = new PciDevices(ctx.hasPcieRoot(), ctx.caps().has(QemuCapability.VIRTIO_PCI_TRANSITIONAL));
            for (DomainDevice d : iterationOrder()) {
                flags.put(d, table.flags(d));
            }
            if (nbuses > 0) {
                PciAddressSet dry = create(nbuses, true);
                chipset(dry);
                if (ctx.hasPciRoot()) {
                    // keep one slot free for a future bridge (or hot-plugged device), unless the domain already
                    // fills every bus itself
                    boolean allReserved = true;
                    for (PciBus b : dry.buses) {
                        if (!b.isFullyReserved()) {
                            allReserved = false;
                            break;
                        }
                    }
                    if (!allReserved) {
                        dry.reserveNext(PciFlags.AUTOASSIGN | PciFlags.PCI_DEVICE, -1, null);
                    }
                }
                assignSlots(dry);
                if (maxIdx <= 0 && dry.size() > maxIdx + 1 && ctx.hasPcieRoot()) {
                    // a domain leaving PCIe controllers to libvirt gets one spare root port for hotplug
                    dry.reserveNext(PciFlags.AUTOASSIGN | PciFlags.PCIE_DEVICE, -1, null);
                }
                for (int i = 1; i < dry.size(); i++) {
                    PciBus bus = dry.bus(i);
                    if (!Controllers.maybeAdd(devices, DomainControllerType.PCI, i, bus.model)) {
                        continue;
                    }
                    DomainController added = Controllers.find(devices, DomainControllerType.PCI, i);
                    int f = table.flags(added);
                    flags.put(added, f);
                    if (bus.model != DomainControllerModel.PCI_ROOT && bus.model != DomainControllerModel.PCIE_ROOT) {
                        dry.reserveNext(f, -1, added);
                    }
                }
                nbuses = dry.size();
            }
            PciAddressSet set = create(nbuses, false);
            chipset(set);
            assignSlots(set);
            if (markMultifunction) {
                setAllMulti();
            }
            controllerDefaults();
        }

        /** libvirt's device iteration order, which decides who reserves first. */
        List<DomainDevice> iterationOrder() {
            return DeviceInfo.iterationOrder(devices, false);
        }

        int flagsOf(DomainDevice d) {
            Integer f = flags.get(d);
            if (f == null) {
                f = table.flags(d);
                flags.put(d, f);
            }
            return f;
        }

        /** The buses the PCI controllers provide, with every address the domain gives reserved. */
        PciAddressSet create(int nbuses, boolean dryRun) {
            PciAddressSet set = new PciAddressSet(nbuses, dryRun,
                    ctx.caps().has(QemuCapability.DEVICE_PCIE_PCI_BRIDGE));
            boolean pcieRoot = false;
            for (DomainController c : devices.getControllers()) {
                if (c.getType() != DomainControllerType.PCI) {
                    continue;
                }
                if (c.getIndex() >= nbuses) {
                    throw NormalizeException.internal("Inappropriate new pci controller index " + c.getIndex()
                            + " exceeds addrs array length", c);
                }
                boolean hotplug = c.getTarget() == null || c.getTarget().getHotplug() != OnOff.OFF;
                if (c.getModel() == null) {
                    throw NormalizeException.internal("PCI controller model was not set correctly", c);
                }
                set.bus(c.getIndex()).setModel(c.getModel(), hotplug);
                if (c.getModel() == DomainControllerModel.PCIE_ROOT) {
                    pcieRoot = true;
                }
            }
            if (nbuses > 0 && set.bus(0).model == null) {
                set.bus(0).setModel(DomainControllerModel.PCI_ROOT, true);
            }
            // buses no controller provides yet get the model libvirt would add for them
            DomainControllerModel fill = pcieRoot ? DomainControllerModel.PCIE_ROOT_PORT
                    : DomainControllerModel.PCI_BRIDGE;
            for (int i = 1; i < set.size(); i++) {
                if (set.bus(i).model == null) {
                    set.bus(i).setModel(fill, true);
                }
            }
            for (DomainDevice d : iterationOrder()) {
                collect(set, d);
            }
            return set;
        }

        /** Reserves a device's given address; the PIIX3's own IDE and USB functions are reserved with the chipset. */
        void collect(PciAddressSet set, DomainDevice d) {
            PciAddr a = present(d);
            if (a == null) {
                return;
            }
            int f = flagsOf(d);
            if (f == 0) {
                // libvirt keeps accepting addresses it would not have given, as plain PCI devices
                f = PciFlags.PCI_DEVICE;
                flags.put(d, f);
            }
            if (d instanceof DomainController c && a.domain == 0 && a.bus == 0 && a.slot == 1) {
                boolean piix3Ide = c.getType() == DomainControllerType.IDE && c.getIndex() == 0 && a.function == 1;
                boolean piix3Usb = c.getType() == DomainControllerType.USB && c.getIndex() == 0
                        && (c.getModel() == DomainControllerModel.PIIX3_UHCI || c.getModel() == null)
                        && a.function == 2;
                if (piix3Ide || piix3Usb) {
                    if (set.size() > 0 && (set.bus(0).flags & PciFlags.PCI_DEVICE) == 0) {
                        throw NormalizeException.internal(
                                "Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers", c);
                    }
                    return;
                }
            }
            set.reserve(a, f, d);
        }

        /** The chipset's fixed devices (qemuDomainValidateDevicePCISlotsChipsets). */
        void chipset(PciAddressSet set) {
            if (ctx.isI440fx()) {
                piix3(set);
            }
            if (ctx.isQ35()) {
                q35(set);
            }
        }

        void piix3(PciAddressSet set) {
            int f = PciFlags.AUTOASSIGN | PciFlags.PCI_DEVICE;
            for (DomainController c : devices.getControllers()) {
                PciAddr fixed;
                if (c.getType() == DomainControllerType.IDE && c.getIndex() == 0) {
                    fixed = new PciAddr(0, 1, 1);
                    if (!place(c, fixed, "Primary IDE controller must have PCI address 0:0:1.1")) {
                        continue;
                    }
                } else if (c.getType() == DomainControllerType.USB && c.getIndex() == 0
                        && (c.getModel() == DomainControllerModel.PIIX3_UHCI || c.getModel() == null)) {
                    fixed = new PciAddr(0, 1, 2);
                    if (!place(c, fixed, "PIIX3 USB controller at index 0 must have PCI address 0:0:1.2")) {
                        continue;
                    }
                } else {
                    continue;
                }
                if (set.size() > 0) {
                    set.reserve(fixed, f, c);
                }
            }
            if (set.size() > 0) {
                // the ISA bridge at 1.0 and the ACPI/SMBus function at 1.3
                set.reserve(new PciAddr(0, 1, 0), f, null);
                set.reserve(new PciAddr(0, 1, 3), f, null);
            }
            // QEMU puts the first VGA device in the first free slot after the PIIX3's: slot 2
            primaryVideo(set, 2, f);
        }

        /** Gives a chipset controller its fixed address, or checks the one given; false when it has none to keep. */
        boolean place(DomainController c, PciAddr fixed, String wrongMessage) {
            PciAddr given = present(c);
            if (given != null) {
                if (!given.sameAs(fixed)) {
                    throw NormalizeException.internal(wrongMessage, c);
                }
                return true;
            }
            setAddress(c, fixed);
            return true;
        }

        void q35(PciAddressSet set) {
            int f = PciFlags.PCIE_DEVICE;
            for (DomainController c : devices.getControllers()) {
                if (c.getType() == DomainControllerType.SATA) {
                    // q35 always has its AHCI controller at 00:1f.2
                    if (c.getIndex() == 0) {
                        PciAddr sata = new PciAddr(0, 0x1f, 2);
                        PciAddr given = present(c);
                        if (given != null) {
                            if (!given.sameAs(sata)) {
                                throw NormalizeException.internal(
                                        "Primary SATA controller must have PCI address 0:0:1f.2", c);
                            }
                        } else {
                            setAddress(c, sata);
                        }
                    }
                } else if (c.getType() == DomainControllerType.USB) {
                    if (c.getModel() == DomainControllerModel.ICH9_UHCI1 && c.getAddress() == null) {
                        // the USB2 controllers of real Q35 hardware sit at 1d.0 and 1a.0, where free
                        PciAddr a = new PciAddr(0, 0x1d, 0);
                        boolean assign = !set.slotInUse(a);
                        if (!assign) {
                            a.slot = 0x1a;
                            assign = !set.slotInUse(a);
                        }
                        if (assign) {
                            set.reserve(a, f, c);
                            a.multi = OnOff.ON;
                            setAddress(c, a);
                        }
                    }
                } else if (c.getType() == DomainControllerType.PCI) {
                    if (c.getModel() == DomainControllerModel.DMI_TO_PCI_BRIDGE && c.getAddress() == null) {
                        // the DMI-to-PCI bridge of real hardware is at 1e.0
                        PciAddr a = new PciAddr(0, 0x1e, 0);
                        if (!set.slotInUse(a)) {
                            set.reserve(a, f, c);
                            setAddress(c, a);
                        }
                    }
                }
            }
            if (set.size() > 0) {
                // the ISA bridge (1f.0) and the SMBus controller (1f.3) are always there
                set.reserve(new PciAddr(0, 0x1f, 0), f, null);
                set.reserve(new PciAddr(0, 0x1f, 3), f, null);
            }
            // with the ICH9 functions at 0x1f, QEMU's first free slot for the first VGA device is 1
            primaryVideo(set, 1, f);
            PciAddr hda = new PciAddr(0, 0x1b, 0);
            if (!set.slotInUse(hda)) {
                // real Q35 hardware has its HD audio at 1b.0
                for (DomainSound s : devices.getSounds()) {
                    if (s.getModel() != DomainSoundModel.ICH9 || !wanted(s)) {
                        continue;
                    }
                    set.reserve(hda, f, s);
                    setAddress(s, hda);
                    break;
                }
            }
        }

        void primaryVideo(PciAddressSet set, int slot, int chipsetFlags) {
            if (devices.getVideos().isEmpty()) {
                return;
            }
            DomainVideo v = devices.getVideos().get(0);
            DomainVideoModelType t = v.getModel() == null ? null : v.getModel().getType();
            if (t == DomainVideoModelType.NONE || t == DomainVideoModelType.RAMFB || !wanted(v)) {
                return;
            }
            PciAddr a = new PciAddr(0, slot, 0);
            set.validate(a, chipsetFlags, true, v);
            if (set.slotInUse(a)) {
                reserveNext(set, v);
            } else {
                set.reserve(a, chipsetFlags, v);
                setAddress(v, a);
            }
        }

        /** Hands out slots to devices without one, in libvirt's order (qemuDomainAssignDevicePCISlots). */
        void assignSlots(PciAddressSet set) {
            for (DomainController c : devices.getControllers()) {
                if (c.getType() == DomainControllerType.PCI && c.getModel() != DomainControllerModel.PCI_ROOT
                        && c.getModel() != DomainControllerModel.PCIE_ROOT && wanted(c)) {
                    reserveNext(set, c);
                }
            }
            for (DomainFilesystem fs : devices.getFilesystems()) {
                if (wanted(fs)) {
                    reserveNext(set, fs);
                }
            }
            for (DomainInterface net : devices.getInterfaces()) {
                // hostdev interfaces are assigned with the host devices they are
                if (net.getType() != DomainInterfaceType.HOSTDEV && wanted(net)) {
                    reserveNext(set, net);
                }
            }
            for (DomainSound s : devices.getSounds()) {
                if (!wanted(s) || s.getModel() == DomainSoundModel.SB16 || s.getModel() == DomainSoundModel.PCSPK
                        || s.getModel() == DomainSoundModel.USB) {
                    continue;
                }
                reserveNext(set, s);
            }
            controllers(set);
            for (DomainDisk d : devices.getDisks()) {
                if (d.getTarget() == null || d.getTarget().getBus() != DomainDiskBus.VIRTIO) {
                    continue;
                }
                if (present(d) != null || d.getAddress() instanceof DomainAddressCcw) {
                    continue;
                }
                if (d.getAddress() instanceof DomainAddressVirtioMmio
                        && ctx.caps().has(QemuCapability.DEVICE_VIRTIO_MMIO)) {
                    continue;
                }
                if (!wanted(d)) {
                    throw NormalizeException.unsupported("virtio disk cannot have an address of type '"
                            + typeName(d.getAddress()) + "'", d);
                }
                reserveNext(set, d);
            }
            for (DomainDevice h : hostdevOrder()) {
                if (!wanted(h) || h.getAddress() instanceof DomainAddressUnassigned) {
                    continue;
                }
                if (h instanceof DomainHostdev hd) {
                    if (hd.getMode() != null && hd.getMode() != DomainHostdevMode.SUBSYSTEM) {
                        continue;
                    }
                    DomainHostdevType t = hd.getType();
                    if (t != DomainHostdevType.PCI && t != DomainHostdevType.SCSI_HOST
                            && !(t == DomainHostdevType.MDEV && "vfio-pci".equals(hd.getModel()))) {
                        continue;
                    }
                } else if (flagsOf(h) == 0) {
                    // a hostdev interface of a USB host device
                    continue;
                }
                reserveNext(set, h);
            }
            if (devices.getMemballoon() != null && !"none".equals(devices.getMemballoon().getModel())
                    && wanted(devices.getMemballoon())) {
                reserveNext(set, devices.getMemballoon());
            }
            for (DomainRng r : devices.getRngs()) {
                if (wanted(r)) {
                    reserveNext(set, r);
                }
            }
            if (devices.getWatchdog() != null && "i6300esb".equals(devices.getWatchdog().getModel())
                    && wanted(devices.getWatchdog())) {
                reserveNext(set, devices.getWatchdog());
            }
            for (DomainVideo v : devices.getVideos()) {
                DomainVideoModelType t = v.getModel() == null ? null : v.getModel().getType();
                if (t == DomainVideoModelType.NONE || t == DomainVideoModelType.RAMFB || !wanted(v)) {
                    continue;
                }
                reserveNext(set, v);
            }
            for (DomainShmem s : devices.getShmems()) {
                if (wanted(s)) {
                    reserveNext(set, s);
                }
            }
            for (DomainInput in : devices.getInputs()) {
                if (in.getBus() == DomainInputBus.VIRTIO && wanted(in)) {
                    reserveNext(set, in);
                }
            }
            for (DomainSerial s : devices.getSerials()) {
                if (s.getTarget() != null && "pci-serial".equals(s.getTarget().getType()) && wanted(s)) {
                    reserveNext(set, s);
                }
            }
            if (devices.getIommu() != null && "virtio".equals(devices.getIommu().getModel())
                    && wanted(devices.getIommu())) {
                reserveNext(set, devices.getIommu());
            }
            if (devices.getVsock() != null && wanted(devices.getVsock())) {
                reserveNext(set, devices.getVsock());
            }
            for (DomainMemoryDevice m : devices.getMemories()) {
                if (("virtio-pmem".equals(m.getModel()) || "virtio-mem".equals(m.getModel())) && wanted(m)) {
                    reserveNext(set, m);
                }
            }
        }

        /** Host devices in libvirt's hostdev list order: those of hostdev interfaces first, as the parser adds them. */
        List<DomainDevice> hostdevOrder() {
            List<DomainDevice> out = new ArrayList<>();
            for (DomainInterface net : devices.getInterfaces()) {
                if (net.getType() == DomainInterfaceType.HOSTDEV) {
                    out.add(net);
                }
            }
            out.addAll(devices.getHostdevs());
            return out;
        }

        /**
         * Non-PCI controllers: not USB 'none', the floppy controller (behind the ISA bridge), CCID (a USB device),
         * the first IDE controller (the PIIX3's) or the built-in ESP SCSI; a USB 2 group shares one slot, each
         * controller on its function (EHCI 7, UHCI 0-2).
         */
        void controllers(PciAddressSet set) {
            for (DomainController c : devices.getControllers()) {
                DomainControllerType t = c.getType();
                if (t == DomainControllerType.PCI || t == DomainControllerType.FDC || t == DomainControllerType.CCID) {
                    continue;
                }
                if (t == DomainControllerType.USB && c.getModel() == DomainControllerModel.NONE) {
                    continue;
                }
                if (t == DomainControllerType.IDE && c.getIndex() == 0) {
                    continue;
                }
                if (t == DomainControllerType.SCSI && c.getModel() == DomainControllerModel.NCR53C90) {
                    continue;
                }
                if (!wanted(c)) {
                    continue;
                }
                if (!Controllers.isUsb2(c)) {
                    reserveNext(set, c);
                    continue;
                }
                PciAddr addr = new PciAddr();
                boolean found = false;
                for (DomainController o : devices.getControllers()) {
                    if (Controllers.isUsb2(o) && o.getIndex().equals(c.getIndex()) && present(o) != null) {
                        addr = present(o);
                        found = true;
                        break;
                    }
                }
                switch (c.getModel()) {
                    case ICH9_EHCI1 -> {
                        addr.function = 7;
                        addr.multi = null;
                    }
                    case ICH9_UHCI1 -> {
                        addr.function = 0;
                        addr.multi = OnOff.ON;
                    }
                    case ICH9_UHCI2 -> {
                        addr.function = 1;
                        addr.multi = null;
                    }
                    case ICH9_UHCI3 -> {
                        addr.function = 2;
                        addr.multi = null;
                    }
                    default -> {
                    }
                }
                if (found) {
                    set.reserve(addr, flagsOf(c), c);
                    setAddress(c, addr);
                } else {
                    PciAddr a = set.reserveNext(flagsOf(c), addr.function, c);
                    a.multi = addr.multi;
                    if (!set.dryRun) {
                        setAddress(c, a);
                    }
                }
            }
        }

        void reserveNext(PciAddressSet set, DomainDevice d) {
            PciAddr a = set.reserveNext(flagsOf(d), -1, d);
            if (!set.dryRun) {
                setAddress(d, a);
            }
        }

        /**
         * Marks function 0 of every slot with several functions in use as multifunction, unless the domain turned
         * that off (virDomainPCIAddressSetAllMulti).
         */
        void setAllMulti() {
            List<DomainDevice> all = iterationOrder();
            for (DomainDevice d : all) {
                if (!(d.getAddress() instanceof DomainAddressPci p)) {
                    continue;
                }
                PciAddr a = PciAddr.of(p);
                if (a.function == 0) {
                    continue;
                }
                for (DomainDevice o : all) {
                    if (o.getAddress() instanceof DomainAddressPci q) {
                        PciAddr b = PciAddr.of(q);
                        if (b.domain == a.domain && b.bus == a.bus && b.slot == a.slot && b.function == 0) {
                            if (q.getMultifunction() == null) {
                                q.setMultifunction(OnOff.ON);
                            }
                            break;
                        }
                    }
                }
            }
        }

        /** QEMU device names and the chassis, port and bus numbers of PCI controllers, and their sanity check. */
        void controllerDefaults() {
            for (DomainController c : devices.getControllers()) {
                if (c.getType() != DomainControllerType.PCI) {
                    continue;
                }
                PciAddr addr = c.getAddress() instanceof DomainAddressPci p ? PciAddr.of(p) : new PciAddr();
                if (c.getModelName() == null || c.getModelName().getName() == null) {
                    String name = modelName(c.getModel());
                    if (name != null) {
                        DomainControllerModelName n = new DomainControllerModelName();
                        n.setName(name);
                        c.setModelName(n);
                    }
                }
                DomainControllerTarget t = c.getTarget();
                switch (c.getModel()) {
                    case PCI_BRIDGE -> {
                        if (t == null || t.getChassisNr() == null) {
                            target(c).setChassisNr(c.getIndex());
                        }
                    }
                    case PCIE_ROOT_PORT -> {
                        if (t == null || t.getChassis() == null) {
                            target(c).setChassis(c.getIndex());
                        }
                        if (target(c).getPort() == null) {
                            target(c).setPort((addr.slot << 3) + addr.function);
                        }
                    }
                    case PCIE_SWITCH_DOWNSTREAM_PORT -> {
                        if (t == null || t.getChassis() == null) {
                            target(c).setChassis(c.getIndex());
                        }
                        if (target(c).getPort() == null) {
                            target(c).setPort(addr.slot);
                        }
                    }
                    case PCI_EXPANDER_BUS, PCIE_EXPANDER_BUS -> {
                        if (t == null || t.getBusNr() == null) {
                            int busNr = newBusNr();
                            if (busNr < 0) {
                                throw NormalizeException.unsupported("No free busNr lower than current lowest busNr"
                                        + " is available to auto-assign to bus " + addr.bus + ". Must be manually"
                                        + " assigned", c);
                            }
                            target(c).setBusNr(busNr);
                        }
                    }
                    default -> {
                    }
                }
                if (c.getModel() == DomainControllerModel.PCI_BRIDGE && c.getIndex() <= addr.bus) {
                    throw NormalizeException.unsupported(String.format("PCI controller at index %d (0x%02x) has"
                            + " bus='0x%02x', but index must be larger than bus", c.getIndex(), c.getIndex(),
                            addr.bus), c);
                }
            }
        }

        DomainControllerTarget target(DomainController c) {
            if (c.getTarget() == null) {
                c.setTarget(new DomainControllerTarget());
            }
            return c.getTarget();
        }

        /** The QEMU device a PCI controller model is built with. */
        String modelName(DomainControllerModel m) {
            return switch (m) {
                case PCI_BRIDGE -> "pci-bridge";
                case DMI_TO_PCI_BRIDGE -> "i82801b11-bridge";
                case PCIE_TO_PCI_BRIDGE -> "pcie-pci-bridge";
                // the generic root port where QEMU has it, Intel's ioh3420 otherwise
                case PCIE_ROOT_PORT -> ctx.caps().has(QemuCapability.DEVICE_PCIE_ROOT_PORT) ? "pcie-root-port"
                        : "ioh3420";
                case PCIE_SWITCH_UPSTREAM_PORT -> "x3130-upstream";
                case PCIE_SWITCH_DOWNSTREAM_PORT -> "xio3130-downstream";
                case PCI_EXPANDER_BUS -> "pxb";
                case PCIE_EXPANDER_BUS -> "pxb-pcie";
                default -> null;
            };
        }

        /**
         * A bus number for an expander bus: two below the lowest one in use (one for the expander, one for its
         * integrated bridge), leaving the most numbers to buses behind the root; -1 when that would reach 2.
         */
        int newBusNr() {
            int lowest = 256;
            for (DomainController c : devices.getControllers()) {
                if (c.getType() == DomainControllerType.PCI && c.getTarget() != null
                        && c.getTarget().getBusNr() != null && c.getTarget().getBusNr() < lowest) {
                    lowest = c.getTarget().getBusNr();
                }
            }
            return lowest <= 2 ? -1 : lowest - 2;
        }
    }

    /** The device's PCI address when it has a non-empty one, else null. */
    static PciAddr present(DomainDevice d) {
        if (d.getAddress() instanceof DomainAddressPci p) {
            PciAddr a = PciAddr.of(p);
            return a.isEmpty() ? null : a;
        }
        return null;
    }

    /** The device has no address yet, or an empty PCI one. */
    static boolean wanted(DomainDevice d) {
        DomainAddress a = d.getAddress();
        return a == null || (a instanceof DomainAddressPci p && PciAddr.of(p).isEmpty());
    }

    static void setAddress(DomainDevice d, PciAddr a) {
        DomainAddressPci p = d.getAddress() instanceof DomainAddressPci q ? q : new DomainAddressPci();
        a.writeTo(p);
        d.setAddress(p);
    }

    /** The {@code type} libvirt names an address by. */
    static String typeName(DomainAddress a) {
        String n = a.getClass().getSimpleName().replace("DomainAddress", "");
        return switch (n) {
            case "VirtioSerial" -> "virtio-serial";
            case "SpaprVio" -> "spapr-vio";
            case "VirtioS390" -> "virtio-s390";
            case "VirtioMmio" -> "virtio-mmio";
            default -> n.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
