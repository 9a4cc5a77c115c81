package org.virtxml.qemu.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.virtxml.caps.CpuDefinition;
import org.virtxml.caps.CpuFeature;
import org.virtxml.caps.HostCpuModel;
import org.virtxml.caps.QemuCaps;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * libvirt's x86 CPU map (the {@code cpu_map} directory an installed libvirt ships: vendors, features as CPUID/MSR
 * bits, named models) and the decoding libvirt does with it: given the bits a CPU has, pick the named model that
 * describes it with the fewest feature changes and list those changes. The map is data read at probe time from the
 * installed libvirt; it is not part of virtxml.
 */
final class CpuMapX86 {
    /** Where Debian's libvirt installs its CPU map. */
    static final Path DEFAULT_DIR = Path.of("/usr/share/libvirt/cpu_map");

    /** The first penalty for a disabled feature when comparing candidates; each further one costs one more. */
    private static final int BASE_PENALTY = 2;

    /** Reserved bits of the CPUID leaf 1 signature are ignored. */
    private static final long SIGNATURE_MASK = 0x0fff3fffL;

    private final List<Vendor> vendors = new ArrayList<>();
    private final List<Feature> features = new ArrayList<>();
    private final Map<String, Feature> featuresByName = new HashMap<>();
    private final List<Model> models = new ArrayList<>();
    private final Map<String, Model> modelsByName = new HashMap<>();

    record Vendor(String name, Data data) {
    }

    record Feature(String name, Data data, boolean migratable) {
    }

    record Signature(int family, int model, Set<Integer> steppings) {
    }

    record Model(String name, boolean decodeHost, boolean decodeGuest, Vendor vendor, List<Signature> signatures,
            Data data, List<String> removed) {
    }

    /** The result of decoding: model, vendor and feature changes. */
    record Decoded(String model, String vendor, List<CpuFeature> features) {

        HostCpuModel toHostModel() {
            return new HostCpuModel(model, vendor, features);
        }
    }

    // ------------------------------------------------------------------ CPUID/MSR bit sets

    /**
     * A set of CPUID leaf registers and MSR bits. CPUID items are keyed by (leaf, sub-leaf) and hold eax, ebx, ecx,
     * edx; MSR items by index and hold eax, edx.
     */
    static final class Data {
        final Map<String, long[]> items = new LinkedHashMap<>();

        static String cpuid(long eaxIn, long ecxIn) {
            return "cpuid:" + eaxIn + ":" + ecxIn;
        }

        static String msr(long index) {
            return "msr:" + index;
        }

        Data copy() {
            Data d = new Data();
            items.forEach((k, v) -> d.items.put(k, v.clone()));
            return d;
        }

        void add(String key, long[] regs) {
            long[] cur = items.computeIfAbsent(key, k -> new long[regs.length]);
            for (int i = 0; i < regs.length; i++) {
                cur[i] |= regs[i];
            }
        }

        void add(Data other) {
            other.items.forEach(this::add);
        }

        void subtract(Data other) {
            other.items.forEach((k, v) -> {
                long[] cur = items.get(k);
                if (cur != null) {
                    for (int i = 0; i < v.length; i++) {
                        cur[i] &= ~v[i];
                    }
                }
            });
        }

        /** Every bit of {@code subset} is set here. */
        boolean contains(Data subset) {
            for (Map.Entry<String, long[]> e : subset.items.entrySet()) {
                long[] cur = items.get(e.getKey());
                long[] want = e.getValue();
                for (int i = 0; i < want.length; i++) {
                    long have = cur == null ? 0 : cur[i];
                    if ((have & want[i]) != want[i]) {
                        return false;
                    }
                }
            }
            return true;
        }

        long register(String key, int index) {
            long[] r = items.get(key);
            return r == null ? 0 : r[index];
        }
    }

    // ------------------------------------------------------------------ loading

    /** Loads the x86 part of a libvirt CPU map directory; throws when it is missing or malformed. */
    static CpuMapX86 load(Path dir) throws IOException {
        CpuMapX86 map = new CpuMapX86();
        Element index = parse(dir.resolve("index.xml"));
        for (Element arch : children(index, "arch")) {
            if (!"x86".equals(arch.getAttribute("name"))) {
                continue;
            }
            for (Element inc : children(arch, "include")) {
                map.loadFile(parse(dir.resolve(inc.getAttribute("filename"))));
            }
        }
        if (map.features.isEmpty() || map.models.isEmpty()) {
            throw new IOException("no x86 CPU map in " + dir);
        }
        return map;
    }

    private void loadFile(Element cpus) throws IOException {
        for (Element e : children(cpus, null)) {
            switch (e.getTagName()) {
                case "vendor" -> vendors.add(new Vendor(e.getAttribute("name"), vendorData(e.getAttribute("string"))));
                case "feature" -> {
                    Data d = new Data();
                    for (Element c : children(e, "cpuid")) {
                        d.add(Data.cpuid(hex(c, "eax_in"), hex(c, "ecx_in")),
                                new long[] {hex(c, "eax"), hex(c, "ebx"), hex(c, "ecx"), hex(c, "edx")});
                    }
                    for (Element m : children(e, "msr")) {
                        d.add(Data.msr(hex(m, "index")), new long[] {hex(m, "eax"), hex(m, "edx")});
                    }
                    Feature f = new Feature(e.getAttribute("name"), d, !"no".equals(e.getAttribute("migratable")));
                    features.add(f);
                    featuresByName.put(f.name(), f);
                }
                case "model" -> loadModel(e);
                default -> {
                    // other architectures' elements never appear in x86 files
                }
            }
        }
    }

    private void loadModel(Element e) throws IOException {
        String name = e.getAttribute("name");
        Element decode = first(e, "decode");
        boolean host = decode == null || "on".equals(decode.getAttribute("host"));
        boolean guest = decode == null || "on".equals(decode.getAttribute("guest"));
        Vendor vendor = null;
        List<Signature> sigs = new ArrayList<>();
        Data data = new Data();
        Element ancestor = first(e, "model");
        if (ancestor != null) {
            Model a = modelsByName.get(ancestor.getAttribute("name"));
            if (a == null) {
                throw new IOException("CPU model " + name + " derives from unknown " + ancestor.getAttribute("name"));
            }
            vendor = a.vendor();
            sigs.addAll(a.signatures());
            data = a.data().copy();
        }
        List<Element> sigElems = children(e, "signature");
        if (!sigElems.isEmpty()) {
            sigs.clear();
            for (Element s : sigElems) {
                sigs.add(new Signature(Integer.parseInt(s.getAttribute("family")),
                        Integer.parseInt(s.getAttribute("model")), steppings(s.getAttribute("stepping"))));
            }
        }
        Element v = first(e, "vendor");
        if (v != null) {
            String vn = v.getAttribute("name");
            vendor = vendors.stream().filter(x -> x.name().equals(vn)).findFirst()
                    .orElseThrow(() -> new IOException("CPU model " + name + " has unknown vendor " + vn));
        }
        List<String> removed = new ArrayList<>();
        for (Element f : children(e, "feature")) {
            Feature feat = featuresByName.get(f.getAttribute("name"));
            if (feat == null) {
                throw new IOException("CPU model " + name + " uses unknown feature " + f.getAttribute("name"));
            }
            if ("yes".equals(f.getAttribute("removed"))) {
                removed.add(feat.name());
            } else {
                data.add(feat.data());
            }
        }
        Model m = new Model(name, host, guest, vendor, List.copyOf(sigs), data, List.copyOf(removed));
        models.add(m);
        modelsByName.put(name, m);
    }

    private static Set<Integer> steppings(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        Set<Integer> out = new java.util.TreeSet<>();
        for (String part : s.split(",")) {
            String[] r = part.trim().split("-");
            int from = Integer.parseInt(r[0]);
            int to = r.length > 1 ? Integer.parseInt(r[1]) : from;
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }

    private static Data vendorData(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        Data d = new Data();
        if (b.length == 12) {
            d.add(Data.cpuid(0, 0), new long[] {0, le32(b, 0), le32(b, 8), le32(b, 4)});
        }
        return d;
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    private static long hex(Element e, String attr) {
        String v = e.getAttribute(attr);
        if (v.isEmpty()) {
            return 0;
        }
        return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
    }

    private static Element parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            Document doc = b.parse(file.toFile());
            return doc.getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read CPU map file " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nl = parent.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            Node n = nl.item(i);
            if (n instanceof Element el && (tag == null || tag.equals(el.getTagName()))) {
                out.add(el);
            }
        }
        return out;
    }

    private static Element first(Element parent, String tag) {
        List<Element> c = children(parent, tag);
        return c.isEmpty() ? null : c.get(0);
    }

    // ------------------------------------------------------------------ building CPU data

    /**
     * The map reduced to feature names, for the profile: each model lists the features whose CPUID/MSR bits it
     * contains, in map order, and its removed features.
     */
    org.virtxml.caps.LibvirtCpuMap toFeatureNames() {
        List<String> names = features.stream().map(Feature::name).toList();
        Map<String, org.virtxml.caps.LibvirtCpuMap.Model> out = new LinkedHashMap<>();
        for (Model m : models) {
            List<String> has = new ArrayList<>();
            for (Feature f : features) {
                if (!f.data().items.isEmpty() && m.data().contains(f.data())) {
                    has.add(f.name());
                }
            }
            out.put(m.name(), new org.virtxml.caps.LibvirtCpuMap.Model(has, m.removed()));
        }
        return new org.virtxml.caps.LibvirtCpuMap(names, out);
    }

    /** True when libvirt knows a feature of this name. */
    boolean hasFeature(String name) {
        return featuresByName.containsKey(name);
    }

    /** Vendor of a named model ({@code AMD}), or null when the model has none or is unknown. */
    String modelVendor(String model) {
        Model m = modelsByName.get(model);
        return m == null || m.vendor() == null ? null : m.vendor().name();
    }

    /** Model names in map order. */
    List<String> modelNames() {
        return models.stream().map(Model::name).toList();
    }

    /** True for features defined by MSR bits rather than CPUID bits ({@code rdctl-no}, {@code mds-no}, ...). */
    boolean isMsrFeature(String name) {
        Feature f = featuresByName.get(name);
        return f != null && f.data().items.keySet().stream().anyMatch(k -> k.startsWith("msr:"));
    }

    /** Features libvirt refuses to carry across migration ({@code invtsc}, ...). */
    boolean isMigratable(String feature) {
        Feature f = featuresByName.get(feature);
        return f == null || f.migratable();
    }

    /**
     * CPU data from named features (libvirt names; unknown names are ignored, as libvirt does), a vendor string
     * ({@code AuthenticAMD}) and a signature.
     */
    Data data(Collection<String> featureNames, String vendorString, int family, int model, int stepping) {
        Data d = new Data();
        for (String n : featureNames) {
            Feature f = featuresByName.get(n);
            if (f != null) {
                d.add(f.data());
            }
        }
        if (vendorString != null) {
            d.add(vendorData(vendorString));
        }
        d.add(Data.cpuid(1, 0), new long[] {signature(family, model, stepping), 0, 0, 0});
        return d;
    }

    /** The CPUID leaf 1 eax encoding of family/model/stepping. */
    static long signature(int family, int model, int stepping) {
        long sig = 0;
        int fam = family;
        if (fam > 0xf) {
            sig |= (long) (fam - 0xf) << 20;
            fam = 0xf;
        }
        sig |= (long) (model >> 4) << 16;
        sig |= (long) fam << 8;
        sig |= (long) (model & 0xf) << 4;
        sig |= stepping & 0xf;
        return sig;
    }

    private static int[] signatureParts(long sig) {
        int family = (int) (((sig >> 20) & 0xff) + ((sig >> 8) & 0xf));
        int model = (int) (((sig >> 12) & 0xf0) + ((sig >> 4) & 0xf));
        int stepping = (int) (sig & 0xf);
        return new int[] {family, model, stepping};
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes CPU data as a guest CPU (features may be disabled), considering only models QEMU knows; a model QEMU
     * cannot run here has its missing features ("blockers") disabled. This is what host-model becomes.
     */
    Decoded decodeGuest(Data data, List<CpuDefinition> qemuModels) {
        return decode(data, qemuModels, false);
    }

    /** Decodes CPU data as the host CPU: only models the host fully covers, features only added. */
    Decoded decodeHost(Data data) {
        return decode(data, null, true);
    }

    private Decoded decode(Data input, List<CpuDefinition> qemuModels, boolean hostType) {
        Data data = input.copy();
        Vendor vendor = takeVendor(data);
        long signature = data.register(Data.cpuid(1, 0), 0) & SIGNATURE_MASK;
        filterBrokenTsx(data, vendor);
        Map<String, CpuDefinition> hv = new HashMap<>();
        if (qemuModels != null) {
            qemuModels.forEach(c -> hv.put(c.name(), c));
        }
        Model best = null;
        List<CpuFeature> bestFeatures = null;
        // newest models come last in the map; libvirt walks it backwards so that ties favour newer models
        for (int i = models.size() - 1; i >= 0; i--) {
            Model cand = models.get(i);
            CpuDefinition hvModel = hv.get(cand.name());
            if (qemuModels != null && hvModel == null) {
                continue;
            }
            if (vendor != null && cand.vendor() != null && vendor != cand.vendor()) {
                continue;
            }
            List<CpuFeature> feats = candidateFeatures(data, cand, hvModel, hostType);
            if (better(best, bestFeatures, cand, feats, signature, hostType)) {
                best = cand;
                bestFeatures = feats;
            }
        }
        if (best == null) {
            return null;
        }
        return new Decoded(best.name(), vendor == null ? null : vendor.name(), bestFeatures);
    }

    private Vendor takeVendor(Data data) {
        for (Vendor v : vendors) {
            if (!v.data().items.isEmpty() && data.contains(v.data())) {
                data.subtract(v.data());
                return v;
            }
        }
        return null;
    }

    /** Intel Haswell/Broadwell parts whose TSX was disabled by microcode: ignore hle and rtm. */
    private void filterBrokenTsx(Data data, Vendor vendor) {
        if (vendor == null || !vendor.name().equals("Intel")) {
            return;
        }
        int[] s = signatureParts(data.register(Data.cpuid(1, 0), 0));
        if (s[0] == 6 && ((s[1] == 63 && s[2] < 4) || s[1] == 60 || s[1] == 69 || s[1] == 70)) {
            for (String f : List.of("hle", "rtm")) {
                Feature feat = featuresByName.get(f);
                if (feat != null) {
                    data.subtract(feat.data());
                }
            }
        }
    }

    private List<CpuFeature> candidateFeatures(Data data, Model model, CpuDefinition hvModel, boolean hostType) {
        Data extra = data.copy();
        extra.subtract(model.data());
        Data missing = model.data().copy();
        missing.subtract(data);
        if (hvModel != null && hvModel.unavailableFeatures() != null) {
            for (String qemuName : hvModel.unavailableFeatures()) {
                Feature f = featuresByName.get(QemuCaps.libvirtFeatureName(qemuName));
                if (f != null && !extra.contains(f.data())) {
                    missing.add(f.data());
                }
            }
        }
        List<CpuFeature> out = new ArrayList<>();
        collect(out, extra, CpuFeature.Policy.REQUIRE);
        collect(out, missing, CpuFeature.Policy.DISABLE);
        if (!hostType) {
            for (String r : model.removed()) {
                if (out.stream().noneMatch(f -> f.name().equals(r))) {
                    out.add(new CpuFeature(r, CpuFeature.Policy.DISABLE));
                }
            }
        }
        return out;
    }

    private void collect(List<CpuFeature> out, Data data, CpuFeature.Policy policy) {
        for (Feature f : features) {
            if (!f.data().items.isEmpty() && data.contains(f.data())) {
                data.subtract(f.data());
                out.add(new CpuFeature(f.name(), policy));
            }
        }
    }

    private static boolean better(Model current, List<CpuFeature> curFeats, Model cand, List<CpuFeature> candFeats,
            long signature, boolean hostType) {
        if (hostType ? !cand.decodeHost() : !cand.decodeGuest()) {
            return false;
        }
        if (hostType && candFeats.stream().anyMatch(f -> f.policy() == CpuFeature.Policy.DISABLE)) {
            return false; // a host CPU is a model plus extra features, never minus some
        }
        if (current == null) {
            return true;
        }
        // prefer a model made for this CPU family/model, then the shortest description
        if (signature != 0) {
            boolean curMatch = matches(current.signatures(), signature);
            boolean candMatch = matches(cand.signatures(), signature);
            if (curMatch && !candMatch) {
                return false;
            }
            if (!curMatch && candMatch) {
                return true;
            }
        }
        long[] cur = weight(curFeats, hostType);
        long[] can = weight(candFeats, hostType);
        return can[0] < cur[0] || (can[0] == cur[0] && can[1] < cur[1]);
    }

    /**
     * {total, disabled}: each disabled feature costs more than the one before. The count deliberately reproduces
     * libvirt 9.0.0, whose loop bound shrinks as it finds disabled features, so that long tails of disabled
     * features are only partly counted; matching its choices matters more than the arithmetic.
     */
    private static long[] weight(List<CpuFeature> feats, boolean hostType) {
        int enabled = feats.size();
        if (hostType) {
            return new long[] {enabled, 0};
        }
        long disabled = 0;
        int penalty = BASE_PENALTY;
        for (int i = 0; i < enabled; i++) {
            if (feats.get(i).policy() == CpuFeature.Policy.DISABLE) {
                enabled--;
                disabled += penalty;
                penalty++;
            }
        }
        return new long[] {enabled + disabled, disabled};
    }

    private static boolean matches(List<Signature> sigs, long signature) {
        int[] s = signatureParts(signature);
        for (Signature sig : sigs) {
            if (sig.family() == s[0] && sig.model() == s[1]
                    && (sig.steppings() == null || sig.steppings().contains(s[2]))) {
                return true;
            }
        }
        return false;
    }
}
