package org.virtxml.normalizer.device;

import java.util.List;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainChardevSource;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.normalizer.NormalizeException;

/** Character device refusals (host side and target), generic then QEMU's. Read-only. */
final class ChrChecks {
    /** Characters a SPICE or D-Bus channel name may use. */
    private static final String CHANNEL_NAME_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";

    private ChrChecks() {
    }

    /**
     * virDomainChrSourceDefValidate. {@code chr} is the serial/parallel/console/channel the source belongs to, or
     * null for the chardevs of redirdevs, smartcards and RNGs.
     */
    static void validateSource(DomainChardevType type, List<DomainChardevSource> sources, Chr chr,
            DomainDevice where) {
        DomainChardevSource s = sources.isEmpty() ? null : sources.get(0);
        switch (type) {
            case NULL, PTY, VC, STDIO, SPICEVMC, QEMU_VDAGENT -> {
                // nothing to name on the host
            }
            case FILE, DEV, PIPE -> {
                if (s == null || s.getPath() == null) {
                    throw new NormalizeException("internal error: Missing source path attribute for char device",
                            where);
                }
            }
            case NMDM -> {
                if (s != null && ((s.getMaster() == null) != (s.getSlave() == null))) {
                    throw new NormalizeException("internal error: Should define both master and slave path "
                            + "attributes for nmdm device", where);
                }
            }
            case TCP -> {
                if (s == null || s.getHost() == null) {
                    throw new NormalizeException("internal error: Missing source host attribute for char device",
                            where);
                }
                if (s.getService() == null) {
                    throw new NormalizeException(
                            "internal error: Missing source service attribute for char device", where);
                }
                if ("bind".equals(s.getMode()) && reconnects(s)) {
                    throw new NormalizeException("internal error: chardev reconnect is possible only for connect mode",
                            where);
                }
            }
            case UDP -> {
                boolean hasConnectService = false;
                for (DomainChardevSource x : sources) {
                    if (!"bind".equals(x.getMode()) && x.getService() != null) {
                        hasConnectService = true;
                    }
                }
                if (!hasConnectService) {
                    throw new NormalizeException(
                            "internal error: Missing source service attribute for char device", where);
                }
            }
            case UNIX -> {
                boolean generated = chr != null && chr.kind() == Chr.Kind.CHANNEL
                        && ("xen".equals(chr.targetType()) || "virtio".equals(chr.targetType()));
                if ((s == null || s.getPath() == null) && !generated) {
                    throw new NormalizeException("internal error: Missing source path attribute for char device",
                            where);
                }
                if (s != null && "bind".equals(s.getMode()) && reconnects(s)) {
                    throw new NormalizeException("internal error: chardev reconnect is possible only for connect mode",
                            where);
                }
            }
            case SPICEPORT, DBUS -> {
                String name = s == null ? null : s.getChannel();
                if (name == null) {
                    throw new NormalizeException(
                            "unsupported configuration: Missing source channel attribute for char device", where);
                }
                for (char c : name.toCharArray()) {
                    if (CHANNEL_NAME_CHARS.indexOf(c) < 0) {
                        throw new NormalizeException(
                                "invalid argument: Invalid character in source channel for char device", where);
                    }
                }
            }
        }
    }

    private static boolean reconnects(DomainChardevSource s) {
        return s.getReconnect() != null && s.getReconnect().getEnabled() != null;
    }

    /** qemuValidateDomainChrSourceDef. */
    static void validateSourceQemu(DomainChardevType type, List<DomainChardevSource> sources, GuestPlatform p,
            boolean hasSpice, DomainDevice where) {
        DomainChardevSource s = sources.isEmpty() ? null : sources.get(0);
        switch (type) {
            case TCP, UNIX -> {
                if (s != null && s.getReconnect() != null && s.getReconnect().getEnabled() == YesNo.YES
                        && (s.getReconnect().getTimeout() == null || s.getReconnect().getTimeout() == 0)) {
                    throw new NormalizeException("invalid argument: chardev reconnect source timeout cannot be '0'",
                            where);
                }
            }
            case QEMU_VDAGENT -> {
                if (!p.has(QemuCapability.CHARDEV_QEMU_VDAGENT)) {
                    throw new NormalizeException("unsupported configuration: chardev 'qemu-vdagent' not supported "
                            + "in this QEMU binary", where);
                }
            }
            case SPICEVMC, SPICEPORT -> {
                if (!hasSpice) {
                    throw new NormalizeException("unsupported configuration: chardev '" + type.xml()
                            + "' not supported without spice graphics", where);
                }
            }
            case NULL, VC, PTY, DEV, FILE, PIPE, STDIO, UDP, NMDM, DBUS -> {
                // nothing QEMU-specific
            }
        }
    }

    /** qemuValidateDomainChrTargetDef and the serial device compatibility of qemuValidateDomainChrDef. */
    static void validateTargetQemu(Chr c, GuestPlatform p) {
        if (c.kind() != Chr.Kind.SERIAL) {
            return;
        }
        String type = c.targetType() == null ? "none" : c.targetType();
        String model = c.targetModel();
        DomainAddress a = c.device().getAddress();
        String expected = switch (type) {
            case "isa-serial", "isa-debug" -> "isa";
            case "usb-serial" -> "usb";
            case "pci-serial" -> "pci";
            case "spapr-vio-serial" -> "spapr-vio";
            default -> null;
        };
        if (expected != null && a != null && !expected.equals(Addresses.type(a))) {
            throw new NormalizeException("unsupported configuration: Target type '" + type
                    + "' requires address type '" + expected + "'", c.device());
        }
        if (("system-serial".equals(type) || "sclp-serial".equals(type)) && a != null) {
            throw new NormalizeException("unsupported configuration: Target type '" + type
                    + "' cannot have an associated address", c.device());
        }
        if (model != null) {
            String needed = switch (model) {
                case "isa-serial" -> "isa-serial";
                case "usb-serial" -> "usb-serial";
                case "pci-serial" -> "pci-serial";
                case "spapr-vty" -> "spapr-vio-serial";
                case "pl011", "16550a" -> "system-serial";
                case "sclpconsole", "sclplmconsole" -> "sclp-serial";
                case "isa-debugcon" -> "isa-debug";
                default -> "none";
            };
            if (!needed.equals(type)) {
                throw new NormalizeException("unsupported configuration: Target model '" + model
                        + "' requires target type '" + needed + "'", c.device());
            }
        }
        // each board's own UART only exists on that board
        boolean compatible = true;
        if ("system-serial".equals(type)) {
            if ("pl011".equals(model) && !p.isArmVirt()) {
                compatible = false;
            }
            if ("16550a".equals(model) && !p.isRiscvVirt()) {
                compatible = false;
            }
        }
        if (!p.isPSeries() && ("spapr-vio-serial".equals(type) || "spapr-vty".equals(model))) {
            compatible = false;
        }
        if (!p.isS390() && ("sclp-serial".equals(type) || "sclpconsole".equals(model)
                || "sclplmconsole".equals(model))) {
            compatible = false;
        }
        if (!compatible) {
            throw new NormalizeException("unsupported configuration: Serial device with target type '" + type
                    + "' and target model '" + (model == null ? "none" : model)
                    + "' not compatible with guest architecture or machine type", c.device());
        }
    }
}
