package org.virtxml.schema;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of libvirt XML document, each with the root element that identifies it and its schema file. */
public enum SchemaKind {
    DOMAIN("domain", "domain"),
    DOMAINSNAPSHOT("domainsnapshot", "domainsnapshot"),
    DOMAINCHECKPOINT("domaincheckpoint", "domaincheckpoint"),
    DOMAINBACKUP("domainbackup", "domainbackup"),
    DOMAINCAPS("domaincaps", "domainCapabilities"),
    NETWORK("network", "network"),
    NETWORKPORT("networkport", "networkport"),
    STORAGEPOOL("storagepool", "pool"),
    STORAGEPOOLCAPS("storagepoolcaps", "storagepoolCapabilities"),
    STORAGEVOL("storagevol", "volume"),
    CAPABILITY("capability", "capabilities"),
    NODEDEV("nodedev", "device"),
    NWFILTER("nwfilter", "filter"),
    NWFILTERBINDING("nwfilterbinding", "filterbinding"),
    SECRET("secret", "secret"),
    INTERFACE("interface", "interface"),
    CPU("cpu", "cpu");

    private static final Map<String, SchemaKind> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(SchemaKind::kindName, Function.identity()));
    private static final Map<String, SchemaKind> BY_ROOT =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(SchemaKind::rootElement, Function.identity()));

    private final String kindName;
    private final String rootElement;

    SchemaKind(String kindName, String rootElement) {
        this.kindName = kindName;
        this.rootElement = rootElement;
    }

    /** The name users type ({@code --schema domain}), the same as virt-xml-validate's. */
    public String kindName() {
        return kindName;
    }

    /** The local name of the root element that identifies this kind. */
    public String rootElement() {
        return rootElement;
    }

    /** The schema's resource name, relative to this package. */
    public String resource() {
        return "rng/" + kindName + ".rng";
    }

    /** The kind for a user-given name, or null. */
    public static SchemaKind byName(String name) {
        return BY_NAME.get(name);
    }

    /** The kind whose documents have this root element (no namespace), or null. */
    public static SchemaKind byRootElement(String localName) {
        return BY_ROOT.get(localName);
    }

    @Override
    public String toString() {
        return kindName;
    }
}
