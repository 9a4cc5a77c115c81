package org.virtxml.qemu.argv.sections;

import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainSysinfo;
import org.virtxml.model.DomainSysinfoEntries;
import org.virtxml.model.DomainSysinfoEntry;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Section;

/**
 * SMBIOS tables (libvirt's qemuBuildSmbiosCommandLine) for {@code <smbios mode='sysinfo'>}: {@code -smbios}
 * type 0 (BIOS), 1 (system), 2 (base board, at most one), 3 (chassis) and 11 (OEM strings) from the domain's
 * {@code <sysinfo type='smbios'>}, each field in libvirt's order with commas escaped.
 */
public final class SmbiosSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        Domain d = ctx.domain();
        String mode = d.getOs().getSmbios() == null || d.getOs().getSmbios().getMode() == null ? null
                : d.getOs().getSmbios().getMode().xml();
        if (mode == null || mode.equals("emulate")) {
            return;
        }
        if (mode.equals("host")) {
            // the host's own SMBIOS tables (dmidecode) are not part of the host facts virtxml models
            throw new ArgvException("unsupported configuration: Host SMBIOS information is not available");
        }
        DomainSysinfo source = null;
        for (DomainSysinfo s : d.getSysinfos()) {
            if (s.getType() != null && s.getType().xml().equals("smbios")) {
                source = s;
                break;
            }
        }
        if (source == null) {
            throw new ArgvException("XML error: Domain '" + d.getName() + "' sysinfo are not available");
        }
        if (source.getBios() != null) {
            ctx.add("-smbios", fields("type=0", source.getBios(), List.of("vendor", "version", "date", "release"),
                    null));
        }
        DomainSysinfoEntries sys = source.getSystem();
        if (sys != null && !skipSystem(sys)) {
            ctx.add("-smbios", fields("type=1", sys, List.of("manufacturer", "product", "version", "serial",
                    "uuid", "sku", "family"), null));
        }
        if (source.getBaseBoards().size() > 1) {
            throw new ArgvException("unsupported configuration: qemu does not support more than one entry to Type 2 "
                    + "in SMBIOS table");
        }
        for (DomainSysinfoEntries b : source.getBaseBoards()) {
            ctx.add("-smbios", fields("type=2", b, List.of("product", "version", "serial", "asset", "location"),
                    "manufacturer"));
        }
        if (source.getChassis() != null) {
            ctx.add("-smbios", fields("type=3", source.getChassis(), List.of("version", "serial", "asset", "sku"),
                    "manufacturer"));
        }
        if (source.getOemStrings() != null) {
            KeyValue kv = KeyValue.create().raw("type=11");
            for (DomainSysinfoEntry e : source.getOemStrings().getEntries()) {
                kv.add("value", e.getValue());
            }
            ctx.add("-smbios", kv);
        }
    }

    /**
     * libvirt skips the type 1 table only in this odd case (its test reads the SKU the wrong way round): no
     * manufacturer, product, version, serial, uuid or family, but a SKU.
     */
    private static boolean skipSystem(DomainSysinfoEntries s) {
        return value(s, "manufacturer") == null && value(s, "product") == null && value(s, "version") == null
                && value(s, "serial") == null && value(s, "uuid") == null && value(s, "sku") != null
                && value(s, "family") == null;
    }

    /** {@code FIRST,always=...,name=value...}: {@code always} is written even when absent (as an empty value). */
    private static KeyValue fields(String first, DomainSysinfoEntries e, List<String> names, String always) {
        KeyValue kv = KeyValue.create().raw(first);
        if (always != null) {
            String v = value(e, always);
            kv.add(always, v == null ? "" : v);
        }
        for (String n : names) {
            kv.add(n, value(e, n));
        }
        return kv;
    }

    private static String value(DomainSysinfoEntries e, String name) {
        for (DomainSysinfoEntry x : e.getEntries()) {
            if (name.equals(x.getName())) {
                return x.getValue();
            }
        }
        return null;
    }
}
