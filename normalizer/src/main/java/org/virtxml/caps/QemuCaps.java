package org.virtxml.caps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The capability profile of one QEMU emulator on one host: everything libvirt 9.0.0 learns by probing QEMU (and the
 * few host facts it reads itself), held as data so that no other code hard-codes what "QEMU 7.2" can do.
 *
 * <h2>Where it comes from</h2>
 * A profile is a JSON document. {@link #builtin()} is the committed resource {@code qemu-7.2-x86_64.json} (and
 * {@link #builtin(String) builtin("i686")} the one for {@code qemu-system-i386}), recorded on the machine the
 * conformance corpus came from; {@code virtxml probe-qemu} regenerates them from an installed emulator, and
 * {@code --qemu-probe} makes the CLI use a fresh probe instead. The JSON keeps QEMU's raw answers
 * ({@code query-machines}, {@code query-cpu-definitions}, {@code qom-list-types}, {@code device-list-properties}
 * of the devices libvirt inspects, {@code query-command-line-options}, QMP schema queries, ...), so everything
 * libvirt derives is derived here the same way, in code, from that data.
 *
 * <h2>For the normalizer (libvirt's post-parse and validation)</h2>
 * <ul>
 * <li>Machine names: {@link #canonicalMachine} turns {@code pc} into {@code pc-i440fx-7.2} and {@code q35} into
 * {@code pc-q35-7.2}; {@link #defaultMachine} is what libvirt picks when {@code <type>} has no machine
 * ({@code pc}'s target); {@link #machine} gives max CPUs, hotplug, default RAM id and deprecation.</li>
 * <li>Flags: {@link #has(QemuCapability)} answers libvirt's {@code virQEMUCapsGet}; for example the default USB
 * controller of a q35 guest is {@code qemu-xhci} when {@code has(DEVICE_QEMU_XHCI)}, the default NIC is
 * {@code rtl8139} when {@code has(DEVICE_RTL8139)}, the default video {@code vga} when {@code has(DEVICE_VGA)}.
 * {@link #capabilitiesFor} applies libvirt's per-machine filtering.</li>
 * <li>Device and object types: {@link #hasType} ({@code virtio-blk-pci}, {@code qxl-vga}, {@code ich9-usb-ehci1}),
 * {@link #deviceProperties}, {@link #hasDeviceProperty}.</li>
 * <li>CPUs: {@link #defaultCpuModel} ({@code qemu64} on x86_64, {@code qemu32} on i686, per machine type),
 * {@link #cpuDefinition} with usability per accelerator, {@link #hostModel} / {@link #hostModelMigratable} for
 * {@code <cpu mode='host-model'>}, {@link #qemuFeatureName} for CPU feature spellings.</li>
 * <li>Host facts (NUMA, hugetlbfs, firmware descriptors, secrets, qemu.conf TLS settings, TSC frequency):
 * {@link #host()}.</li>
 * </ul>
 *
 * <h2>For the argv backend and the lifecycle commands</h2>
 * The same flags decide JSON {@code -device}/{@code -object}/{@code -netdev} syntax ({@code DEVICE_JSON},
 * {@code OBJECT_JSON}, {@code NETDEV_JSON}), {@link #emulator()} is the binary, {@link #version()} the version,
 * {@link #hostModelMigratable} the {@code -cpu} of host-model guests, {@link #events()} the QMP events QEMU can send.
 *
 * <p>Instances are immutable and thread-safe. {@link DomainCapabilities} and {@link HostCapabilities} turn a
 * profile into {@code virsh domcapabilities} / {@code virsh capabilities} output.
 */
public final class QemuCaps {
    /** Resource names of the built-in profiles, relative to this package. */
    static final Map<String, String> BUILTIN_RESOURCES = Map.of(
            "x86_64", "qemu-7.2-x86_64.json",
            "i686", "qemu-7.2-i686.json");

    /**
     * The binary each built-in profile describes (its {@code emulator} member), so that finding the profile of a
     * binary parses only that profile: a single-file run would otherwise load both. QemuCapsTest checks that it
     * agrees with the profiles.
     */
    static final Map<String, String> BUILTIN_EMULATORS = Map.of(
            "x86_64", "/usr/bin/qemu-system-x86_64",
            "i686", "/usr/bin/qemu-system-i386");

    /** The architectures with a built-in profile, in libvirt's architecture order. */
    private static final List<String> BUILTIN_ARCHS = List.of("i686", "x86_64");

    /**
     * libvirt's preferred machine for an architecture (it ignores QEMU's own default to keep guests stable when
     * QEMU changes its default); matched against machine names and aliases.
     */
    private static final Map<String, String> PREFERRED_MACHINE = Map.of("x86_64", "pc", "i686", "pc");

    /**
     * Feature names libvirt's CPU map spells differently from QEMU's canonical names (libvirt name to QEMU name).
     * Every other feature has the same name on both sides.
     */
    private static final Map<String, String> LIBVIRT_TO_QEMU_FEATURE = Map.ofEntries(
            Map.entry("cmp_legacy", "cmp-legacy"),
            Map.entry("ds_cpl", "ds-cpl"),
            Map.entry("fxsr_opt", "fxsr-opt"),
            Map.entry("kvm_pv_eoi", "kvm-pv-eoi"),
            Map.entry("kvm_pv_unhalt", "kvm-pv-unhalt"),
            Map.entry("lahf_lm", "lahf-lm"),
            Map.entry("nodeid_msr", "nodeid-msr"),
            Map.entry("pclmuldq", "pclmulqdq"),
            Map.entry("perfctr_core", "perfctr-core"),
            Map.entry("perfctr_nb", "perfctr-nb"),
            Map.entry("tsc_adjust", "tsc-adjust"));
    private static final Map<String, String> QEMU_TO_LIBVIRT_FEATURE = invert(LIBVIRT_TO_QEMU_FEATURE);

    /** libvirt's Hyper-V enlightenment names, in libvirt's order (the order domain capabilities lists them). */
    static final List<String> HYPERV_FEATURES = List.of("relaxed", "vapic", "spinlocks", "vpindex", "runtime",
            "synic", "stimer", "reset", "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs",
            "avic");

    private static final Map<String, QemuCaps> BUILTIN = new java.util.concurrent.ConcurrentHashMap<>();

    final String emulator;
    final String arch;
    final String qemuArch;
    final QemuVersion version;
    final boolean kvmPresent;
    final boolean kvmEnabled;
    final Map<VirtType, AccelCaps> accels;
    final Map<String, String> qomTypes;
    final Map<String, String> qomAbstractTypes;
    final Set<String> commands;
    final Set<String> events;
    final List<String> migrationCapabilities;
    final Map<String, Map<String, DeviceProperty>> deviceProperties;
    final Map<String, List<String>> objectProperties;
    final Map<String, List<String>> machineProperties;
    final Map<String, List<String>> commandLineOptions;
    final Map<String, Boolean> schemaQueries;
    final List<String> tpmModels;
    final List<String> tpmTypes;
    final SevCapability sev;
    final SgxCapability sgx;
    final Map<String, Object> hypervProps;
    final Map<String, String> libvirtCpuModels;
    final LibvirtCpuMap libvirtCpuMap;
    final HostFacts host;
    private final Set<QemuCapability> flags;

    private QemuCaps(Builder b) {
        emulator = require(b.emulator, "emulator");
        arch = require(b.arch, "arch");
        qemuArch = require(b.qemuArch, "qemuArch");
        version = require(b.version, "version");
        kvmPresent = b.kvmPresent;
        kvmEnabled = b.kvmEnabled;
        EnumMap<VirtType, AccelCaps> a = new EnumMap<>(VirtType.class);
        a.putAll(b.accels);
        if (a.isEmpty()) {
            throw new IllegalArgumentException("a QEMU profile needs at least one accelerator");
        }
        accels = Collections.unmodifiableMap(a);
        qomTypes = Collections.unmodifiableMap(new LinkedHashMap<>(b.qomTypes));
        qomAbstractTypes = Collections.unmodifiableMap(new LinkedHashMap<>(b.qomAbstractTypes));
        commands = Collections.unmodifiableSet(new LinkedHashSet<>(b.commands));
        events = Collections.unmodifiableSet(new LinkedHashSet<>(b.events));
        migrationCapabilities = List.copyOf(b.migrationCapabilities);
        Map<String, Map<String, DeviceProperty>> dp = new LinkedHashMap<>();
        b.deviceProperties.forEach((k, v) -> dp.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        deviceProperties = Collections.unmodifiableMap(dp);
        objectProperties = copyLists(b.objectProperties);
        machineProperties = copyLists(b.machineProperties);
        commandLineOptions = copyLists(b.commandLineOptions);
        schemaQueries = Collections.unmodifiableMap(new LinkedHashMap<>(b.schemaQueries));
        tpmModels = List.copyOf(b.tpmModels);
        tpmTypes = List.copyOf(b.tpmTypes);
        sev = b.sev;
        sgx = b.sgx;
        hypervProps = Collections.unmodifiableMap(new LinkedHashMap<>(b.hypervProps));
        libvirtCpuModels = Collections.unmodifiableMap(new LinkedHashMap<>(b.libvirtCpuModels));
        libvirtCpuMap = b.libvirtCpuMap;
        host = require(b.host, "host");
        flags = Collections.unmodifiableSet(CapabilityDeriver.derive(this));
    }

    private static <T> T require(T v, String what) {
        if (v == null) {
            throw new IllegalArgumentException("a QEMU profile needs " + what);
        }
        return v;
    }

    private static Map<String, List<String>> copyLists(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> invert(Map<String, String> m) {
        Map<String, String> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(v, k));
        return Map.copyOf(out);
    }

    // ---------------------------------------------------------------- loading

    /** The built-in x86_64 profile (QEMU 7.2 on the corpus host), loaded once. */
    public static QemuCaps builtin() {
        return builtin("x86_64");
    }

    /** The built-in profile for a libvirt architecture name ({@code x86_64}, {@code i686}). */
    public static QemuCaps builtin(String arch) {
        String resource = BUILTIN_RESOURCES.get(arch);
        if (resource == null) {
            throw new IllegalArgumentException("no built-in QEMU profile for architecture '" + arch
                    + "'; built-in: " + String.join(", ", new java.util.TreeSet<>(BUILTIN_RESOURCES.keySet())));
        }
        return BUILTIN.computeIfAbsent(arch, k -> {
            try (InputStream in = QemuCaps.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource org/virtxml/caps/" + resource);
                }
                return QemuCapsJson.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The built-in profiles, keyed by architecture, in libvirt's architecture order. */
    public static Map<String, QemuCaps> builtinAll() {
        Map<String, QemuCaps> m = new LinkedHashMap<>();
        for (String arch : BUILTIN_ARCHS) {
            m.put(arch, builtin(arch));
        }
        return m;
    }

    /** The architectures {@link #builtinAll()} has profiles for, in the same order, without loading any. */
    public static List<String> builtinArchs() {
        return BUILTIN_ARCHS;
    }

    /** The first built-in profile (in {@link #builtinArchs()} order) of the binary at {@code path}, or null. */
    public static QemuCaps builtinForEmulator(String path) {
        for (String arch : BUILTIN_ARCHS) {
            if (BUILTIN_EMULATORS.get(arch).equals(path)) {
                return builtin(arch);
            }
        }
        return null;
    }

    /** Reads a profile file written by {@code virtxml probe-qemu}. */
    public static QemuCaps load(Path file) throws IOException {
        return QemuCapsJson.read(Files.readString(file));
    }

    /** Reads a profile from its JSON text. */
    public static QemuCaps parse(String json) {
        return QemuCapsJson.read(json);
    }

    /** The profile as JSON text, in the format of the committed resources. */
    public String toJson() {
        return QemuCapsJson.write(this);
    }

    /** A builder with every part of this profile, to derive a variant (tests use it to change one fact). */
    public Builder toBuilder() {
        Builder b = new Builder().emulator(emulator).arch(arch, qemuArch).version(version)
                .kvm(kvmPresent, kvmEnabled).qomTypes(qomTypes).qomAbstractTypes(qomAbstractTypes).commands(commands).events(events)
                .migrationCapabilities(migrationCapabilities).deviceProperties(deviceProperties)
                .objectProperties(objectProperties).machineProperties(machineProperties)
                .commandLineOptions(commandLineOptions).schemaQueries(schemaQueries).tpm(tpmModels, tpmTypes)
                .sev(sev).sgx(sgx).hypervProps(hypervProps).libvirtCpuModels(libvirtCpuModels).libvirtCpuMap(libvirtCpuMap).host(host);
        accels.forEach(b::accel);
        return b;
    }

    // ---------------------------------------------------------------- identity

    /** The emulator binary, e.g. {@code /usr/bin/qemu-system-x86_64}. */
    public String emulator() {
        return emulator;
    }

    /** The guest architecture in libvirt's spelling ({@code x86_64}, {@code i686}). */
    public String arch() {
        return arch;
    }

    /** The architecture in QEMU's spelling ({@code x86_64}, {@code i386}), as in its CPU type names. */
    public String qemuArch() {
        return qemuArch;
    }

    /** QEMU's version. */
    public QemuVersion version() {
        return version;
    }

    /** KVM is present and enabled for this emulator. */
    public boolean kvmAvailable() {
        return kvmPresent && kvmEnabled;
    }

    /** The domain types this emulator supports, in libvirt's order ({@code qemu} needs TCG, {@code kvm} KVM). */
    public List<VirtType> virtTypes() {
        List<VirtType> out = new ArrayList<>();
        if (has(QemuCapability.TCG)) {
            out.add(VirtType.QEMU);
        }
        if (has(QemuCapability.KVM)) {
            out.add(VirtType.KVM);
        }
        return out;
    }

    /** The answers QEMU gave under the accelerator of {@code type}; KVM falls back to TCG's when KVM is absent. */
    public AccelCaps accel(VirtType type) {
        AccelCaps a = accels.get(type);
        return a != null ? a : accels.get(type == VirtType.KVM ? VirtType.QEMU : VirtType.KVM);
    }

    // ---------------------------------------------------------------- machines

    /**
     * Machine types in libvirt's order for {@code type}: libvirt's preferred machine ({@code pc}'s target on x86)
     * first, then the rest in QEMU's order.
     */
    public List<MachineType> machines(VirtType type) {
        List<MachineType> all = accel(type).machines();
        int preferred = -1;
        int qemuDefault = -1;
        String want = PREFERRED_MACHINE.get(arch);
        for (int i = 0; i < all.size(); i++) {
            MachineType m = all.get(i);
            if (want != null && preferred < 0 && (want.equals(m.name()) || want.equals(m.alias()))) {
                preferred = i;
            }
            if (m.qemuDefault()) {
                qemuDefault = i;
            }
        }
        int first = preferred >= 0 ? preferred : qemuDefault;
        if (first <= 0) {
            return all;
        }
        List<MachineType> out = new ArrayList<>(all.size());
        out.add(all.get(first));
        for (int i = 0; i < all.size(); i++) {
            if (i != first) {
                out.add(all.get(i));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The machine libvirt uses when the domain names none, e.g. {@code pc-i440fx-7.2}. */
    public MachineType defaultMachine(VirtType type) {
        List<MachineType> m = machines(type);
        if (m.isEmpty()) {
            throw new IllegalStateException(emulator + " reports no machine types");
        }
        return m.get(0);
    }

    /** The machine type named {@code name} or aliased by it ({@code pc}, {@code q35}). */
    public Optional<MachineType> machine(VirtType type, String name) {
        for (MachineType m : accel(type).machines()) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        for (MachineType m : accel(type).machines()) {
            if (name.equals(m.alias())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The canonical name for an alias ({@code pc} to {@code pc-i440fx-7.2}); any other name is returned as is. */
    public String canonicalMachine(VirtType type, String name) {
        if (name == null) {
            return null;
        }
        for (MachineType m : accel(type).machines()) {
            if (name.equals(m.alias())) {
                return m.name();
            }
        }
        return name;
    }

    /** True when {@code canonicalName} is one of the machine types (aliases do not count). */
    public boolean isMachineSupported(VirtType type, String canonicalName) {
        return accel(type).machines().stream().anyMatch(m -> m.name().equals(canonicalName));
    }

    // ---------------------------------------------------------------- CPUs

    /** CPU models in QEMU's order with their usability under {@code type}'s accelerator. */
    public List<CpuDefinition> cpuDefinitions(VirtType type) {
        return accel(type).cpuDefinitions();
    }

    /** One CPU model by name. */
    public Optional<CpuDefinition> cpuDefinition(VirtType type, String name) {
        return cpuDefinitions(type).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The machine's default CPU model name ({@code qemu64} for x86_64 PC machines), or null. */
    public String defaultCpuModel(VirtType type, String machine) {
        return machine(type, machine).map(m -> m.defaultCpuModel(qemuArch)).orElse(null);
    }

    /** {@code host-model} as domain capabilities report it (with non-migratable features), or null. */
    public HostCpuModel hostModel(VirtType type) {
        return accel(type).hostModel();
    }

    /** {@code host-model} as a started guest gets it (migratable features only), or null. */
    public HostCpuModel hostModelMigratable(VirtType type) {
        return accel(type).hostModelMigratable();
    }

    /** QEMU's spelling of a libvirt CPU feature name ({@code tsc_adjust} to {@code tsc-adjust}). */
    public static String qemuFeatureName(String libvirtName) {
        return LIBVIRT_TO_QEMU_FEATURE.getOrDefault(libvirtName, libvirtName);
    }

    /** libvirt's spelling of a QEMU CPU feature name ({@code pclmulqdq} to {@code pclmuldq}). */
    public static String libvirtFeatureName(String qemuName) {
        return QEMU_TO_LIBVIRT_FEATURE.getOrDefault(qemuName, qemuName);
    }

    /** Hyper-V enlightenments the host supports with KVM, by libvirt name, in libvirt's order; empty without KVM. */
    public List<String> hypervFeatures() {
        List<String> out = new ArrayList<>();
        for (String f : HYPERV_FEATURES) {
            Object v = hypervProps.get("hv-" + f);
            if (v == null) {
                v = hypervProps.get("hv-" + f.replace('_', '-'));
            }
            if (Boolean.TRUE.equals(v) || (v instanceof Number n && n.longValue() > 0) || v instanceof String) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The CPU models libvirt's CPU map knows, in map order, with their vendor (null when the map names none).
     * Domain capabilities list only QEMU models that libvirt knows; empty when the probe found no CPU map.
     */
    public Map<String, String> libvirtCpuModels() {
        return libvirtCpuModels;
    }

    /** libvirt's x86 CPU map as feature names (empty when the profile was recorded without it). */
    public LibvirtCpuMap libvirtCpuMap() {
        return libvirtCpuMap;
    }

    /** The raw {@code hv-*} properties of QEMU's full expansion of the KVM host CPU. */
    public Map<String, Object> hypervProps() {
        return hypervProps;
    }

    // ---------------------------------------------------------------- flags, types, properties

    /** libvirt's capability flag: does this QEMU have {@code cap}? */
    public boolean has(QemuCapability cap) {
        return flags.contains(cap);
    }

    /** All flags this QEMU has, in libvirt's order. */
    public Set<QemuCapability> capabilities() {
        return flags;
    }

    /**
     * The flags for a guest of one machine type: libvirt clears {@code query-hotpluggable-cpus} for machines that
     * cannot hotplug CPUs.
     */
    public Set<QemuCapability> capabilitiesFor(VirtType type, String machine) {
        EnumSet<QemuCapability> out = flags.isEmpty() ? EnumSet.noneOf(QemuCapability.class) : EnumSet.copyOf(flags);
        Optional<MachineType> m = machine(type, canonicalMachine(type, machine));
        if (m.isEmpty() || !m.get().hotplugCpus()) {
            out.remove(QemuCapability.QUERY_HOTPLUGGABLE_CPUS);
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * True when QEMU has the QOM type and it can be instantiated (a device, object, backend, machine or CPU type);
     * this is the list libvirt consults.
     */
    public boolean hasType(String qomType) {
        return qomTypes.containsKey(qomType);
    }

    /** The instantiable QOM types with their parent type (null for roots), sorted by name. */
    public Map<String, String> qomTypes() {
        return qomTypes;
    }

    /** The abstract QOM types ({@code pci-device}, {@code virtio-pci}) with their parents. */
    public Map<String, String> qomAbstractTypes() {
        return qomAbstractTypes;
    }

    /**
     * True when {@code type} is {@code ancestor} or derives from it, through abstract types too
     * ({@code virtio-blk-pci} is a {@code pci-device}).
     */
    public boolean isA(String type, String ancestor) {
        String t = type;
        for (int guard = 0; t != null && guard < 64; guard++) {
            if (t.equals(ancestor)) {
                return true;
            }
            t = qomTypes.containsKey(t) ? qomTypes.get(t) : qomAbstractTypes.get(t);
        }
        return false;
    }

    /** Properties of a device type that libvirt inspects, or an empty map when it was not probed. */
    public Map<String, DeviceProperty> deviceProperties(String deviceType) {
        return deviceProperties.getOrDefault(deviceType, Map.of());
    }

    /** The device types whose properties were probed. */
    public Set<String> probedDeviceTypes() {
        return deviceProperties.keySet();
    }

    /** True when the device type has the property. */
    public boolean hasDeviceProperty(String deviceType, String property) {
        return deviceProperties(deviceType).containsKey(property);
    }

    /** Properties of an object type ({@code memory-backend-file}, {@code max-x86_64-cpu}) that were probed. */
    public List<String> objectProperties(String objectType) {
        return objectProperties.getOrDefault(objectType, List.of());
    }

    /** Properties of a machine ({@code none}) that were probed. */
    public List<String> machineProperties(String machine) {
        return machineProperties.getOrDefault(machine, List.of());
    }

    /** Parameter names of a {@code -option} from {@code query-command-line-options}, or null when absent. */
    public List<String> commandLineOption(String option) {
        return commandLineOptions.get(option);
    }

    /** All command-line options and their parameters. */
    public Map<String, List<String>> commandLineOptions() {
        return commandLineOptions;
    }

    /** QMP commands QEMU accepts. */
    public Set<String> commands() {
        return commands;
    }

    /** QMP events QEMU can send. */
    public Set<String> events() {
        return events;
    }

    /** Migration capabilities. */
    public List<String> migrationCapabilities() {
        return migrationCapabilities;
    }

    /** The results of libvirt's QMP schema queries. */
    public Map<String, Boolean> schemaQueries() {
        return schemaQueries;
    }

    /** TPM frontends ({@code tpm-tis}, {@code tpm-crb}). */
    public List<String> tpmModels() {
        return tpmModels;
    }

    /** TPM backends ({@code passthrough}, {@code emulator}). */
    public List<String> tpmTypes() {
        return tpmTypes;
    }

    /** AMD SEV support, or empty. */
    public Optional<SevCapability> sev() {
        return Optional.ofNullable(sev);
    }

    /** Intel SGX support, or empty. */
    public Optional<SgxCapability> sgx() {
        return Optional.ofNullable(sgx);
    }

    /** The host facts recorded with this profile. */
    public HostFacts host() {
        return host;
    }

    @Override
    public String toString() {
        return "QemuCaps[" + emulator + " " + version + " " + arch + "]";
    }

    // ---------------------------------------------------------------- builder

    /** Assembles a profile; used by the JSON reader and the prober. */
    public static final class Builder {
        private String emulator;
        private String arch;
        private String qemuArch;
        private QemuVersion version;
        private boolean kvmPresent;
        private boolean kvmEnabled;
        private final Map<VirtType, AccelCaps> accels = new EnumMap<>(VirtType.class);
        private Map<String, String> qomTypes = Map.of();
        private Map<String, String> qomAbstractTypes = Map.of();
        private Set<String> commands = Set.of();
        private Set<String> events = Set.of();
        private List<String> migrationCapabilities = List.of();
        private Map<String, Map<String, DeviceProperty>> deviceProperties = Map.of();
        private Map<String, List<String>> objectProperties = Map.of();
        private Map<String, List<String>> machineProperties = Map.of();
        private Map<String, List<String>> commandLineOptions = Map.of();
        private Map<String, Boolean> schemaQueries = Map.of();
        private List<String> tpmModels = List.of();
        private List<String> tpmTypes = List.of();
        private SevCapability sev;
        private SgxCapability sgx;
        private Map<String, Object> hypervProps = Map.of();
        private Map<String, String> libvirtCpuModels = Map.of();
        private LibvirtCpuMap libvirtCpuMap = LibvirtCpuMap.empty();
        private HostFacts host;

        /** The emulator path. */
        public Builder emulator(String v) {
            emulator = v;
            return this;
        }

        /** libvirt's and QEMU's spelling of the architecture. */
        public Builder arch(String libvirtArch, String qemuArchName) {
            arch = libvirtArch;
            qemuArch = qemuArchName;
            return this;
        }

        /** QEMU's version. */
        public Builder version(QemuVersion v) {
            version = v;
            return this;
        }

        /** {@code query-kvm}. */
        public Builder kvm(boolean present, boolean enabled) {
            kvmPresent = present;
            kvmEnabled = enabled;
            return this;
        }

        /** What QEMU answered under one accelerator. */
        public Builder accel(VirtType type, AccelCaps caps) {
            accels.put(type, caps);
            return this;
        }

        /** {@code qom-list-types}: name to parent. */
        public Builder qomTypes(Map<String, String> v) {
            qomTypes = v;
            return this;
        }

        /** {@code qom-list-types} with {@code abstract: true}, minus the instantiable ones: name to parent. */
        public Builder qomAbstractTypes(Map<String, String> v) {
            qomAbstractTypes = v;
            return this;
        }

        /** {@code query-commands}. */
        public Builder commands(Set<String> v) {
            commands = v;
            return this;
        }

        /** Event names from the QMP schema. */
        public Builder events(Set<String> v) {
            events = v;
            return this;
        }

        /** {@code query-migrate-capabilities}. */
        public Builder migrationCapabilities(List<String> v) {
            migrationCapabilities = v;
            return this;
        }

        /** {@code device-list-properties} per device type. */
        public Builder deviceProperties(Map<String, Map<String, DeviceProperty>> v) {
            deviceProperties = v;
            return this;
        }

        /** {@code qom-list-properties} per object type. */
        public Builder objectProperties(Map<String, List<String>> v) {
            objectProperties = v;
            return this;
        }

        /** {@code qom-list-properties} per machine. */
        public Builder machineProperties(Map<String, List<String>> v) {
            machineProperties = v;
            return this;
        }

        /** {@code query-command-line-options}: option to parameter names. */
        public Builder commandLineOptions(Map<String, List<String>> v) {
            commandLineOptions = v;
            return this;
        }

        /** Results of libvirt's QMP schema queries. */
        public Builder schemaQueries(Map<String, Boolean> v) {
            schemaQueries = v;
            return this;
        }

        /** {@code query-tpm-models} and {@code query-tpm-types}. */
        public Builder tpm(List<String> models, List<String> types) {
            tpmModels = models;
            tpmTypes = types;
            return this;
        }

        /** SEV support or null. */
        public Builder sev(SevCapability v) {
            sev = v;
            return this;
        }

        /** SGX support or null. */
        public Builder sgx(SgxCapability v) {
            sgx = v;
            return this;
        }

        /** {@code hv-*} properties of the full KVM host CPU expansion. */
        public Builder hypervProps(Map<String, Object> v) {
            hypervProps = v;
            return this;
        }

        /** libvirt's CPU map as feature names. */
        public Builder libvirtCpuMap(LibvirtCpuMap v) {
            libvirtCpuMap = v;
            return this;
        }

        /** CPU models of libvirt's CPU map with their vendors. */
        public Builder libvirtCpuModels(Map<String, String> v) {
            libvirtCpuModels = v;
            return this;
        }

        /** Host facts. */
        public Builder host(HostFacts v) {
            host = v;
            return this;
        }

        /** The profile; throws {@link IllegalArgumentException} when a required part is missing. */
        public QemuCaps build() {
            return new QemuCaps(this);
        }
    }
}
