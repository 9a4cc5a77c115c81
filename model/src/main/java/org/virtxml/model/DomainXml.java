package org.virtxml.model;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.virtxml.model.bind.DeclaredNamespaces;
import org.virtxml.model.bind.ModelBinding;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import org.w3c.dom.Element;

/**
 * Reads and writes libvirt domain XML through the model.
 *
 * <p>{@link #parse} refuses DOCTYPE and external entities and reports the first problem as an
 * {@link XmlInputException} with its line and column. {@link #format} writes the model the way libvirt 9.0.0's
 * formatter does (the layout of {@code virsh dumpxml}), adding nothing: no defaults, no generated values.
 * Both are thread-safe. They read and write through the generated {@link ModelCodec}, without JAXB; the JAXB
 * context (created once, on first use) serves only documents and models the codec leaves to it, such as unknown
 * elements outside {@code <metadata>}.
 */
public final class DomainXml {
    /** The namespace of libvirt's QEMU driver extensions ({@code qemu:commandline} and friends). */
    public static final String QEMU_NAMESPACE = "http://libvirt.org/schemas/domain/qemu/1.0";
    /** The prefix libvirt always writes the QEMU namespace with. */
    public static final String QEMU_PREFIX = "qemu";

    static final ModelBinding<Domain> BINDING = new ModelBinding<>(Domain.class, "metadata", new ModelCodec());
    /** The same binding through JAXB alone: the reference the generated codec must match (tests compare them). */
    static final ModelBinding<Domain> JAXB_BINDING = new ModelBinding<>(Domain.class, "metadata");
    private static final Map<String, String> FIXED_PREFIXES = Map.of(QEMU_NAMESPACE, QEMU_PREFIX);

    /**
     * Elements libvirt writes with a literal open and close tag rather than through {@code virXMLFormatElement},
     * so that an empty one comes out as {@code <hyperv mode='passthrough'>} and {@code </hyperv>} on two lines.
     * Only those that can be empty are listed; the rest always have children.
     */
    private static final Set<String> OPEN_WHEN_EMPTY = Set.of(
            "domain/devices",
            "domain/features/hyperv",
            "domain/features/kvm",
            "domain/features/xen",
            "domain/keywrap",
            "domain/pm",
            "domain/perf",
            "domain/idmap",
            "domain/vcpus",
            "domain/numatune",
            "domain/cpu/numa",
            "domain/os",
            "domain/devices/nvram",
            "domain/devices/lease",
            "domain/devices/video",
            "domain/devices/rng",
            "domain/devices/shmem",
            "domain/devices/memory",
            "domain/devices/filesystem",
            "domain/devices/interface",
            "domain/devices/interface/bandwidth",
            "domain/devices/interface/vlan",
            "domain/devices/interface/coalesce",
            "domain/devices/interface/coalesce/rx",
            "domain/devices/interface/tune",
            "domain/devices/serial",
            "domain/devices/parallel",
            "domain/devices/console",
            "domain/devices/channel",
            "domain/devices/hostdev",
            "domain/devices/redirdev",
            "domain/devices/disk/encryption",
            "domain/devices/disk/source/encryption",
            "domain/devices/disk/auth",
            "domain/devices/disk/source/auth");

    private DomainXml() {
    }

    /** Parses a file; its name is used in diagnostics. */
    public static Domain parse(Path path) {
        return parse(SourceText.read(path));
    }

    /** Parses a document held in a string; diagnostics call it {@code <string>}. */
    public static Domain parse(String xml) {
        return parse(SourceText.of("<string>", xml));
    }

    /** Parses a stream to its end; diagnostics call it {@code <stream>}. */
    public static Domain parse(InputStream in) {
        return parse(SourceText.read("<stream>", in));
    }

    /** Parses a document already read. */
    public static Domain parse(SourceText source) {
        return parse(source, BINDING);
    }

    static Domain parse(SourceText source, ModelBinding<Domain> binding) {
        Domain d = binding.parse(source);
        if (d.getMetadata() != null) {
            DeclaredNamespaces.restore(d.getMetadata().getOtherElements());
        }
        return d;
    }

    /** Writes a domain as libvirt formats it, ending with a newline. */
    public static String format(Domain domain) {
        return format(domain, BINDING);
    }

    static String format(Domain domain, ModelBinding<Domain> binding) {
        Map<String, String> rootNamespaces = new LinkedHashMap<>();
        if (usesQemuNamespace(domain)) {
            // libvirt declares its driver namespace on the root when the driver has data to write
            rootNamespaces.put(QEMU_PREFIX, QEMU_NAMESPACE);
        }
        List<Element> metadata = domain.getMetadata() == null ? List.of() : domain.getMetadata().getOtherElements();
        return binding.format(domain, rootNamespaces, FIXED_PREFIXES, "metadata", metadata, OPEN_WHEN_EMPTY);
    }

    /** Creates the JAXB context now rather than on first use (it takes a moment; see the model's README). */
    public static void warmUp() {
        BINDING.context();
    }

    private static boolean usesQemuNamespace(Domain d) {
        if (!d.getQemuCommandlines().isEmpty() || !d.getQemuCapabilities().isEmpty()
                || !d.getQemuOverrides().isEmpty() || d.getQemuDeprecation() != null) {
            return true;
        }
        for (Element e : d.getOtherElements()) {
            if (QEMU_NAMESPACE.equals(e.getNamespaceURI())) {
                return true;
            }
        }
        return false;
    }
}
