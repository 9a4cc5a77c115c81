package org.virtxml.caps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code virsh domcapabilities} reports for one emulator, domain type and machine, derived from a
 * {@link QemuCaps} the way libvirt derives it from QEMU's answers: device enums from capability flags, CPU modes
 * from the accelerator's CPU models and host-model, firmware from the host's descriptors. {@link #toXml()} formats
 * it as libvirt does.
 */
public final class DomainCapabilities {

    // libvirt's enum tables: values are always listed in this order, whatever order they were found in
    static final List<String> FIRMWARE = List.of("bios", "efi");
    static final List<String> LOADER_TYPE = List.of("rom", "pflash");
    static final List<String> TRISTATE_BOOL = List.of("yes", "no");
    static final List<String> SWITCH = List.of("on", "off");
    static final List<String> MEMORY_SOURCE = List.of("file", "anonymous", "memfd");
    static final List<String> DISK_DEVICE = List.of("disk", "cdrom", "floppy", "lun");
    static final List<String> DISK_BUS = List.of("ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");
    static final List<String> DISK_MODEL = List.of("virtio", "virtio-transitional", "virtio-non-transitional");
    static final List<String> GRAPHICS = List.of("sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus");
    static final List<String> VIDEO = List.of("vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio",
            "gop", "none", "bochs", "ramfb");
    static final List<String> HOSTDEV_MODE = List.of("subsystem", "capabilities");
    static final List<String> STARTUP_POLICY = List.of("default", "mandatory", "requisite", "optional");
    static final List<String> HOSTDEV_SUBSYS = List.of("usb", "pci", "scsi", "scsi_host", "mdev");
    static final List<String> HOSTDEV_CAPS = List.of("storage", "misc", "net");
    static final List<String> PCI_BACKEND = List.of("default", "kvm", "vfio", "xen");
    static final List<String> RNG_MODEL = List.of("virtio", "virtio-transitional", "virtio-non-transitional");
    static final List<String> RNG_BACKEND = List.of("random", "egd", "builtin");
    static final List<String> FS_DRIVER = List.of("path", "handle", "loop", "nbd", "ploop", "virtiofs");
    static final List<String> TPM_MODEL = List.of("tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy");
    static final List<String> TPM_BACKEND = List.of("passthrough", "emulator", "external");
    static final List<String> TPM_VERSION = List.of("1.2", "2.0");
    static final List<String> REDIRDEV_BUS = List.of("usb");
    static final List<String> CHANNEL_TYPE = List.of("null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp",
            "tcp", "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus");
    static final List<String> GIC_VERSION = List.of("2", "3", "host");

    /** An {@code <enum name='...'>}: the values set, always printed in libvirt's order. */
    public static final class CapsEnum {
        private final String name;
        private final List<String> order;
        private final Set<String> values = new LinkedHashSet<>();

        CapsEnum(String name, List<String> order) {
            this.name = name;
            this.order = order;
        }

        CapsEnum set(String... vs) {
            for (String v : vs) {
                if (!order.contains(v)) {
                    throw new IllegalArgumentException(name + " has no value " + v);
                }
                values.add(v);
            }
            return this;
        }

        /** The enum's name attribute. */
        public String name() {
            return name;
        }

        /** The values, in libvirt's order. */
        public List<String> values() {
            return order.stream().filter(values::contains).toList();
        }
    }

    /**
     * A device or feature block: {@code <disk supported='yes'>} with its enums.
     *
     * @param element   the element name
     * @param supported whether it is supported
     * @param enums     its enums, in output order
     */
    public record Block(String element, boolean supported, List<CapsEnum> enums) {
    }

    /**
     * One {@code <model>} of custom CPU mode.
     *
     * @param name       model name
     * @param usable     usability under this domain type
     * @param deprecated QEMU marks it deprecated
     * @param vendor     vendor from libvirt's CPU map, or null ({@code unknown})
     */
    public record CustomModel(String name, CpuDefinition.Usability usable, boolean deprecated, String vendor) {
    }

    private final QemuCaps caps;
    private final String arch;
    private final VirtType type;
    private final String machine;
    private final int maxVcpus;
    private final boolean iothreads;
    private final CapsEnum firmware;
    private final List<String> loaderValues;
    private final boolean secureLoader;
    private final CapsEnum hostPassthroughMigratable;
    private final CapsEnum maximumMigratable;
    private final HostCpuModel hostModel;
    private final List<CustomModel> custom;
    private final List<Block> devices = new ArrayList<>();

    private DomainCapabilities(QemuCaps caps, String arch, VirtType type, String machine) {
        this.caps = caps;
        this.arch = arch;
        this.type = type;
        this.machine = machine;
        MachineType mt = caps.machine(type, machine).orElseThrow();
        int max = mt.maxCpus();
        Integer kvmMax = caps.host().kvmMaxVcpus();
        if (type == VirtType.KVM && kvmMax != null) {
            max = Math.min(max, kvmMax);
        }
        maxVcpus = max;
        iothreads = caps.has(QemuCapability.OBJECT_IOTHREAD);

        // firmware: descriptors that fit this machine, else qemu.conf's nvram list
        firmware = new CapsEnum("firmware", FIRMWARE);
        List<String> images = new ArrayList<>();
        boolean secure = false;
        for (HostFacts.Firmware fw : caps.host().firmware()) {
            if (!fw.matches(arch, machine)) {
                continue;
            }
            if (fw.interfaceTypes().contains("uefi")) {
                firmware.set("efi");
            }
            if (fw.interfaceTypes().contains("bios")) {
                firmware.set("bios");
            }
            secure |= fw.features().contains("requires-smm");
            if (fw.executable() != null && fw.executableExists() && !images.contains(fw.executable())) {
                images.add(fw.executable());
            }
        }
        if (images.isEmpty()) {
            for (HostFacts.Loader l : caps.host().qemuConf().nvram()) {
                if (l.loaderExists() && !images.contains(l.loader())) {
                    images.add(l.loader());
                }
            }
        }
        loaderValues = List.copyOf(images);
        secureLoader = secure;

        // CPU modes
        boolean accelerated = type == VirtType.KVM;
        String hostArch = caps.host().cpu().arch();
        boolean nativeGuest = hostArch.equals(arch) || (hostArch.equals("x86_64") && arch.equals("i686"));
        if (accelerated && nativeGuest) {
            hostPassthroughMigratable = new CapsEnum("hostPassthroughMigratable", SWITCH).set("off");
            if (caps.has(QemuCapability.CPU_MIGRATABLE)) {
                hostPassthroughMigratable.set("on");
            }
        } else {
            hostPassthroughMigratable = null;
        }
        maximumMigratable = caps.has(QemuCapability.CPU_MAX)
                ? new CapsEnum("maximumMigratable", SWITCH).set("on", "off") : null;
        hostModel = caps.hostModel(type);
        List<CustomModel> models = new ArrayList<>();
        for (CpuDefinition c : caps.cpuDefinitions(type)) {
            if (c.name().equals("host")) {
                continue;
            }
            if (!caps.libvirtCpuModels().isEmpty() && !caps.libvirtCpuModels().containsKey(c.name())) {
                continue; // libvirt lists only the models its CPU map knows
            }
            models.add(new CustomModel(c.name(), c.usability(), c.deprecated(), caps.libvirtCpuModels().get(c.name())));
        }
        custom = List.copyOf(models);

        fillDevices();
    }

    /**
     * The domain capabilities of the profile's own architecture for {@code type} and {@code machine} (an alias is
     * resolved; null means libvirt's default machine). Throws {@link IllegalArgumentException} with libvirt's
     * message when the emulator does not support the type or machine.
     */
    public static DomainCapabilities of(QemuCaps caps, VirtType type, String machine) {
        return of(caps, caps.arch(), type, machine);
    }

    /**
     * The domain capabilities for a guest architecture the emulator serves ({@code qemu-system-x86_64} also runs
     * {@code i686} guests), domain type and machine.
     */
    public static DomainCapabilities of(QemuCaps caps, String arch, VirtType type, String machine) {
        if (!servesArch(caps.arch(), arch)) {
            throw new IllegalArgumentException("invalid argument: Emulator '" + caps.emulator()
                    + "' does not support arch '" + arch + "'");
        }
        if (!caps.virtTypes().contains(type)) {
            throw new IllegalArgumentException("invalid argument: Emulator '" + caps.emulator()
                    + "' does not support virt type '" + type.xml() + "'");
        }
        String m = machine == null ? caps.defaultMachine(type).name() : caps.canonicalMachine(type, machine);
        if (!caps.isMachineSupported(type, m)) {
            throw new IllegalArgumentException("invalid argument: the machine '" + machine
                    + "' is not supported by emulator '" + caps.emulator() + "'");
        }
        return new DomainCapabilities(caps, arch, type, m);
    }

    /** libvirt lets an emulator serve its own architecture and a few narrower relatives. */
    static boolean servesArch(String emulatorArch, String arch) {
        return emulatorArch.equals(arch) || (emulatorArch.equals("x86_64") && arch.equals("i686"))
                || (emulatorArch.equals("aarch64") && arch.equals("armv7l"))
                || (emulatorArch.equals("armv7l") && arch.equals("armv6l"))
                || (emulatorArch.equals("ppc64") && arch.equals("ppc64le"));
    }

    /** libvirt's architecture names (its {@code virArch} table). */
    static final List<String> ARCHES = List.of("alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686",
            "itanium", "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el", "or32",
            "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64", "s390", "s390x",
            "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb");

    /** libvirt's domain type names (its {@code virDomainVirt} table). */
    static final List<String> VIRT_TYPES = List.of("none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz",
            "test", "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf");

    /**
     * Chooses the profile and parameters as {@code virsh domcapabilities} does, from the emulators available
     * ({@code profiles}), and throws {@link IllegalArgumentException} with libvirt's message on a bad request.
     * Any argument may be null: the emulator defaults to the one serving the architecture, the architecture to the
     * host's, the domain type to KVM when it works, the machine to libvirt's default.
     */
    public static DomainCapabilities lookup(List<QemuCaps> profiles, String emulator, String archArg,
            String virttypeArg, String machine) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("no emulator profiles");
        }
        if (virttypeArg != null && !VIRT_TYPES.contains(virttypeArg)) {
            throw new IllegalArgumentException("invalid argument: unknown virttype: " + virttypeArg);
        }
        if (archArg != null && !ARCHES.contains(archArg)) {
            throw new IllegalArgumentException("invalid argument: unknown architecture: " + archArg);
        }
        String hostArch = profiles.get(0).host().cpu().arch();
        String arch = archArg != null ? archArg : hostArch;
        QemuCaps caps = null;
        if (emulator == null) {
            caps = profiles.stream().filter(p -> p.arch().equals(arch)).findFirst().orElse(null);
            if (caps == null && arch.equals("i686")) {
                // without qemu-system-i386, libvirt serves i686 guests with qemu-system-x86_64
                caps = profiles.stream().filter(p -> p.arch().equals("x86_64")).findFirst().orElse(null);
            }
            if (caps == null) {
                throw new IllegalArgumentException("unsupported configuration: unable to find any emulator to serve '"
                        + arch + "' architecture");
            }
        } else {
            for (QemuCaps p : profiles) {
                if (p.emulator().equals(emulator)) {
                    caps = p;
                }
            }
            if (caps == null) {
                throw new IllegalArgumentException(java.nio.file.Files.exists(java.nio.file.Path.of(emulator))
                        ? "no capability profile for emulator '" + emulator + "' (probe it with --qemu-probe="
                                + emulator + ")"
                        : "Cannot check QEMU binary " + emulator + ": No such file or directory");
            }
        }
        if (!caps.arch().equals(arch) && !(Machines.isX86(arch) && Machines.isX86(caps.arch()))) {
            throw new IllegalArgumentException("invalid argument: architecture from emulator '" + caps.arch()
                    + "' doesn't match given architecture '" + arch + "'");
        }
        VirtType capsType = caps.has(QemuCapability.KVM) ? VirtType.KVM : VirtType.QEMU;
        VirtType type = virttypeArg == null ? capsType : VirtType.fromXml(virttypeArg);
        if (type == VirtType.KVM && capsType == VirtType.QEMU) {
            throw new IllegalArgumentException("invalid argument: the accel 'kvm' is not supported by '"
                    + caps.emulator() + "' on this host");
        }
        if (type == null) {
            throw new IllegalArgumentException("invalid argument: Emulator '" + caps.emulator()
                    + "' does not support virt type '" + virttypeArg + "'");
        }
        return of(caps, arch, type, machine);
    }

    private void fillDevices() {
        boolean i440fx = Machines.isI440fxName(machine);
        CapsEnum diskDevice = new CapsEnum("diskDevice", DISK_DEVICE).set("disk", "cdrom", "lun", "floppy");
        CapsEnum bus = new CapsEnum("bus", DISK_BUS).set("fdc", "scsi", "virtio");
        if (i440fx) {
            bus.set("ide"); // only i440fx (of the x86 machines) has an IDE controller built in
        }
        if (caps.has(QemuCapability.DEVICE_USB_STORAGE)) {
            bus.set("usb");
        }
        if (caps.has(QemuCapability.ICH9_AHCI)) {
            bus.set("sata");
        }
        CapsEnum diskModel = new CapsEnum("model", DISK_MODEL).set("virtio");
        if (caps.has(QemuCapability.VIRTIO_PCI_TRANSITIONAL)) {
            diskModel.set("virtio-transitional", "virtio-non-transitional");
        }
        devices.add(new Block("disk", true, List.of(diskDevice, bus, diskModel)));

        CapsEnum gtype = new CapsEnum("type", GRAPHICS);
        setIf(gtype, QemuCapability.SDL, "sdl");
        setIf(gtype, QemuCapability.VNC, "vnc");
        setIf(gtype, QemuCapability.SPICE, "spice");
        setIf(gtype, QemuCapability.EGL_HEADLESS, "egl-headless");
        setIf(gtype, QemuCapability.DISPLAY_DBUS, "dbus");
        devices.add(new Block("graphics", true, List.of(gtype)));

        CapsEnum video = new CapsEnum("modelType", VIDEO).set("none");
        setIf(video, QemuCapability.DEVICE_VGA, "vga");
        setIf(video, QemuCapability.DEVICE_CIRRUS_VGA, "cirrus");
        setIf(video, QemuCapability.DEVICE_VMWARE_SVGA, "vmvga");
        setIf(video, QemuCapability.DEVICE_QXL, "qxl");
        setIf(video, QemuCapability.DEVICE_VIRTIO_GPU, "virtio");
        setIf(video, QemuCapability.DEVICE_BOCHS_DISPLAY, "bochs");
        setIf(video, QemuCapability.DEVICE_RAMFB, "ramfb");
        devices.add(new Block("video", true, List.of(video)));

        CapsEnum subsys = new CapsEnum("subsysType", HOSTDEV_SUBSYS).set("pci", "scsi");
        for (QemuCapability usb : List.of(QemuCapability.PIIX3_USB_UHCI, QemuCapability.PIIX4_USB_UHCI,
                QemuCapability.USB_EHCI, QemuCapability.ICH9_USB_EHCI1, QemuCapability.VT82C686B_USB_UHCI,
                QemuCapability.PCI_OHCI, QemuCapability.NEC_USB_XHCI, QemuCapability.DEVICE_QEMU_XHCI)) {
            if (caps.has(usb)) {
                subsys.set("usb");
            }
        }
        CapsEnum backend = new CapsEnum("pciBackend", PCI_BACKEND);
        if (caps.host().vfio() && caps.has(QemuCapability.DEVICE_VFIO_PCI)) {
            backend.set("default", "vfio");
        }
        devices.add(new Block("hostdev", true, List.of(new CapsEnum("mode", HOSTDEV_MODE).set("subsystem"),
                new CapsEnum("startupPolicy", STARTUP_POLICY).set("default", "mandatory", "requisite", "optional"),
                subsys, new CapsEnum("capsType", HOSTDEV_CAPS), backend)));

        CapsEnum rngModel = new CapsEnum("model", RNG_MODEL);
        if (caps.has(QemuCapability.DEVICE_VIRTIO_RNG)) {
            rngModel.set("virtio");
            if (caps.has(QemuCapability.VIRTIO_PCI_TRANSITIONAL)) {
                rngModel.set("virtio-transitional", "virtio-non-transitional");
            }
        }
        CapsEnum rngBackend = new CapsEnum("backendModel", RNG_BACKEND);
        setIf(rngBackend, QemuCapability.OBJECT_RNG_EGD, "egd");
        setIf(rngBackend, QemuCapability.OBJECT_RNG_RANDOM, "random");
        setIf(rngBackend, QemuCapability.OBJECT_RNG_BUILTIN, "builtin");
        devices.add(new Block("rng", true, List.of(rngModel, rngBackend)));

        CapsEnum fs = new CapsEnum("driverType", FS_DRIVER).set("path", "handle");
        setIf(fs, QemuCapability.DEVICE_VHOST_USER_FS, "virtiofs");
        devices.add(new Block("filesystem", true, List.of(fs)));

        CapsEnum tpmModel = new CapsEnum("model", TPM_MODEL);
        setIf(tpmModel, QemuCapability.DEVICE_TPM_TIS, "tpm-tis");
        setIf(tpmModel, QemuCapability.DEVICE_TPM_CRB, "tpm-crb");
        setIf(tpmModel, QemuCapability.DEVICE_TPM_SPAPR, "tpm-spapr");
        setIf(tpmModel, QemuCapability.DEVICE_SPAPR_TPM_PROXY, "spapr-tpm-proxy");
        CapsEnum tpmBackend = new CapsEnum("backendModel", TPM_BACKEND);
        setIf(tpmBackend, QemuCapability.DEVICE_TPM_PASSTHROUGH, "passthrough");
        List<CapsEnum> tpmEnums = new ArrayList<>(List.of(tpmModel, tpmBackend));
        HostFacts.Swtpm swtpm = caps.host().swtpm();
        if (swtpm != null) {
            if (caps.has(QemuCapability.DEVICE_TPM_EMULATOR)) {
                tpmBackend.set("emulator", "external");
            }
            // the version enum appears only when swtpm_setup supports at least one version
            CapsEnum version = new CapsEnum("backendVersion", TPM_VERSION);
            if (swtpm.tpm12()) {
                version.set("1.2");
            }
            if (swtpm.tpm20()) {
                version.set("2.0");
            }
            if (swtpm.tpm12() || swtpm.tpm20()) {
                tpmEnums.add(version);
            }
        }
        devices.add(new Block("tpm", !tpmModel.values().isEmpty(), tpmEnums));

        boolean redir = caps.has(QemuCapability.USB_REDIR);
        devices.add(new Block("redirdev", redir,
                redir ? List.of(new CapsEnum("bus", REDIRDEV_BUS).set("usb")) : List.of()));

        CapsEnum channel = new CapsEnum("type", CHANNEL_TYPE).set("pty", "unix");
        setIf(channel, QemuCapability.SPICE, "spicevmc");
        devices.add(new Block("channel", true, List.of(channel)));
    }

    private void setIf(CapsEnum e, QemuCapability flag, String value) {
        if (caps.has(flag)) {
            e.set(value);
        }
    }

    /** The emulator path. */
    public String path() {
        return caps.emulator();
    }

    /** The guest architecture. */
    public String arch() {
        return arch;
    }

    /** The domain type. */
    public VirtType virtType() {
        return type;
    }

    /** The canonical machine type. */
    public String machine() {
        return machine;
    }

    /** Maximum vCPUs. */
    public int maxVcpus() {
        return maxVcpus;
    }

    /** UEFI/BIOS images offered. */
    public List<String> loaderValues() {
        return loaderValues;
    }

    /** The custom CPU models. */
    public List<CustomModel> customModels() {
        return custom;
    }

    /** The host-model CPU, or null. */
    public HostCpuModel hostModel() {
        return hostModel;
    }

    /** Device blocks in output order. */
    public List<Block> devices() {
        return devices;
    }

    /** The document exactly as {@code virsh domcapabilities} prints it (ending with a newline). */
    public String toXml() {
        Xml x = new Xml();
        x.open("domainCapabilities");
        x.text("path", caps.emulator());
        x.text("domain", type.xml());
        x.text("machine", machine);
        x.text("arch", arch);
        x.line("<vcpu max='" + maxVcpus + "'/>");
        x.line("<iothreads supported='" + yesNo(iothreads) + "'/>");

        x.open("os supported='yes'", "os");
        enumXml(x, firmware);
        x.open("loader supported='yes'", "loader");
        for (String v : loaderValues) {
            x.text("value", v);
        }
        enumXml(x, new CapsEnum("type", LOADER_TYPE).set("rom", "pflash"));
        enumXml(x, new CapsEnum("readonly", TRISTATE_BOOL).set("yes", "no"));
        CapsEnum secure = new CapsEnum("secure", TRISTATE_BOOL).set("no");
        if (secureLoader) {
            secure.set("yes");
        }
        enumXml(x, secure);
        x.close();
        x.close();

        x.open("cpu");
        if (hostPassthroughMigratable != null) {
            x.open("mode name='host-passthrough' supported='yes'", "mode");
            enumXml(x, hostPassthroughMigratable);
            x.close();
        } else {
            x.line("<mode name='host-passthrough' supported='no'/>");
        }
        if (maximumMigratable != null) {
            x.open("mode name='maximum' supported='yes'", "mode");
            enumXml(x, maximumMigratable);
            x.close();
        } else {
            x.line("<mode name='maximum' supported='no'/>");
        }
        if (hostModel != null) {
            x.open("mode name='host-model' supported='yes'", "mode");
            x.line("<model fallback='forbid'>" + Xml.escape(hostModel.model()) + "</model>");
            if (hostModel.vendor() != null) {
                x.text("vendor", hostModel.vendor());
            }
            for (CpuFeature f : hostModel.features()) {
                x.line("<feature policy='" + f.policy().xml() + "' name='" + Xml.escape(f.name()) + "'/>");
            }
            x.close();
        } else {
            x.line("<mode name='host-model' supported='no'/>");
        }
        if (!custom.isEmpty()) {
            x.open("mode name='custom' supported='yes'", "mode");
            for (CustomModel m : custom) {
                x.line("<model usable='" + m.usable().xml() + "'" + (m.deprecated() ? " deprecated='yes'" : "")
                        + " vendor='" + Xml.escape(m.vendor() == null ? "unknown" : m.vendor()) + "'>"
                        + Xml.escape(m.name()) + "</model>");
            }
            x.close();
        } else {
            x.line("<mode name='custom' supported='no'/>");
        }
        x.close();

        x.open("memoryBacking supported='yes'", "memoryBacking");
        CapsEnum src = new CapsEnum("sourceType", MEMORY_SOURCE).set("file", "anonymous");
        setIf(src, QemuCapability.OBJECT_MEMORY_MEMFD, "memfd");
        enumXml(x, src);
        x.close();

        x.open("devices");
        for (Block b : devices) {
            block(x, b);
        }
        x.close();

        x.open("features");
        x.line("<gic supported='no'/>"); // GIC exists only on ARM 'virt' machines
        x.line("<vmcoreinfo supported='" + yesNo(caps.has(QemuCapability.DEVICE_VMCOREINFO)) + "'/>");
        x.line("<genid supported='" + yesNo(caps.has(QemuCapability.DEVICE_VMGENID)) + "'/>");
        x.line("<backingStoreInput supported='yes'/>");
        x.line("<backup supported='" + yesNo(caps.has(QemuCapability.INCREMENTAL_BACKUP)) + "'/>");
        sevXml(x);
        sgxXml(x);
        List<String> hv = caps.hypervFeatures();
        if (!hv.isEmpty()) {
            x.open("hyperv supported='yes'", "hyperv");
            CapsEnum e = new CapsEnum("features", QemuCaps.HYPERV_FEATURES);
            hv.forEach(e::set);
            enumXml(x, e);
            x.close();
        }
        x.close();
        x.close();
        return x.toString();
    }

    private void sevXml(Xml x) {
        SevCapability sev = caps.sev().orElse(null);
        if (sev == null) {
            x.line("<sev supported='no'/>");
            return;
        }
        x.open("sev supported='yes'", "sev");
        x.line("<cbitpos>" + sev.cbitpos() + "</cbitpos>");
        x.line("<reducedPhysBits>" + sev.reducedPhysBits() + "</reducedPhysBits>");
        x.line("<maxGuests>" + sev.maxGuests() + "</maxGuests>");
        x.line("<maxESGuests>" + sev.maxEsGuests() + "</maxESGuests>");
        if (sev.cpu0Id() != null) {
            x.text("cpu0Id", sev.cpu0Id());
        }
        x.close();
    }

    private void sgxXml(Xml x) {
        SgxCapability sgx = caps.sgx().orElse(null);
        if (sgx == null) {
            x.line("<sgx supported='no'/>");
            return;
        }
        x.open("sgx supported='yes'", "sgx");
        x.line("<flc>" + yesNo(sgx.flc()) + "</flc>");
        x.line("<sgx1>" + yesNo(sgx.sgx1()) + "</sgx1>");
        x.line("<sgx2>" + yesNo(sgx.sgx2()) + "</sgx2>");
        x.line("<section_size unit='KiB'>" + sgx.sectionSizeKiB() + "</section_size>");
        if (!sgx.sections().isEmpty()) {
            x.open("sections");
            for (SgxCapability.Section s : sgx.sections()) {
                x.line("<section node='" + s.node() + "' size='" + s.sizeKiB() + "' unit='KiB'/>");
            }
            x.close();
        }
        x.close();
    }

    private static void block(Xml x, Block b) {
        if (!b.supported()) {
            x.line("<" + b.element() + " supported='no'/>");
            return;
        }
        x.open(b.element() + " supported='yes'", b.element());
        for (CapsEnum e : b.enums()) {
            enumXml(x, e);
        }
        x.close();
    }

    private static void enumXml(Xml x, CapsEnum e) {
        List<String> vs = e.values();
        if (vs.isEmpty()) {
            x.line("<enum name='" + e.name() + "'/>");
            return;
        }
        x.open("enum name='" + e.name() + "'", "enum");
        for (String v : vs) {
            x.text("value", v);
        }
        x.close();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
