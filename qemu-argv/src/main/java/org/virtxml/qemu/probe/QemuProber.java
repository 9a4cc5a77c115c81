package org.virtxml.qemu.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.virtxml.caps.AccelCaps;
import org.virtxml.caps.CapabilityEvidence;
import org.virtxml.caps.CpuDefinition;
import org.virtxml.caps.CpuFeature;
import org.virtxml.caps.CpuModelExpansion;
import org.virtxml.caps.DeviceProperty;
import org.virtxml.caps.HostCpuModel;
import org.virtxml.caps.HostFacts;
import org.virtxml.caps.MachineType;
import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.QemuVersion;
import org.virtxml.caps.SevCapability;
import org.virtxml.caps.SgxCapability;
import org.virtxml.caps.VirtType;
import org.virtxml.json.Json;
import org.virtxml.qemu.qmp.QemuProcess;
import org.virtxml.qemu.qmp.QmpClient;
import org.virtxml.qemu.qmp.QmpException;

/**
 * Builds a {@link QemuCaps} profile by asking an installed emulator what libvirt 9.0.0 asks it: QEMU is started the
 * way libvirt starts it for probing ({@code -S -no-user-config -nodefaults -nographic -machine none,accel=kvm:tcg}
 * with a QMP socket), queried, and stopped; when KVM works a second, TCG-only run answers the questions whose answer
 * depends on the accelerator (machines, CPU models and their usability, the host CPU). Host facts come from
 * {@link HostProber}; host-model CPUs are decoded with the installed libvirt's CPU map when there is one.
 */
public final class QemuProber {
    /** How long one QEMU run may take to start and answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path emulator;
    private final Duration timeout;
    private final Path workDir;
    private final HostProber host;
    private final Path cpuMapDir;
    private HostFacts hostFacts;
    /** The work directory is a temporary one of our own, removed after probing. */
    private boolean ownsWorkDir;

    /**
     * A prober for {@code emulator}; QMP sockets go into {@code workDir}, host facts come from {@code host}, and the
     * CPU map is read from {@code cpuMapDir} (null: do not decode host-model).
     */
    public QemuProber(Path emulator, Duration timeout, Path workDir, HostProber host, Path cpuMapDir) {
        this.emulator = emulator;
        this.timeout = timeout;
        this.workDir = workDir;
        this.host = host;
        this.cpuMapDir = cpuMapDir;
    }

    /** A prober with the defaults: this machine's host facts and {@code /usr/share/libvirt/cpu_map}. */
    public static QemuProber forEmulator(Path emulator) throws IOException {
        QemuProber p = new QemuProber(emulator, DEFAULT_TIMEOUT, Files.createTempDirectory("virtxml-probe"),
                HostProber.system(), CpuMapX86.DEFAULT_DIR);
        p.ownsWorkDir = true;
        return p;
    }

    /**
     * Uses these host facts instead of reading the host: {@code probe-qemu --host-from} keeps the recorded facts of
     * the corpus host while refreshing what QEMU says.
     */
    public QemuProber withHostFacts(HostFacts facts) {
        this.hostFacts = facts;
        return this;
    }

    /** Probes the emulator; throws with QEMU's own words when it cannot be started or queried. */
    public QemuCaps probe() throws IOException {
        try {
            return probeOnce();
        } finally {
            if (ownsWorkDir) {
                // QemuProcess removes its socket on close, so only the empty directory is left
                Files.deleteIfExists(workDir);
            }
        }
    }

    private QemuCaps probeOnce() throws IOException {
        if (!Files.isExecutable(emulator)) {
            throw new IOException("cannot probe " + emulator + ": not an executable file");
        }
        Files.createDirectories(workDir);
        QemuCaps.Builder b = new QemuCaps.Builder().emulator(emulator.toString());
        AccelData primary;
        AccelData tcg = null;
        boolean kvm;
        Set<String> qomNames;
        try (QemuProcess qemu = start("kvm:tcg")) {
            QmpClient qmp = qemu.qmp();
            Map<String, Object> ver = obj(qmp.execute("query-version"));
            Map<String, Object> q = Json.asObject(ver.get("qemu"), "query-version.qemu");
            b.version(new QemuVersion((int) Json.asLong(q.get("major"), "major"), (int) Json.asLong(q.get("minor"),
                    "minor"), (int) Json.asLong(q.get("micro"), "micro"), Json.optString(ver, "package", "version")));
            String qemuArch = Json.string(obj(qmp.execute("query-target")), "arch", "query-target");
            String arch = libvirtArch(qemuArch);
            b.arch(arch, qemuArch);

            QapiSchema schema = new QapiSchema(Json.asArray(qmp.execute("query-qmp-schema"), "query-qmp-schema"));
            Map<String, Boolean> queries = new LinkedHashMap<>();
            for (QemuCapability c : QemuCapability.values()) {
                for (CapabilityEvidence e : c.evidence()) {
                    if (e instanceof CapabilityEvidence.Schema s) {
                        queries.put(s.query(), schema.matches(s.query()));
                    }
                }
            }
            b.schemaQueries(queries);
            b.events(new LinkedHashSet<>(schema.events()));
            Set<String> commands = new TreeSet<>();
            for (Object o : Json.asArray(qmp.execute("query-commands"), "query-commands")) {
                commands.add(Json.string(obj(o), "name", "query-commands"));
            }
            b.commands(commands);
            Map<String, Object> kvmState = obj(qmp.execute("query-kvm"));
            boolean present = Json.optBoolean(kvmState, "present", false, "query-kvm");
            boolean enabled = Json.optBoolean(kvmState, "enabled", false, "query-kvm");
            b.kvm(present, enabled);
            kvm = present && enabled;

            Map<String, String> qom = new TreeMap<>();
            for (Object o : Json.asArray(qmp.execute("qom-list-types"), "qom-list-types")) {
                Map<String, Object> t = obj(o);
                qom.put(Json.string(t, "name", "qom-list-types"), Json.optString(t, "parent", "qom-list-types"));
            }
            b.qomTypes(qom);
            qomNames = qom.keySet();
            // libvirt only looks at instantiable types; the abstract ones complete the type hierarchy
            Map<String, String> abs = new TreeMap<>();
            for (Object o : Json.asArray(qmp.execute("qom-list-types", Json.obj("abstract", true)), "qom-list-types")) {
                Map<String, Object> t = obj(o);
                String name = Json.string(t, "name", "qom-list-types");
                if (!qom.containsKey(name)) {
                    abs.put(name, Json.optString(t, "parent", "qom-list-types"));
                }
            }
            b.qomAbstractTypes(abs);
            b.deviceProperties(deviceProperties(qmp, qomNames));
            b.objectProperties(objectProperties(qmp, qomNames));

            primary = accelData(qmp, kvm ? VirtType.KVM : VirtType.QEMU);
            b.machineProperties(machineProperties(qmp, primary.machines, qomNames));
            b.tpm(strings(qmp.execute("query-tpm-models")), strings(qmp.execute("query-tpm-types")));
            b.commandLineOptions(commandLineOptions(qmp));
            List<String> mig = new ArrayList<>();
            for (Object o : Json.asArray(qmp.execute("query-migrate-capabilities"), "query-migrate-capabilities")) {
                mig.add(Json.string(obj(o), "capability", "query-migrate-capabilities"));
            }
            b.migrationCapabilities(mig);
            if (qomNames.contains("sev-guest")) {
                b.sev(sev(qmp));
            }
            if (qomNames.contains("sgx-epc")) {
                b.sgx(sgx(qmp));
            }
            if (kvm) {
                Map<String, Object> full = expansion(qmp, "full", "host", Json.obj("migratable", false,
                        "hv-passthrough", true));
                Map<String, Object> hv = new TreeMap<>();
                Json.asObject(full.get("props"), "props").forEach((k, v) -> {
                    if (k.startsWith("hv-")) {
                        hv.put(k, v);
                    }
                });
                b.hypervProps(hv);
            }
        }
        // libvirt asks a second, TCG-only QEMU when the first one ran with KVM
        if (kvm && qomNames.contains("tcg-accel")) {
            try (QemuProcess qemu = start("tcg")) {
                tcg = accelData(qemu.qmp(), VirtType.QEMU);
            }
        }
        CpuMapX86 map = loadCpuMap();
        if (map != null) {
            Map<String, String> models = new LinkedHashMap<>();
            map.modelNames().forEach(n -> models.put(n, map.modelVendor(n)));
            b.libvirtCpuModels(models);
            b.libvirtCpuMap(map.toFeatureNames());
        }
        VirtType primaryType = kvm ? VirtType.KVM : VirtType.QEMU;
        b.accel(primaryType, primary.toCaps(null, false));
        if (tcg != null) {
            b.accel(VirtType.QEMU, tcg.toCaps(null, false));
        }
        b.host(hostFacts != null ? hostFacts : host.probe(map));
        if (map == null) {
            return b.build();
        }
        // host-model needs the flags: without unavailable-features support libvirt drops MSR-based features
        boolean dropMsr = !b.build().has(QemuCapability.CPU_UNAVAILABLE_FEATURES);
        b.accel(primaryType, primary.toCaps(map, dropMsr));
        if (tcg != null) {
            b.accel(VirtType.QEMU, tcg.toCaps(map, dropMsr));
        }
        return b.build();
    }

    private CpuMapX86 loadCpuMap() {
        if (cpuMapDir == null || !Files.isDirectory(cpuMapDir)) {
            return null;
        }
        try {
            return CpuMapX86.load(cpuMapDir);
        } catch (IOException e) {
            return null;
        }
    }

    private QemuProcess start(String accel) throws IOException {
        Path sock = workDir.resolve("qmp-" + accel.replace(':', '-') + "-" + ProcessHandle.current().pid()
                + ".sock");
        List<String> argv = List.of(emulator.toString(), "-S", "-no-user-config", "-nodefaults", "-nographic",
                "-machine", "none,accel=" + accel, "-qmp", "unix:" + sock + ",server=on,wait=off");
        return QemuProcess.start(argv, null, sock, timeout);
    }

    // ------------------------------------------------------------------ per-accelerator answers

    /** Answers that depend on the accelerator. */
    private final class AccelData {
        List<MachineType> machines;
        List<CpuDefinition> cpus;
        CpuModelExpansion expansion;

        AccelCaps toCaps(CpuMapX86 map, boolean dropMsr) {
            HostCpuModel reported = null;
            HostCpuModel migratable = null;
            if (map != null && expansion != null) {
                reported = decode(map, false, dropMsr);
                migratable = decode(map, true, dropMsr);
            }
            return new AccelCaps(machines, cpus, expansion, reported, migratable);
        }

        private HostCpuModel decode(CpuMapX86 map, boolean migratableOnly, boolean dropMsr) {
            List<String> names = new ArrayList<>();
            expansion.props().forEach((k, v) -> {
                if (Boolean.TRUE.equals(v) && !(migratableOnly && expansion.nonMigratable().contains(k))) {
                    names.add(QemuCaps.libvirtFeatureName(k));
                }
            });
            Map<String, Object> p = expansion.props();
            CpuMapX86.Data data = map.data(names, (String) p.get("vendor"), intProp(p, "family"),
                    intProp(p, "model"), intProp(p, "stepping"));
            CpuMapX86.Decoded d = map.decodeGuest(data, cpus);
            if (d == null) {
                return null;
            }
            List<CpuFeature> feats = d.features();
            if (dropMsr) {
                feats = feats.stream().filter(f -> !map.isMsrFeature(f.name())).toList();
            }
            return new HostCpuModel(d.model(), d.vendor(), feats);
        }
    }

    private static int intProp(Map<String, Object> p, String k) {
        return p.get(k) instanceof Number n ? n.intValue() : 0;
    }

    private AccelData accelData(QmpClient qmp, VirtType type) throws QmpException {
        AccelData a = new AccelData();
        a.machines = new ArrayList<>();
        for (Object o : Json.asArray(qmp.execute("query-machines"), "query-machines")) {
            Map<String, Object> m = obj(o);
            String name = Json.string(m, "name", "query-machines");
            if (name.equals("none")) {
                continue; // the probe's own machine; libvirt never offers it
            }
            a.machines.add(new MachineType(name, Json.optString(m, "alias", name),
                    Json.optBoolean(m, "is-default", false, name), (int) Json.asLong(m.get("cpu-max"), name),
                    Json.optBoolean(m, "hotpluggable-cpus", false, name), Json.optString(m, "default-cpu-type", name),
                    Json.optString(m, "default-ram-id", name), Json.optBoolean(m, "numa-mem-supported", false, name),
                    Json.optBoolean(m, "deprecated", false, name)));
        }
        a.cpus = new ArrayList<>();
        for (Object o : Json.asArray(qmp.execute("query-cpu-definitions"), "query-cpu-definitions")) {
            Map<String, Object> c = obj(o);
            String name = Json.string(c, "name", "query-cpu-definitions");
            a.cpus.add(new CpuDefinition(name, Json.optString(c, "typename", name),
                    c.containsKey("unavailable-features") ? Json.optStrings(c, "unavailable-features", name) : null,
                    Json.optBoolean(c, "static", false, name), Json.optBoolean(c, "migration-safe", false, name),
                    Json.optBoolean(c, "deprecated", false, name), Json.optString(c, "alias-of", name)));
        }
        a.expansion = hostExpansion(qmp, type == VirtType.KVM ? "host" : "max");
        return a;
    }

    /**
     * The static expansion of the host CPU model, run twice: features present only when migratability is not
     * required are the non-migratable ones.
     */
    private static CpuModelExpansion hostExpansion(QmpClient qmp, String model) throws QmpException {
        Map<String, Object> mig = expansion(qmp, "static", model, null);
        Map<String, Object> all = expansion(qmp, "static", model, Json.obj("migratable", false));
        Map<String, Object> props = new LinkedHashMap<>(Json.asObject(mig.get("props"), "props"));
        Map<String, Object> nmProps = Json.asObject(all.get("props"), "props");
        List<String> nonMigratable = new ArrayList<>();
        for (Map.Entry<String, Object> e : props.entrySet()) {
            if (Boolean.FALSE.equals(e.getValue()) && Boolean.TRUE.equals(nmProps.get(e.getKey()))) {
                e.setValue(Boolean.TRUE);
                nonMigratable.add(e.getKey());
            }
        }
        return new CpuModelExpansion(Json.string(mig, "name", "expansion"), props, nonMigratable);
    }

    private static Map<String, Object> expansion(QmpClient qmp, String type, String model,
            Map<String, Object> props) throws QmpException {
        Map<String, Object> m = Json.obj("name", model);
        if (props != null) {
            m.put("props", props);
        }
        Map<String, Object> r = obj(qmp.execute("query-cpu-model-expansion", Json.obj("type", type, "model", m)));
        return Json.asObject(r.get("model"), "query-cpu-model-expansion.model");
    }

    // ------------------------------------------------------------------ properties libvirt inspects

    private static Map<String, Map<String, DeviceProperty>> deviceProperties(QmpClient qmp, Set<String> qom)
            throws QmpException {
        Set<String> types = new TreeSet<>();
        for (QemuCapability c : QemuCapability.values()) {
            for (CapabilityEvidence e : c.evidence()) {
                if (e instanceof CapabilityEvidence.DeviceProp d && qom.contains(d.type())) {
                    types.add(d.type());
                }
            }
        }
        Map<String, Map<String, DeviceProperty>> out = new TreeMap<>();
        for (String t : types) {
            Map<String, DeviceProperty> props = new TreeMap<>();
            for (Object o : Json.asArray(qmp.execute("device-list-properties", Json.obj("typename", t)), t)) {
                Map<String, Object> p = obj(o);
                String name = Json.string(p, "name", t);
                props.put(name, new DeviceProperty(name, Json.optString(p, "type", t), p.get("default-value")));
            }
            out.put(t, props);
        }
        return out;
    }

    private static Map<String, List<String>> objectProperties(QmpClient qmp, Set<String> qom) throws QmpException {
        Set<String> types = new TreeSet<>();
        for (QemuCapability c : QemuCapability.values()) {
            for (CapabilityEvidence e : c.evidence()) {
                if (e instanceof CapabilityEvidence.ObjectProp o && qom.contains(o.type())) {
                    types.add(o.type());
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        for (String t : types) {
            out.put(t, propertyNames(qmp, t));
        }
        return out;
    }

    /** libvirt asks about machines by their usual names; aliases are resolved, unknown machines skipped. */
    private static Map<String, List<String>> machineProperties(QmpClient qmp, List<MachineType> machines,
            Set<String> qom) throws QmpException {
        Set<String> wanted = new TreeSet<>();
        for (QemuCapability c : QemuCapability.values()) {
            for (CapabilityEvidence e : c.evidence()) {
                if (e instanceof CapabilityEvidence.MachineProp m) {
                    wanted.add(m.machine());
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        for (String w : wanted) {
            String canon = w;
            for (MachineType m : machines) {
                if (w.equals(m.alias())) {
                    canon = m.name();
                }
            }
            String finalCanon = canon;
            boolean known = canon.equals("none") || machines.stream().anyMatch(m -> m.name().equals(finalCanon));
            if (known && qom.contains(canon + "-machine")) {
                out.put(w, propertyNames(qmp, canon + "-machine"));
            }
        }
        return out;
    }

    private static List<String> propertyNames(QmpClient qmp, String type) throws QmpException {
        List<String> names = new ArrayList<>();
        for (Object o : Json.asArray(qmp.execute("qom-list-properties", Json.obj("typename", type)), type)) {
            names.add(Json.string(obj(o), "name", type));
        }
        return names.stream().sorted().toList();
    }

    private static Map<String, List<String>> commandLineOptions(QmpClient qmp) throws QmpException {
        Map<String, List<String>> out = new TreeMap<>();
        for (Object o : Json.asArray(qmp.execute("query-command-line-options"), "query-command-line-options")) {
            Map<String, Object> opt = obj(o);
            List<String> params = new ArrayList<>();
            for (Object p : Json.optArray(opt, "parameters", "option")) {
                params.add(Json.string(obj(p), "name", "parameter"));
            }
            // an option may be listed once per parameter group; merge them
            out.merge(Json.string(opt, "option", "option"), params.stream().sorted().toList(), (x, y) -> {
                Set<String> s = new TreeSet<>(x);
                s.addAll(y);
                return List.copyOf(s);
            });
        }
        return out;
    }

    /** SEV is offered by the type but only usable when QEMU can answer query-sev-capabilities. */
    private SevCapability sev(QmpClient qmp) throws QmpException {
        Map<String, Object> s;
        try {
            s = obj(qmp.execute("query-sev-capabilities"));
        } catch (QmpException.CommandFailed e) {
            return null;
        }
        int[] asids = host.sevAsids();
        int maxGuests = asids[0] != 0 && asids[1] != 0 ? asids[0] - asids[1] + 1 : 0;
        int maxEs = asids[0] != 0 && asids[1] != 0 ? asids[1] - 1 : 0;
        return new SevCapability(Json.optString(s, "pdh", "sev"), Json.optString(s, "cert-chain", "sev"),
                Json.optString(s, "cpu0-id", "sev"), (int) Json.asLong(s.get("cbitpos"), "cbitpos"),
                (int) Json.asLong(s.get("reduced-phys-bits"), "reduced-phys-bits"), maxGuests, maxEs);
    }

    private static SgxCapability sgx(QmpClient qmp) throws QmpException {
        Map<String, Object> s;
        try {
            s = obj(qmp.execute("query-sgx-capabilities"));
        } catch (QmpException.CommandFailed e) {
            return null;
        }
        List<SgxCapability.Section> sections = new ArrayList<>();
        long total = 0;
        for (Object o : Json.optArray(s, "sections", "sgx")) {
            Map<String, Object> sec = obj(o);
            long kib = Json.asLong(sec.get("size"), "size") / 1024;
            total += kib;
            sections.add(new SgxCapability.Section((int) Json.asLong(sec.get("node"), "node"), kib));
        }
        return new SgxCapability(Json.optBoolean(s, "flc", false, "sgx"), Json.optBoolean(s, "sgx1", false, "sgx"),
                Json.optBoolean(s, "sgx2", false, "sgx"), total, sections);
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> obj(Object o) {
        return Json.asObject(o, "QMP reply");
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object x : Json.asArray(o, "QMP reply")) {
            out.add(Json.asString(x, "QMP reply"));
        }
        return out;
    }

    /** libvirt's name for QEMU's target architecture. */
    static String libvirtArch(String qemuArch) {
        return switch (qemuArch) {
            case "i386" -> "i686";
            case "ppc64" -> "ppc64";
            case "arm" -> "armv7l";
            default -> qemuArch;
        };
    }
}
