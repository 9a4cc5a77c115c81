package org.virtxml.qemu.argv;

import java.util.List;
import java.util.Map;
import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainQemuOverride;
import org.virtxml.model.DomainQemuOverrideDevice;
import org.virtxml.model.DomainQemuOverrideProperty;

/**
 * What a {@link Section} works with: the prepared domain, the capabilities, the command line being built and the
 * shared device properties. The typed adders ({@link #device}, {@link #object}, ...) are the only way structured
 * options reach the command line, so JSON versus {@code key=value} is decided here, once, from the capabilities
 * (libvirt's qemuBuild*CommandlineFromJSON helpers).
 */
public final class BuildContext {
    private final Prepared prepared;
    private final CommandLine cmd;
    private final DeviceProps deviceProps;

    BuildContext(Prepared prepared, CommandLine cmd) {
        this.prepared = prepared;
        this.cmd = cmd;
        this.deviceProps = new DeviceProps(prepared);
    }

    /** The prepared state (aliases, paths, boot indexes, counters). */
    public Prepared prepared() {
        return prepared;
    }

    /** The domain (normalized). */
    public Domain domain() {
        return prepared.domain();
    }

    /** The emulator's capabilities and the host facts. */
    public QemuCaps caps() {
        return prepared.caps();
    }

    /** Whether QEMU has a capability (libvirt's virQEMUCapsGet). */
    public boolean has(QemuCapability cap) {
        return prepared.caps().has(cap);
    }

    /** Address, virtio and ROM properties shared by all devices. */
    public DeviceProps deviceProps() {
        return deviceProps;
    }

    /** The command line being built (for environment entries and unusual options). */
    public CommandLine cmd() {
        return cmd;
    }

    /** Appends {@code flag value}. */
    public void add(String flag, OptionValue value) {
        cmd.add(flag, value);
    }

    /** Appends {@code flag text}. */
    public void add(String flag, String value) {
        cmd.add(flag, value);
    }

    /** Appends a flag without value. */
    public void add(String flag) {
        cmd.add(flag);
    }

    /**
     * Appends {@code -device}: applies the domain's {@code <qemu:override>} frontend properties for the device's id
     * first (as qemuBuildDeviceCommandlineHandleOverrides), then JSON when QEMU accepts it.
     */
    public void device(Props props) {
        applyOverrides(props);
        cmd.add("-device", has(QemuCapability.DEVICE_JSON) ? props : flatten(props, "driver"));
    }

    /** Appends {@code -object}: JSON when QEMU accepts it, else {@code TYPE,id=...}. */
    public void object(Props props) {
        cmd.add("-object", has(QemuCapability.OBJECT_JSON) ? props : flatten(props, "qom-type"));
    }

    /** Appends {@code -netdev}: JSON when QEMU accepts it, else {@code TYPE,id=...}. */
    public void netdev(Props props) {
        cmd.add("-netdev", has(QemuCapability.NETDEV_JSON) ? props : flatten(props, "type"));
    }

    /** Appends {@code -blockdev} (always JSON: libvirt uses -blockdev only with QEMUs that take JSON). */
    public void blockdev(Props props) {
        cmd.add("-blockdev", props);
    }

    /** Appends {@code -audiodev} (libvirt 9.0 writes it as JSON whatever the QEMU). */
    public void audiodev(Props props) {
        cmd.add("-audiodev", props);
    }

    /** Appends {@code -chardev} in libvirt's key=value form. */
    public void chardev(KeyValue value) {
        cmd.add("-chardev", value);
    }

    private void applyOverrides(Props props) {
        String id = props.getString("id");
        if (id == null) {
            return;
        }
        for (DomainQemuOverride o : domain().getQemuOverrides()) {
            for (DomainQemuOverrideDevice d : o.getDevices()) {
                if (!id.equals(d.getAlias()) || d.getFrontend() == null) {
                    continue;
                }
                for (DomainQemuOverrideProperty p : d.getFrontend().getProperties()) {
                    props.remove(p.getName());
                    Object v = overrideValue(p);
                    if (v != null) {
                        props.value(p.getName(), v);
                    }
                }
            }
        }
    }

    /** The JSON value of an override property; null for {@code type='remove'}. */
    private static Object overrideValue(DomainQemuOverrideProperty p) {
        return switch (p.getType()) {
            case STRING -> p.getValue();
            // numbers and booleans are parsed from their text, as libvirt parses them into JSON values
            case SIGNED -> Long.parseLong(p.getValue().strip());
            case UNSIGNED -> new java.math.BigInteger(p.getValue().strip());
            case BOOL -> "true".equals(p.getValue().strip());
            case REMOVE -> null;
        };
    }

    /**
     * libvirt's virQEMUBuildCommandLineJSON for QEMUs without JSON syntax: {@code FIRST,key=value,...} with the
     * member named {@code firstKey} as the leading bare word, booleans as on/off, nested objects as dotted keys
     * and arrays as repeated keys.
     */
    static KeyValue flatten(Props props, String firstKey) {
        KeyValue kv = KeyValue.create();
        if (firstKey != null && props.getString(firstKey) != null) {
            kv.bare(props.getString(firstKey));
        }
        flattenInto(kv, "", props.members(), firstKey);
        return kv;
    }

    private static void flattenInto(KeyValue kv, String prefix, Map<String, Object> members, String skip) {
        for (Map.Entry<String, Object> e : members.entrySet()) {
            if (prefix.isEmpty() && e.getKey().equals(skip)) {
                continue;
            }
            flattenValue(kv, prefix + e.getKey(), e.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static void flattenValue(KeyValue kv, String key, Object v) {
        if (v instanceof Boolean b) {
            kv.onOff(key, b);
        } else if (v instanceof Map<?, ?> m) {
            flattenInto(kv, key + ".", (Map<String, Object>) m, null);
        } else if (v instanceof List<?> l) {
            for (Object item : l) {
                flattenValue(kv, key, item);
            }
        } else {
            kv.add(key, v);
        }
    }
}
