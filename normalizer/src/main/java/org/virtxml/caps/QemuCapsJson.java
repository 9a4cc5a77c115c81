package org.virtxml.caps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.virtxml.json.Json;
import org.virtxml.json.JsonException;
import org.virtxml.json.JsonWriter;

/**
 * The profile's JSON format, read and written in this one place. Member names follow QMP's where the data is
 * QEMU's answer; lists QEMU returns in a meaningful order keep it, name sets are sorted so that regenerated files
 * diff cleanly.
 */
final class QemuCapsJson {
    /** The value of the {@code format} member; bump it when the format changes incompatibly. */
    static final String FORMAT = "virtxml-qemu-caps/1";

    private static final JsonWriter WRITER = JsonWriter.pretty().withInlineScalarContainers(116);

    private QemuCapsJson() {
    }

    // ---------------------------------------------------------------- read

    static QemuCaps read(String text) {
        Map<String, Object> root = Json.parseObject(text);
        String format = Json.string(root, "format", "profile");
        if (!FORMAT.equals(format)) {
            throw new JsonException("profile: unsupported format '" + format + "' (expected '" + FORMAT + "')");
        }
        QemuCaps.Builder b = new QemuCaps.Builder();
        b.emulator(Json.string(root, "emulator", "profile"));
        b.arch(Json.string(root, "arch", "profile"), Json.string(root, "qemuArch", "profile"));
        Map<String, Object> v = Json.asObject(Json.member(root, "version", "profile"), "version");
        b.version(new QemuVersion(num(v, "major", "version"), num(v, "minor", "version"), num(v, "micro", "version"),
                Json.optString(v, "package", "version")));
        Map<String, Object> kvm = Json.asObject(Json.member(root, "kvm", "profile"), "kvm");
        b.kvm(Json.optBoolean(kvm, "present", false, "kvm"), Json.optBoolean(kvm, "enabled", false, "kvm"));
        Map<String, Object> accels = Json.asObject(Json.member(root, "accelerators", "profile"), "accelerators");
        for (Map.Entry<String, Object> e : accels.entrySet()) {
            VirtType t = VirtType.fromAccel(e.getKey());
            if (t == null) {
                throw new JsonException("accelerators: unknown accelerator '" + e.getKey() + "'");
            }
            b.accel(t, readAccel(Json.asObject(e.getValue(), "accelerators." + e.getKey()),
                    "accelerators." + e.getKey()));
        }
        Map<String, String> qom = new LinkedHashMap<>();
        Json.asObject(Json.member(root, "qomTypes", "profile"), "qomTypes")
                .forEach((k, p) -> qom.put(k, p == null ? null : Json.asString(p, "qomTypes", k)));
        b.qomTypes(qom);
        Map<String, String> abs = new LinkedHashMap<>();
        Map<String, Object> abso = Json.optObject(root, "qomAbstractTypes", "profile");
        if (abso != null) {
            abso.forEach((k, p) -> abs.put(k, p == null ? null : Json.asString(p, "qomAbstractTypes", k)));
        }
        b.qomAbstractTypes(abs);
        b.commands(new LinkedHashSet<>(Json.optStrings(root, "commands", "profile")));
        b.events(new LinkedHashSet<>(Json.optStrings(root, "events", "profile")));
        b.migrationCapabilities(Json.optStrings(root, "migrationCapabilities", "profile"));
        Map<String, Map<String, DeviceProperty>> devs = new LinkedHashMap<>();
        Map<String, Object> dp = Json.optObject(root, "deviceProperties", "profile");
        if (dp != null) {
            for (Map.Entry<String, Object> e : dp.entrySet()) {
                Map<String, DeviceProperty> props = new LinkedHashMap<>();
                String where = "deviceProperties." + e.getKey();
                for (Map.Entry<String, Object> p : Json.asObject(e.getValue(), where).entrySet()) {
                    Map<String, Object> po = Json.asObject(p.getValue(), where, p.getKey());
                    props.put(p.getKey(), new DeviceProperty(p.getKey(), Json.optString(po, "type", where),
                            po.get("default")));
                }
                devs.put(e.getKey(), props);
            }
        }
        b.deviceProperties(devs);
        b.objectProperties(stringLists(root, "objectProperties"));
        b.machineProperties(stringLists(root, "machineProperties"));
        b.commandLineOptions(stringLists(root, "commandLineOptions"));
        Map<String, Boolean> sq = new LinkedHashMap<>();
        Map<String, Object> sqo = Json.optObject(root, "schemaQueries", "profile");
        if (sqo != null) {
            sqo.forEach((k, val) -> sq.put(k, Json.asBoolean(val, "schemaQueries", k)));
        }
        b.schemaQueries(sq);
        Map<String, Object> tpm = Json.optObject(root, "tpm", "profile");
        b.tpm(tpm == null ? List.of() : Json.optStrings(tpm, "models", "tpm"),
                tpm == null ? List.of() : Json.optStrings(tpm, "types", "tpm"));
        Map<String, Object> sev = Json.optObject(root, "sev", "profile");
        if (sev != null) {
            b.sev(new SevCapability(Json.optString(sev, "pdh", "sev"), Json.optString(sev, "cert-chain", "sev"),
                    Json.optString(sev, "cpu0-id", "sev"), num(sev, "cbitpos", "sev"),
                    num(sev, "reduced-phys-bits", "sev"), num(sev, "maxGuests", "sev"),
                    num(sev, "maxESGuests", "sev")));
        }
        Map<String, Object> sgx = Json.optObject(root, "sgx", "profile");
        if (sgx != null) {
            List<SgxCapability.Section> sections = new ArrayList<>();
            for (Object o : Json.optArray(sgx, "sections", "sgx")) {
                Map<String, Object> s = Json.asObject(o, "sgx.sections");
                sections.add(new SgxCapability.Section(num(s, "node", "sgx"), Json.asLong(s.get("size"), "sgx")));
            }
            b.sgx(new SgxCapability(Json.optBoolean(sgx, "flc", false, "sgx"),
                    Json.optBoolean(sgx, "sgx1", false, "sgx"), Json.optBoolean(sgx, "sgx2", false, "sgx"),
                    Json.asLong(sgx.get("section-size"), "sgx.section-size"), sections));
        }
        Map<String, String> lcm = new LinkedHashMap<>();
        Map<String, Object> lcmo = Json.optObject(root, "libvirtCpuModels", "profile");
        if (lcmo != null) {
            lcmo.forEach((k, val) -> lcm.put(k, val == null ? null : Json.asString(val, "libvirtCpuModels", k)));
        }
        b.libvirtCpuModels(lcm);
        b.libvirtCpuMap(readCpuMap(Json.optObject(root, "libvirtCpuMap", "profile")));
        Map<String, Object> hv = Json.optObject(root, "hypervProps", "profile");
        b.hypervProps(hv == null ? Map.of() : hv);
        b.host(readHost(Json.asObject(Json.member(root, "host", "profile"), "host")));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new JsonException("profile: " + e.getMessage());
        }
    }

    private static AccelCaps readAccel(Map<String, Object> a, String where) {
        List<MachineType> machines = new ArrayList<>();
        for (Object o : Json.optArray(a, "machines", where)) {
            Map<String, Object> m = Json.asObject(o, where, "machines");
            String w = where + ".machines." + Json.string(m, "name", where);
            machines.add(new MachineType(Json.string(m, "name", w), Json.optString(m, "alias", w),
                    Json.optBoolean(m, "is-default", false, w), num(m, "cpu-max", w),
                    Json.optBoolean(m, "hotpluggable-cpus", false, w), Json.optString(m, "default-cpu-type", w),
                    Json.optString(m, "default-ram-id", w), Json.optBoolean(m, "numa-mem-supported", false, w),
                    Json.optBoolean(m, "deprecated", false, w)));
        }
        List<CpuDefinition> cpus = new ArrayList<>();
        for (Object o : Json.optArray(a, "cpuDefinitions", where)) {
            Map<String, Object> c = Json.asObject(o, where, "cpuDefinitions");
            String w = where + ".cpuDefinitions." + Json.string(c, "name", where);
            cpus.add(new CpuDefinition(Json.string(c, "name", w), Json.optString(c, "typename", w),
                    c.containsKey("unavailable-features") ? Json.optStrings(c, "unavailable-features", w) : null,
                    Json.optBoolean(c, "static", false, w), Json.optBoolean(c, "migration-safe", false, w),
                    Json.optBoolean(c, "deprecated", false, w), Json.optString(c, "alias-of", w)));
        }
        CpuModelExpansion exp = null;
        Map<String, Object> e = Json.optObject(a, "hostCpuExpansion", where);
        if (e != null) {
            exp = new CpuModelExpansion(Json.string(e, "model", where), Json.asObject(Json.member(e, "props", where),
                    where + ".hostCpuExpansion.props"), Json.optStrings(e, "nonMigratable", where));
        }
        return new AccelCaps(machines, cpus, exp, readHostModel(a, "hostModel", where),
                readHostModel(a, "hostModelMigratable", where));
    }

    private static HostCpuModel readHostModel(Map<String, Object> a, String key, String where) {
        Map<String, Object> h = Json.optObject(a, key, where);
        if (h == null) {
            return null;
        }
        String w = where + "." + key;
        List<CpuFeature> features = new ArrayList<>();
        for (Object o : Json.optArray(h, "features", w)) {
            Map<String, Object> f = Json.asObject(o, w, "features");
            CpuFeature.Policy p = CpuFeature.Policy.fromXml(Json.string(f, "policy", w));
            if (p == null) {
                throw new JsonException(w + ": unknown feature policy " + f.get("policy"));
            }
            features.add(new CpuFeature(Json.string(f, "name", w), p));
        }
        return new HostCpuModel(Json.string(h, "model", w), Json.optString(h, "vendor", w), features);
    }

    private static HostFacts readHost(Map<String, Object> h) {
        Map<String, Object> c = Json.asObject(Json.member(h, "cpu", "host"), "host.cpu");
        Map<String, Object> sig = Json.asObject(Json.member(c, "signature", "host.cpu"), "host.cpu.signature");
        Map<String, Object> topo = Json.asObject(Json.member(c, "topology", "host.cpu"), "host.cpu.topology");
        Map<String, Object> tsc = Json.optObject(c, "tsc", "host.cpu");
        Map<String, Object> mpa = Json.optObject(c, "maxPhysAddr", "host.cpu");
        List<Long> pageSizes = new ArrayList<>();
        for (Object o : Json.optArray(c, "pageSizesKiB", "host.cpu")) {
            pageSizes.add(Json.asLong(o, "host.cpu.pageSizesKiB"));
        }
        HostFacts.Cpu cpu = new HostFacts.Cpu(Json.string(c, "arch", "host.cpu"), Json.optString(c, "model", "host.cpu"),
                Json.optString(c, "vendor", "host.cpu"), Json.optLong(c, "microcode", "host.cpu"),
                num(sig, "family", "host.cpu.signature"), num(sig, "model", "host.cpu.signature"),
                num(sig, "stepping", "host.cpu.signature"), tsc == null ? null : Json.optLong(tsc, "frequency", "tsc"),
                tsc == null || tsc.get("scaling") == null ? null : Json.asBoolean(tsc.get("scaling"), "tsc.scaling"),
                num(topo, "sockets", "topology"), num(topo, "dies", "topology"), num(topo, "cores", "topology"),
                num(topo, "threads", "topology"), mpa == null ? null : Json.optString(mpa, "mode", "maxPhysAddr"),
                mpa == null || mpa.get("bits") == null ? null : num(mpa, "bits", "maxPhysAddr"),
                Json.optStrings(c, "features", "host.cpu"), pageSizes);
        List<HostFacts.NumaCell> cells = new ArrayList<>();
        for (Object o : Json.optArray(h, "numa", "host")) {
            Map<String, Object> n = Json.asObject(o, "host.numa");
            List<HostFacts.Pages> pages = new ArrayList<>();
            for (Object p : Json.optArray(n, "pages", "host.numa")) {
                Map<String, Object> pm = Json.asObject(p, "host.numa.pages");
                pages.add(new HostFacts.Pages(Json.asLong(pm.get("sizeKiB"), "pages.sizeKiB"),
                        Json.asLong(pm.get("count"), "pages.count")));
            }
            List<HostFacts.Distance> dist = new ArrayList<>();
            for (Object d : Json.optArray(n, "distances", "host.numa")) {
                Map<String, Object> dm = Json.asObject(d, "host.numa.distances");
                dist.add(new HostFacts.Distance(num(dm, "id", "distance"), num(dm, "value", "distance")));
            }
            List<HostFacts.NumaCpu> ncpus = new ArrayList<>();
            for (Object d : Json.optArray(n, "cpus", "host.numa")) {
                Map<String, Object> cm = Json.asObject(d, "host.numa.cpus");
                ncpus.add(new HostFacts.NumaCpu(num(cm, "id", "cpu"), num(cm, "socket_id", "cpu"),
                        num(cm, "die_id", "cpu"), num(cm, "core_id", "cpu"), Json.string(cm, "siblings", "cpu")));
            }
            cells.add(new HostFacts.NumaCell(num(n, "id", "host.numa"), Json.asLong(n.get("memoryKiB"), "memoryKiB"),
                    pages, dist, ncpus));
        }
        List<HostFacts.CacheBank> cache = new ArrayList<>();
        for (Object o : Json.optArray(h, "cache", "host")) {
            Map<String, Object> m = Json.asObject(o, "host.cache");
            cache.add(new HostFacts.CacheBank(num(m, "id", "cache"), num(m, "level", "cache"),
                    Json.string(m, "type", "cache"), Json.asLong(m.get("size"), "cache.size"),
                    Json.string(m, "unit", "cache"), Json.string(m, "cpus", "cache")));
        }
        List<HostFacts.SecModel> sec = new ArrayList<>();
        for (Object o : Json.optArray(h, "secModels", "host")) {
            Map<String, Object> m = Json.asObject(o, "host.secModels");
            Map<String, String> labels = new LinkedHashMap<>();
            Map<String, Object> bl = Json.optObject(m, "baseLabels", "secModels");
            if (bl != null) {
                bl.forEach((k, val) -> labels.put(k, Json.asString(val, "baseLabels." + k)));
            }
            sec.add(new HostFacts.SecModel(Json.string(m, "model", "secModels"), Json.string(m, "doi", "secModels"),
                    labels));
        }
        List<HostFacts.Firmware> fws = new ArrayList<>();
        for (Object o : Json.optArray(h, "firmware", "host")) {
            Map<String, Object> m = Json.asObject(o, "host.firmware");
            String w = "host.firmware." + Json.string(m, "path", "host.firmware");
            Map<String, List<String>> targets = new LinkedHashMap<>();
            Map<String, Object> t = Json.optObject(m, "targets", w);
            if (t != null) {
                t.forEach((k, val) -> {
                    List<String> globs = new ArrayList<>();
                    for (Object g : Json.asArray(val, w + ".targets")) {
                        globs.add(Json.asString(g, w + ".targets"));
                    }
                    targets.put(k, globs);
                });
            }
            fws.add(new HostFacts.Firmware(Json.string(m, "path", w), Json.optStrings(m, "interface-types", w),
                    Json.string(m, "device", w), Json.optString(m, "executable", w),
                    Json.optString(m, "executable-format", w), Json.optString(m, "nvram-template", w),
                    Json.optString(m, "nvram-template-format", w), targets, Json.optStrings(m, "features", w),
                    Json.optBoolean(m, "executableExists", true, w)));
        }
        Map<String, Object> sw = Json.optObject(h, "swtpm", "host");
        Map<String, Object> qc = Json.asObject(Json.member(h, "qemuConf", "host"), "host.qemuConf");
        List<HostFacts.Loader> nvram = new ArrayList<>();
        for (Object o : Json.optArray(qc, "nvram", "qemuConf")) {
            Map<String, Object> l = Json.asObject(o, "qemuConf.nvram");
            nvram.add(new HostFacts.Loader(Json.string(l, "loader", "nvram"), Json.optString(l, "nvram", "nvram"),
                    Json.optBoolean(l, "loaderExists", false, "nvram")));
        }
        HostFacts.QemuConf conf = new HostFacts.QemuConf(Json.optString(qc, "security_driver", "qemuConf"),
                Json.optString(qc, "user", "qemuConf"), Json.optString(qc, "group", "qemuConf"),
                Json.optBoolean(qc, "spice_tls", false, "qemuConf"), Json.optBoolean(qc, "vnc_tls", false, "qemuConf"),
                Json.optString(qc, "libDir", "qemuConf"), nvram, settings(Json.optObject(qc, "settings", "qemuConf")));
        Long maxVcpus = Json.optLong(h, "kvmMaxVcpus", "host");
        return new HostFacts(Json.optString(h, "uuid", "host"), cpu, Json.optStrings(h, "powerManagement", "host"),
                Json.optBoolean(h, "iommu", false, "host"), Json.optBoolean(h, "vfio", false, "host"),
                maxVcpus == null ? null : maxVcpus.intValue(), Json.optStrings(h, "migrationUriTransports", "host"),
                cells, cache, sec, Json.optStrings(h, "hugetlbfsMounts", "host"), fws,
                sw == null ? null : new HostFacts.Swtpm(Json.optBoolean(sw, "tpm-1.2", false, "swtpm"),
                        Json.optBoolean(sw, "tpm-2.0", false, "swtpm")),
                Json.optStrings(h, "secrets", "host"), conf, Json.optStrings(h, "devicePaths", "host"),
                Json.optStrings(h, "storagePools", "host"), stringMap(Json.optObject(h, "scsiGeneric", "host")),
                stringMap(Json.optObject(h, "networks", "host")), Json.optString(h, "note", "host"));
    }

    private static Map<String, String> stringMap(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, Json.asString(v, "host." + k)));
        }
        return out;
    }

    private static Map<String, List<String>> stringLists(Map<String, Object> root, String key) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, Object> m = Json.optObject(root, key, "profile");
        if (m != null) {
            for (String k : m.keySet()) {
                out.put(k, Json.optStrings(m, k, key));
            }
        }
        return out;
    }

    private static int num(Map<String, Object> m, String key, String where) {
        return (int) Json.asLong(Json.member(m, key, where), where + "." + key);
    }

    // ---------------------------------------------------------------- write

    static String write(QemuCaps q) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("format", FORMAT);
        r.put("note", "QEMU capability profile generated by 'virtxml probe-qemu'; regenerate it rather than edit it");
        r.put("emulator", q.emulator);
        r.put("arch", q.arch);
        r.put("qemuArch", q.qemuArch);
        r.put("version", Json.obj("major", (long) q.version.major(), "minor", (long) q.version.minor(),
                "micro", (long) q.version.micro(), "package", q.version.packageName()));
        r.put("kvm", Json.obj("present", q.kvmPresent, "enabled", q.kvmEnabled));
        Map<String, Object> accels = new LinkedHashMap<>();
        for (VirtType t : new VirtType[] {VirtType.KVM, VirtType.QEMU}) {
            AccelCaps a = q.accels.get(t);
            if (a != null) {
                accels.put(t.accel(), writeAccel(a));
            }
        }
        r.put("accelerators", accels);
        r.put("tpm", Json.obj("models", q.tpmModels, "types", q.tpmTypes));
        r.put("sev", q.sev == null ? null : writeSev(q.sev));
        r.put("sgx", q.sgx == null ? null : writeSgx(q.sgx));
        r.put("hypervProps", new TreeMap<>(q.hypervProps));
        r.put("libvirtCpuModels", q.libvirtCpuModels);
        if (!q.libvirtCpuMap.isEmpty()) {
            Map<String, Object> models = new LinkedHashMap<>();
            q.libvirtCpuMap.models().forEach((name, m) -> {
                Map<String, Object> mo = new LinkedHashMap<>();
                mo.put("features", m.features());
                if (!m.removed().isEmpty()) {
                    mo.put("removed", m.removed());
                }
                models.put(name, mo);
            });
            r.put("libvirtCpuMap", Json.obj("features", q.libvirtCpuMap.features(), "models", models));
        }
        r.put("migrationCapabilities", q.migrationCapabilities);
        r.put("schemaQueries", q.schemaQueries);
        Map<String, Object> dev = new LinkedHashMap<>();
        new TreeMap<>(q.deviceProperties).forEach((type, props) -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            new TreeMap<>(props).forEach((name, p) -> {
                Map<String, Object> po = new LinkedHashMap<>();
                po.put("type", p.type());
                if (p.defaultValue() != null) {
                    po.put("default", p.defaultValue());
                }
                pm.put(name, po);
            });
            dev.put(type, pm);
        });
        r.put("deviceProperties", dev);
        r.put("objectProperties", sortedLists(q.objectProperties));
        r.put("machineProperties", sortedLists(q.machineProperties));
        r.put("commandLineOptions", sortedLists(q.commandLineOptions));
        r.put("commands", q.commands.stream().sorted().toList());
        r.put("events", q.events.stream().sorted().toList());
        r.put("qomTypes", new TreeMap<>(q.qomTypes));
        r.put("qomAbstractTypes", new TreeMap<>(q.qomAbstractTypes));
        r.put("host", writeHost(q.host));
        return WRITER.write(r) + "\n";
    }

    private static Map<String, Object> sortedLists(Map<String, List<String>> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().sorted().toList()));
        return out;
    }

    private static Map<String, Object> writeAccel(AccelCaps a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostModel", writeHostModel(a.hostModel()));
        m.put("hostModelMigratable", writeHostModel(a.hostModelMigratable()));
        List<Object> machines = new ArrayList<>();
        for (MachineType mt : a.machines()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", mt.name());
            if (mt.alias() != null) {
                o.put("alias", mt.alias());
            }
            o.put("is-default", mt.qemuDefault());
            o.put("cpu-max", (long) mt.maxCpus());
            o.put("hotpluggable-cpus", mt.hotplugCpus());
            o.put("default-cpu-type", mt.defaultCpuType());
            o.put("default-ram-id", mt.defaultRamId());
            o.put("numa-mem-supported", mt.numaMemSupported());
            o.put("deprecated", mt.deprecated());
            machines.add(o);
        }
        m.put("machines", machines);
        List<Object> cpus = new ArrayList<>();
        for (CpuDefinition c : a.cpuDefinitions()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", c.name());
            o.put("typename", c.typename());
            if (c.aliasOf() != null) {
                o.put("alias-of", c.aliasOf());
            }
            o.put("static", c.isStatic());
            o.put("migration-safe", c.migrationSafe());
            o.put("deprecated", c.deprecated());
            if (c.unavailableFeatures() != null) {
                o.put("unavailable-features", c.unavailableFeatures());
            }
            cpus.add(o);
        }
        m.put("cpuDefinitions", cpus);
        if (a.hostCpuExpansion() != null) {
            CpuModelExpansion e = a.hostCpuExpansion();
            m.put("hostCpuExpansion", Json.obj("model", e.model(), "nonMigratable", e.nonMigratable(),
                    "props", e.props()));
        }
        return m;
    }

    private static Map<String, Object> writeHostModel(HostCpuModel h) {
        if (h == null) {
            return null;
        }
        List<Object> feats = new ArrayList<>();
        for (CpuFeature f : h.features()) {
            feats.add(Json.obj("policy", f.policy().xml(), "name", f.name()));
        }
        return Json.obj("model", h.model(), "vendor", h.vendor(), "features", feats);
    }

    private static Map<String, Object> writeSev(SevCapability s) {
        return Json.obj("pdh", s.pdh(), "cert-chain", s.certChain(), "cpu0-id", s.cpu0Id(),
                "cbitpos", (long) s.cbitpos(), "reduced-phys-bits", (long) s.reducedPhysBits(),
                "maxGuests", (long) s.maxGuests(), "maxESGuests", (long) s.maxEsGuests());
    }

    private static Map<String, Object> writeSgx(SgxCapability s) {
        List<Object> sections = new ArrayList<>();
        for (SgxCapability.Section sec : s.sections()) {
            sections.add(Json.obj("node", (long) sec.node(), "size", sec.sizeKiB()));
        }
        return Json.obj("flc", s.flc(), "sgx1", s.sgx1(), "sgx2", s.sgx2(), "section-size", s.sectionSizeKiB(),
                "sections", sections);
    }

    private static Map<String, Object> writeHost(HostFacts h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", h.note());
        m.put("uuid", h.uuid());
        HostFacts.Cpu c = h.cpu();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("arch", c.arch());
        cpu.put("model", c.model());
        cpu.put("vendor", c.vendor());
        cpu.put("microcode", c.microcode());
        cpu.put("signature", Json.obj("family", (long) c.family(), "model", (long) c.modelNumber(),
                "stepping", (long) c.stepping()));
        cpu.put("tsc", Json.obj("frequency", c.tscFrequency(), "scaling", c.tscScaling()));
        cpu.put("topology", Json.obj("sockets", (long) c.sockets(), "dies", (long) c.dies(), "cores",
                (long) c.cores(), "threads", (long) c.threads()));
        cpu.put("maxPhysAddr", c.maxPhysAddrMode() == null ? null : Json.obj("mode", c.maxPhysAddrMode(), "bits",
                c.maxPhysAddrBits() == null ? null : (long) c.maxPhysAddrBits()));
        cpu.put("pageSizesKiB", c.pageSizesKiB());
        cpu.put("features", c.features());
        m.put("cpu", cpu);
        m.put("powerManagement", h.powerManagement());
        m.put("iommu", h.iommu());
        m.put("vfio", h.vfio());
        m.put("kvmMaxVcpus", h.kvmMaxVcpus() == null ? null : (long) h.kvmMaxVcpus());
        m.put("migrationUriTransports", h.migrationUriTransports());
        List<Object> cells = new ArrayList<>();
        for (HostFacts.NumaCell n : h.numa()) {
            List<Object> pages = new ArrayList<>();
            n.pages().forEach(p -> pages.add(Json.obj("sizeKiB", p.sizeKiB(), "count", p.count())));
            List<Object> dist = new ArrayList<>();
            n.distances().forEach(d -> dist.add(Json.obj("id", (long) d.id(), "value", (long) d.value())));
            List<Object> cpus = new ArrayList<>();
            n.cpus().forEach(x -> cpus.add(Json.obj("id", (long) x.id(), "socket_id", (long) x.socketId(),
                    "die_id", (long) x.dieId(), "core_id", (long) x.coreId(), "siblings", x.siblings())));
            cells.add(Json.obj("id", (long) n.id(), "memoryKiB", n.memoryKiB(), "pages", pages, "distances", dist,
                    "cpus", cpus));
        }
        m.put("numa", cells);
        List<Object> cache = new ArrayList<>();
        h.cache().forEach(b -> cache.add(Json.obj("id", (long) b.id(), "level", (long) b.level(), "type", b.type(),
                "size", b.size(), "unit", b.unit(), "cpus", b.cpus())));
        m.put("cache", cache);
        List<Object> sec = new ArrayList<>();
        h.secModels().forEach(s -> sec.add(Json.obj("model", s.model(), "doi", s.doi(), "baseLabels",
                s.baseLabels())));
        m.put("secModels", sec);
        m.put("hugetlbfsMounts", h.hugetlbfsMounts());
        List<Object> fws = new ArrayList<>();
        for (HostFacts.Firmware f : h.firmware()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("path", f.path());
            o.put("interface-types", f.interfaceTypes());
            o.put("device", f.device());
            o.put("executable", f.executable());
            o.put("executable-format", f.executableFormat());
            o.put("executableExists", f.executableExists());
            o.put("nvram-template", f.nvramTemplate());
            o.put("nvram-template-format", f.nvramTemplateFormat());
            o.put("targets", f.targets());
            o.put("features", f.features());
            fws.add(o);
        }
        m.put("firmware", fws);
        m.put("swtpm", h.swtpm() == null ? null : Json.obj("tpm-1.2", h.swtpm().tpm12(), "tpm-2.0",
                h.swtpm().tpm20()));
        m.put("secrets", h.secrets());
        m.put("devicePaths", h.devicePaths());
        m.put("storagePools", h.storagePools());
        m.put("scsiGeneric", new LinkedHashMap<String, Object>(h.scsiGeneric()));
        m.put("networks", new LinkedHashMap<String, Object>(h.networks()));
        HostFacts.QemuConf q = h.qemuConf();
        List<Object> nvram = new ArrayList<>();
        q.nvram().forEach(l -> nvram.add(Json.obj("loader", l.loader(), "nvram", l.nvram(), "loaderExists",
                l.loaderExists())));
        Map<String, Object> conf = new LinkedHashMap<>(Json.obj("security_driver", q.securityDriver(), "user",
                q.user(), "group", q.group(), "spice_tls", q.spiceTls(), "vnc_tls", q.vncTls(), "libDir",
                q.libDir(), "nvram", nvram));
        if (!q.settings().isEmpty()) {
            conf.put("settings", new LinkedHashMap<String, Object>(q.settings()));
        }
        m.put("qemuConf", conf);
        return m;
    }

    /** qemu.conf's other settings: every member a string. */
    private static Map<String, String> settings(Map<String, Object> o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            o.forEach((k, v) -> out.put(k, Json.asString(v, "qemuConf.settings." + k)));
        }
        return out;
    }

    /** libvirt's CPU map as feature names; empty when the profile has none. */
    private static LibvirtCpuMap readCpuMap(Map<String, Object> o) {
        if (o == null) {
            return LibvirtCpuMap.empty();
        }
        Map<String, LibvirtCpuMap.Model> models = new LinkedHashMap<>();
        Map<String, Object> mo = Json.optObject(o, "models", "libvirtCpuMap");
        if (mo != null) {
            mo.forEach((name, v) -> {
                Map<String, Object> m = Json.asObject(v, "libvirtCpuMap.models", name);
                models.put(name, new LibvirtCpuMap.Model(Json.optStrings(m, "features", name),
                        Json.optStrings(m, "removed", name)));
            });
        }
        return new LibvirtCpuMap(Json.optStrings(o, "features", "libvirtCpuMap"), models);
    }
}
