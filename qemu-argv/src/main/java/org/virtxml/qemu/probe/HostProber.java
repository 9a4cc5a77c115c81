package org.virtxml.qemu.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.virtxml.caps.HostFacts;
import org.virtxml.json.Json;

/**
 * Reads the host facts libvirt consults from the running system, in one place: {@code /proc/cpuinfo} for the host
 * CPU, {@code /sys} for topology, NUMA cells, huge pages, caches and IOMMU, {@code /proc/mounts} for hugetlbfs, the
 * QEMU firmware descriptor directories, {@code swtpm_setup}, libvirt's secrets directory and {@code qemu.conf}.
 * All paths are resolved under a root directory so that tests can use a fake tree.
 *
 * <p>Where libvirt asks the kernel directly (the {@code CPUID} instruction, KVM ioctls) the closest file is used:
 * CPU flags and the TSC rate come from {@code /proc/cpuinfo} as the kernel reports them, the KVM vCPU limit is left
 * unknown, and a host without SMBIOS gets a UUID derived from {@code /etc/machine-id} (libvirt makes up a random one
 * at each start).
 */
public class HostProber {
    /** libvirt 9.0.0 as Debian builds it migrates over TCP and RDMA. */
    private static final List<String> MIGRATION_TRANSPORTS = List.of("tcp", "rdma");

    /**
     * Linux's names for CPU flags where libvirt's CPU map spells them differently; every other flag is looked up
     * under its own name and ignored when libvirt does not know it.
     */
    private static final Map<String, String> LINUX_TO_LIBVIRT_FLAG = Map.ofEntries(
            Map.entry("pclmulqdq", "pclmuldq"),
            Map.entry("sse4_1", "sse4.1"),
            Map.entry("sse4_2", "sse4.2"),
            Map.entry("tsc_deadline_timer", "tsc-deadline"),
            Map.entry("sha_ni", "sha-ni"),
            Map.entry("avx512_vnni", "avx512vnni"),
            Map.entry("avx512_bitalg", "avx512bitalg"),
            Map.entry("avx512_vpopcntdq", "avx512-vpopcntdq"),
            Map.entry("avx512_bf16", "avx512-bf16"),
            Map.entry("avx512_vbmi2", "avx512vbmi2"),
            Map.entry("avx512_vp2intersect", "avx512-vp2intersect"),
            Map.entry("avx512_fp16", "avx512-fp16"),
            Map.entry("avx_vnni", "avx-vnni"),
            Map.entry("cr8_legacy", "cr8legacy"),
            Map.entry("arch_capabilities", "arch-capabilities"),
            Map.entry("spec_ctrl", "spec-ctrl"),
            Map.entry("virt_ssbd", "virt-ssbd"),
            Map.entry("amd_ssbd", "amd-ssbd"),
            Map.entry("amd_stibp", "amd-stibp"),
            Map.entry("md_clear", "md-clear"),
            Map.entry("flush_l1d", "flush-l1d"),
            Map.entry("tsxldtrk", "tsx-ldtrk"),
            Map.entry("amx_bf16", "amx-bf16"),
            Map.entry("amx_tile", "amx-tile"),
            Map.entry("amx_int8", "amx-int8"));

    /**
     * The {@code nvram} list Debian's libvirt 9.0.0 is built with (qemu.conf can replace it): firmware image and
     * variable store template pairs.
     */
    private static final List<String> DEBIAN_NVRAM_DEFAULT = List.of(
            "/usr/share/OVMF/OVMF_CODE.fd:/usr/share/OVMF/OVMF_VARS.fd",
            "/usr/share/OVMF/OVMF_CODE.secboot.fd:/usr/share/OVMF/OVMF_VARS.fd",
            "/usr/share/AAVMF/AAVMF_CODE.fd:/usr/share/AAVMF/AAVMF_VARS.fd",
            "/usr/share/AAVMF/AAVMF32_CODE.fd:/usr/share/AAVMF/AAVMF32_VARS.fd");

    private final Path root;

    /** A prober reading the files under {@code root} ({@code /} for the real system). */
    public HostProber(Path root) {
        this.root = root;
    }

    /** The prober for this machine. */
    public static HostProber system() {
        return new HostProber(Path.of("/"));
    }

    private Path p(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /**
     * SEV address-space ids {max, min} from CPUID 0x8000001F, which only the kernel's {@code kvm_amd} module knows;
     * it does not publish them, so SEV guest limits are reported as 0 (SEV is not available on the corpus host).
     */
    int[] sevAsids() {
        return new int[] {0, 0};
    }

    /** Reads every host fact; the host CPU model is decoded with {@code map} (null: no model, flags only). */
    HostFacts probe(CpuMapX86 map) throws IOException {
        Map<String, String> cpuinfo = cpuinfo();
        HostFacts.QemuConf conf = qemuConf();
        return new HostFacts(uuid(), cpu(cpuinfo, map), powerManagement(), nonEmptyDir("/sys/class/iommu"),
                nonEmptyDir("/sys/kernel/iommu_groups") && Files.exists(p("/dev/vfio/vfio")), null,
                MIGRATION_TRANSPORTS, numa(), cache(), secModels(conf), hugetlbfsMounts(), firmware(), swtpm(),
                secrets(), conf, devicePaths(), storagePools(), scsiGeneric(), networks(),
                "read from " + hostname() + " by virtxml probe-qemu");
    }

    /** The checked host paths that exist. */
    private List<String> devicePaths() {
        List<String> out = new ArrayList<>();
        for (String path : HostFacts.CHECKED_PATHS) {
            if (Files.exists(p(path))) {
                out.add(path);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ CPU

    /** The first processor's block of {@code /proc/cpuinfo}, as key/value pairs. */
    Map<String, String> cpuinfo() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(p("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                if (!out.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    /** libvirt names of the host's CPU flags, in the kernel's order (unknown to libvirt: dropped). */
    List<String> libvirtFlags(Map<String, String> cpuinfo, CpuMapX86 map) {
        Set<String> linux = new LinkedHashSet<>(List.of(cpuinfo.getOrDefault("flags", "").split("\\s+")));
        Set<String> out = new LinkedHashSet<>();
        for (String f : linux) {
            String name = LINUX_TO_LIBVIRT_FLAG.getOrDefault(f, f);
            if (map == null || map.hasFeature(name)) {
                out.add(name);
            }
        }
        // the kernel hides these CPUID bits from its flag list but libvirt's CPUID read sees them
        if (linux.contains("constant_tsc") && linux.contains("nonstop_tsc")) {
            out.add("invtsc");
        }
        if (linux.contains("xsave")) {
            out.add("osxsave"); // Linux always enables XSAVE when the CPU has it
        }
        return List.copyOf(out);
    }

    private HostFacts.Cpu cpu(Map<String, String> cpuinfo, CpuMapX86 map) throws IOException {
        String vendorString = cpuinfo.getOrDefault("vendor_id", "");
        String vendor = switch (vendorString) {
            case "AuthenticAMD" -> "AMD";
            case "GenuineIntel" -> "Intel";
            case "HygonGenuine" -> "Hygon";
            default -> vendorString.isEmpty() ? null : vendorString;
        };
        int family = intOr(cpuinfo.get("cpu family"), 0);
        int model = intOr(cpuinfo.get("model"), 0);
        int stepping = intOr(cpuinfo.get("stepping"), 0);
        Long microcode = null;
        String mc = cpuinfo.get("microcode");
        if (mc != null) {
            microcode = mc.startsWith("0x") ? Long.parseLong(mc.substring(2), 16) : Long.parseLong(mc);
        }
        List<String> flags = libvirtFlags(cpuinfo, map);
        String modelName = null;
        List<String> extra = flags;
        if (map != null) {
            CpuMapX86.Decoded d = map.decodeHost(map.data(flags, vendorString.length() == 12 ? vendorString : null,
                    family, model, stepping));
            if (d != null) {
                modelName = d.model();
                extra = d.features().stream().map(f -> f.name()).toList();
            }
        }
        Long tsc = null;
        String mhz = cpuinfo.get("cpu MHz");
        if (mhz != null && cpuinfo.getOrDefault("flags", "").contains("constant_tsc")) {
            tsc = new java.math.BigDecimal(mhz).movePointRight(6).longValue();
        }
        String allFlags = " " + cpuinfo.getOrDefault("flags", "") + " " + cpuinfo.getOrDefault("vmx flags", "") + " ";
        Boolean scaling = tsc == null ? null : allFlags.contains(" tsc_scale ") || allFlags.contains(" tsc_scaling ");
        Integer physBits = null;
        String sizes = cpuinfo.get("address sizes");
        if (sizes != null && sizes.matches("\\d+ bits physical.*")) {
            physBits = Integer.parseInt(sizes.substring(0, sizes.indexOf(' ')));
        }
        int[] topo = topology();
        return new HostFacts.Cpu(arch(), modelName, vendor, microcode, family, model, stepping, tsc, scaling,
                topo[0], topo[1], topo[2], topo[3], physBits == null ? null : "emulate", physBits, extra,
                pageSizes());
    }

    private String arch() throws IOException {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386" -> "i686";
            case "aarch64" -> "aarch64";
            default -> a;
        };
    }

    /** {sockets, dies, cores per die, threads per core} of the online CPUs. */
    private int[] topology() throws IOException {
        Set<String> sockets = new TreeSet<>();
        Set<String> dies = new TreeSet<>();
        Set<String> cores = new TreeSet<>();
        int cpus = 0;
        for (int cpu : onlineCpus()) {
            Path t = p("/sys/devices/system/cpu/cpu" + cpu + "/topology");
            String s = read(t.resolve("physical_package_id"), "0");
            String d = read(t.resolve("die_id"), "0");
            String c = read(t.resolve("core_id"), String.valueOf(cpu));
            sockets.add(s);
            dies.add(s + "/" + d);
            cores.add(s + "/" + d + "/" + c);
            cpus++;
        }
        int nSockets = Math.max(1, sockets.size());
        int nDies = Math.max(1, dies.size() / nSockets);
        int nCores = Math.max(1, cores.size() / (nSockets * nDies));
        int nThreads = Math.max(1, cpus / (nSockets * nDies * nCores));
        return new int[] {nSockets, nDies, nCores, nThreads};
    }

    private List<Integer> onlineCpus() throws IOException {
        String online = read(p("/sys/devices/system/cpu/online"), null);
        if (online == null) {
            return List.of(0);
        }
        return ranges(online);
    }

    private List<Long> pageSizes() throws IOException {
        Set<Long> sizes = new TreeSet<>();
        sizes.add(4L);
        for (Path d : list(p("/sys/kernel/mm/hugepages"))) {
            String n = d.getFileName().toString();
            if (n.startsWith("hugepages-") && n.endsWith("kB")) {
                sizes.add(Long.parseLong(n.substring("hugepages-".length(), n.length() - 2)));
            }
        }
        return List.copyOf(sizes);
    }

    // ------------------------------------------------------------------ memory, NUMA, caches

    private List<HostFacts.NumaCell> numa() throws IOException {
        List<HostFacts.NumaCell> cells = new ArrayList<>();
        List<Path> nodes = new ArrayList<>();
        for (Path d : list(p("/sys/devices/system/node"))) {
            if (d.getFileName().toString().matches("node\\d+")) {
                nodes.add(d);
            }
        }
        nodes.sort((a, b) -> Integer.compare(nodeId(a), nodeId(b)));
        List<Long> sizes = pageSizes();
        for (Path n : nodes) {
            int id = nodeId(n);
            long memKiB = 0;
            for (String line : Files.readAllLines(n.resolve("meminfo"))) {
                if (line.contains("MemTotal:")) {
                    memKiB = Long.parseLong(line.replaceAll(".*MemTotal:\\s*(\\d+).*", "$1"));
                }
            }
            List<HostFacts.Pages> pages = new ArrayList<>();
            long huge = 0;
            List<HostFacts.Pages> hugePages = new ArrayList<>();
            for (long size : sizes) {
                if (size == 4) {
                    continue;
                }
                long count = Long.parseLong(read(n.resolve("hugepages/hugepages-" + size + "kB/nr_hugepages"), "0"));
                huge += count * size;
                hugePages.add(new HostFacts.Pages(size, count));
            }
            // small pages are what huge pages leave of the cell's memory, as libvirt computes it
            pages.add(new HostFacts.Pages(4, (memKiB - huge) / 4));
            pages.addAll(hugePages);
            List<HostFacts.Distance> dist = new ArrayList<>();
            String[] ds = read(n.resolve("distance"), "10").trim().split("\\s+");
            for (int i = 0; i < ds.length; i++) {
                // the i-th distance is to the i-th node in id order
                dist.add(new HostFacts.Distance(i < nodes.size() ? nodeId(nodes.get(i)) : i, Integer.parseInt(ds[i])));
            }
            List<HostFacts.NumaCpu> cpus = new ArrayList<>();
            for (int cpu : ranges(read(n.resolve("cpulist"), ""))) {
                Path t = p("/sys/devices/system/cpu/cpu" + cpu + "/topology");
                cpus.add(new HostFacts.NumaCpu(cpu, intOr(read(t.resolve("physical_package_id"), "0"), 0),
                        intOr(read(t.resolve("die_id"), "0"), 0), intOr(read(t.resolve("core_id"), "0"), 0),
                        read(t.resolve("thread_siblings_list"), String.valueOf(cpu)).trim()));
            }
            cells.add(new HostFacts.NumaCell(id, memKiB, pages, dist, cpus));
        }
        return cells;
    }

    private static int nodeId(Path node) {
        return Integer.parseInt(node.getFileName().toString().substring(4));
    }

    /** Caches of level 3 and up (libvirt's minimum), one bank per id and type. */
    private List<HostFacts.CacheBank> cache() throws IOException {
        Map<String, HostFacts.CacheBank> banks = new TreeMap<>();
        for (int cpu : onlineCpus()) {
            for (Path idx : list(p("/sys/devices/system/cpu/cpu" + cpu + "/cache"))) {
                if (!idx.getFileName().toString().startsWith("index")) {
                    continue;
                }
                int level = intOr(read(idx.resolve("level"), "0"), 0);
                if (level < 3) {
                    continue;
                }
                String type = switch (read(idx.resolve("type"), "Unified").trim()) {
                    case "Data" -> "data";
                    case "Instruction" -> "code";
                    default -> "both";
                };
                int id = intOr(read(idx.resolve("id"), "0"), 0);
                String size = read(idx.resolve("size"), "0K").trim();
                long kib = Long.parseLong(size.replaceAll("[^0-9]", ""));
                if (size.endsWith("M")) {
                    kib *= 1024;
                }
                // libvirt prints the largest unit that keeps the size whole
                String unit = "KiB";
                long value = kib;
                if (value % 1024 == 0) {
                    value /= 1024;
                    unit = "MiB";
                    if (value % 1024 == 0) {
                        value /= 1024;
                        unit = "GiB";
                    }
                }
                String key = String.format(Locale.ROOT, "%02d-%08d-%s", level, id, type);
                banks.putIfAbsent(key, new HostFacts.CacheBank(id, level, type, value, unit,
                        read(idx.resolve("shared_cpu_list"), String.valueOf(cpu)).trim()));
            }
        }
        return List.copyOf(banks.values());
    }

    private List<String> hugetlbfsMounts() throws IOException {
        List<String> out = new ArrayList<>();
        Path mounts = p("/proc/mounts");
        if (Files.exists(mounts)) {
            for (String line : Files.readAllLines(mounts)) {
                String[] f = line.split("\\s+");
                if (f.length > 2 && f[2].equals("hugetlbfs")) {
                    out.add(f[1]);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ identity, power, security

    private String hostname() throws IOException {
        String h = read(p("/etc/hostname"), null);
        return h == null || h.isBlank() ? "this host" : h.strip();
    }

    private String uuid() throws IOException {
        String dmi = read(p("/sys/class/dmi/id/product_uuid"), null);
        if (dmi != null && !dmi.isBlank()) {
            return dmi.trim().toLowerCase(Locale.ROOT);
        }
        String mid = read(p("/etc/machine-id"), null);
        if (mid != null && mid.trim().matches("[0-9a-f]{32}")) {
            String h = mid.trim();
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20);
        }
        return null;
    }

    /** Suspend targets as pm-utils reports them; none when pm-utils is not installed. */
    private List<String> powerManagement() {
        Path pm = findInPath("pm-is-supported");
        if (pm == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String[][] targets = {{"--suspend", "suspend_mem"}, {"--hibernate", "suspend_disk"},
            {"--suspend-hybrid", "suspend_hybrid"}};
        for (String[] t : targets) {
            if (run(List.of(pm.toString(), t[0])) != null) {
                out.add(t[1]);
            }
        }
        return out;
    }

    private List<HostFacts.SecModel> secModels(HostFacts.QemuConf conf) throws IOException {
        List<HostFacts.SecModel> out = new ArrayList<>();
        String driver = conf.securityDriver();
        if (driver == null || driver.equals("none")) {
            out.add(new HostFacts.SecModel("none", "0", Map.of()));
        } else {
            out.add(new HostFacts.SecModel(driver, "0", Map.of()));
        }
        String label = "+" + uid(conf.user()) + ":+" + gid(conf.group());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kvm", label);
        labels.put("qemu", label);
        out.add(new HostFacts.SecModel("dac", "0", labels));
        return out;
    }

    private String uid(String user) throws IOException {
        return idFrom("/etc/passwd", user);
    }

    private String gid(String group) throws IOException {
        return idFrom("/etc/group", group);
    }

    private String idFrom(String file, String name) throws IOException {
        if (name == null) {
            return "0";
        }
        if (name.startsWith("+")) {
            return name.substring(1);
        }
        Path f = p(file);
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f)) {
                String[] parts = line.split(":");
                if (parts.length > 2 && parts[0].equals(name)) {
                    return parts[2];
                }
            }
        }
        return "0";
    }

    private List<String> secrets() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : list(p("/etc/libvirt/secrets"))) {
            String n = f.getFileName().toString();
            if (n.endsWith(".xml")) {
                out.add(n.substring(0, n.length() - 4));
            }
        }
        out.sort(null);
        return out;
    }

    /** The persistent storage pools libvirt keeps as /etc/libvirt/storage/NAME.xml. */
    private List<String> storagePools() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : list(p("/etc/libvirt/storage"))) {
            String n = f.getFileName().toString();
            if (n.endsWith(".xml")) {
                out.add(n.substring(0, n.length() - 4));
            }
        }
        return out;
    }

    /**
     * The virtual networks libvirt defines (/etc/libvirt/qemu/networks/NAME.xml) with the first address of their
     * {@code <ip>}, which a display listening on the network gets ("" when the network has none).
     */
    private Map<String, String> networks() throws IOException {
        Map<String, String> out = new TreeMap<>();
        java.util.regex.Pattern ip = java.util.regex.Pattern.compile("<ip\\b[^>]*\\baddress=['\"]([^'\"]+)['\"]");
        for (Path f : list(p("/etc/libvirt/qemu/networks"))) {
            String n = f.getFileName().toString();
            if (n.endsWith(".xml") && Files.isRegularFile(f)) {
                java.util.regex.Matcher m = ip.matcher(Files.readString(f, StandardCharsets.UTF_8));
                out.put(n.substring(0, n.length() - 4), m.find() ? m.group(1) : "");
            }
        }
        return out;
    }

    /** Each host SCSI device's generic node, as libvirt's virSCSIDeviceGetSgName finds it in sysfs. */
    private Map<String, String> scsiGeneric() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path dev : list(p("/sys/bus/scsi/devices"))) {
            String addr = dev.getFileName().toString();
            if (!addr.matches("\\d+:\\d+:\\d+:\\d+")) {
                continue;
            }
            List<Path> sg = list(dev.resolve("scsi_generic"));
            if (!sg.isEmpty()) {
                out.put(addr, sg.get(0).getFileName().toString());
            }
        }
        return out;
    }

    /** The qemu.conf settings virtxml models, with Debian's libvirt defaults for the system daemon. */
    HostFacts.QemuConf qemuConf() throws IOException {
        Map<String, String> kv = new TreeMap<>();
        Path f = p("/etc/libvirt/qemu.conf");
        if (Files.exists(f)) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                if (l.startsWith("#") || !l.contains("=")) {
                    continue;
                }
                // a list value ("nvram = [ ... ]") may continue over several lines
                if (l.substring(l.indexOf('=') + 1).strip().startsWith("[")) {
                    while (!l.contains("]") && i + 1 < lines.size()) {
                        l = l + " " + lines.get(++i).strip();
                    }
                }
                String k = l.substring(0, l.indexOf('=')).strip();
                String v = l.substring(l.indexOf('=') + 1).strip();
                if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
                    v = v.substring(1, v.length() - 1);
                }
                kv.put(k, v);
            }
        }
        List<String> nvramSpec = DEBIAN_NVRAM_DEFAULT;
        String nvramConf = kv.get("nvram");
        if (nvramConf != null && nvramConf.startsWith("[")) {
            nvramSpec = new ArrayList<>();
            for (String item : nvramConf.substring(1, nvramConf.lastIndexOf(']')).split(",")) {
                String t = item.strip();
                if (t.length() >= 2 && t.startsWith("\"")) {
                    nvramSpec.add(t.substring(1, t.length() - 1));
                }
            }
        }
        List<HostFacts.Loader> loaders = new ArrayList<>();
        for (String pair : nvramSpec) {
            int colon = pair.indexOf(':');
            String loader = colon < 0 ? pair : pair.substring(0, colon);
            String vars = colon < 0 ? null : pair.substring(colon + 1);
            loaders.add(new HostFacts.Loader(loader, vars, Files.exists(p(loader))));
        }
        // Debian builds libvirt to run guests as libvirt-qemu unless qemu.conf says otherwise
        Map<String, String> others = new TreeMap<>(kv);
        for (String modelled : List.of("security_driver", "user", "group", "spice_tls", "vnc_tls", "nvram")) {
            others.remove(modelled);
        }
        // lists other than nvram are not modelled: keep scalars only
        others.values().removeIf(v -> v.startsWith("["));
        return new HostFacts.QemuConf(kv.get("security_driver"), kv.getOrDefault("user", "libvirt-qemu"),
                kv.getOrDefault("group", "libvirt-qemu"), "1".equals(kv.getOrDefault("spice_tls", "0")),
                "1".equals(kv.getOrDefault("vnc_tls", "0")), "/var/lib/libvirt/qemu", loaders, others);
    }

    // ------------------------------------------------------------------ firmware, TPM

    /**
     * Firmware descriptors from QEMU's data directory and the system configuration directory; a file in the latter
     * overrides one of the same name, an empty file hides it, and the result is ordered by file name.
     */
    private List<HostFacts.Firmware> firmware() throws IOException {
        Map<String, Path> byName = new TreeMap<>();
        for (String dir : List.of("/usr/share/qemu/firmware", "/etc/qemu/firmware")) {
            for (Path f : list(p(dir))) {
                if (f.getFileName().toString().endsWith(".json")) {
                    byName.put(f.getFileName().toString(), f);
                }
            }
        }
        List<HostFacts.Firmware> out = new ArrayList<>();
        for (Path f : byName.values()) {
            if (Files.size(f) == 0) {
                continue;
            }
            Map<String, Object> d = Json.parseObject(Files.readString(f));
            String where = f.toString();
            Map<String, Object> mapping = Json.asObject(d.get("mapping"), where + ".mapping");
            String device = Json.string(mapping, "device", where);
            String exe = null;
            String exeFormat = null;
            String nvram = null;
            String nvramFormat = null;
            if (device.equals("flash")) {
                Map<String, Object> e = Json.optObject(mapping, "executable", where);
                if (e != null) {
                    exe = Json.optString(e, "filename", where);
                    exeFormat = Json.optString(e, "format", where);
                }
                Map<String, Object> n = Json.optObject(mapping, "nvram-template", where);
                if (n != null) {
                    nvram = Json.optString(n, "filename", where);
                    nvramFormat = Json.optString(n, "format", where);
                }
            } else if (device.equals("memory")) {
                exe = Json.optString(mapping, "filename", where);
            }
            Map<String, List<String>> targets = new LinkedHashMap<>();
            for (Object o : Json.optArray(d, "targets", where)) {
                Map<String, Object> t = Json.asObject(o, where + ".targets");
                targets.put(Json.string(t, "architecture", where), Json.optStrings(t, "machines", where));
            }
            // the descriptor's own path as it is on the host, whatever root we read it from
            String hostPath = "/" + root.relativize(f).toString();
            out.add(new HostFacts.Firmware(hostPath, Json.optStrings(d, "interface-types", where), device, exe,
                    exeFormat, nvram, nvramFormat, targets, Json.optStrings(d, "features", where),
                    exe != null && Files.exists(p(exe))));
        }
        return out;
    }

    private HostFacts.Swtpm swtpm() {
        Path setup = findInPath("swtpm_setup");
        if (findInPath("swtpm") == null || setup == null) {
            return null;
        }
        String caps = run(List.of(setup.toString(), "--print-capabilities"));
        if (caps == null) {
            return new HostFacts.Swtpm(false, false);
        }
        try {
            List<String> f = Json.optStrings(Json.parseObject(caps.strip()), "features", "swtpm_setup");
            return new HostFacts.Swtpm(f.contains("tpm-1.2"), f.contains("tpm-2.0"));
        } catch (RuntimeException e) {
            return new HostFacts.Swtpm(false, false);
        }
    }

    // ------------------------------------------------------------------ helpers

    private Path findInPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path c = p(dir.startsWith("/") ? dir : "/" + dir).resolve(name);
            if (Files.isExecutable(c)) {
                return c;
            }
        }
        return null;
    }

    /** Runs a helper for at most 10 seconds; its stdout when it exits 0, else null. */
    private static String run(List<String> argv) {
        try {
            Process proc = new ProcessBuilder(argv).redirectErrorStream(false)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = proc.getInputStream().readAllBytes();
            if (!proc.waitFor(10, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return null;
            }
            return proc.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean nonEmptyDir(String dir) throws IOException {
        return !list(p(dir)).isEmpty();
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (java.nio.file.AccessDeniedException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    private static String read(Path f, String dflt) throws IOException {
        if (!Files.isRegularFile(f)) {
            return dflt;
        }
        try {
            return Files.readString(f).strip();
        } catch (java.nio.file.AccessDeniedException e) {
            return dflt;
        }
    }

    private static int intOr(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Expands a kernel range list such as {@code 0-3,8}. */
    static List<Integer> ranges(String s) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.strip().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] r = part.split("-");
            int from = Integer.parseInt(r[0]);
            int to = r.length > 1 ? Integer.parseInt(r[1]) : from;
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }
}
