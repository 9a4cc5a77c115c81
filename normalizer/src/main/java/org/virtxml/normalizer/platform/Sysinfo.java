package org.virtxml.normalizer.platform;

import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainSysinfo;
import org.virtxml.model.DomainSysinfoEntries;
import org.virtxml.model.DomainSysinfoEntry;
import org.virtxml.model.DomainSysinfoType;
import org.virtxml.model.bind.InvalidValueException;
import org.virtxml.model.bind.UuidAdapter;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.RandomSource;

/**
 * The domain's identity and SMBIOS tables as libvirt's parser keeps them (virDomainDefParseIDs,
 * virSysinfoParseXML): a domain without a UUID gets the SMBIOS system UUID or a random one, an empty
 * {@code <genid/>} a random generation id; SMBIOS groups keep the entries libvirt knows, first value of each,
 * in libvirt's order, and a BIOS date must read mm/dd/yy or mm/dd/yyyy.
 */
final class Sysinfo {
    private static final List<String> BIOS = List.of("vendor", "version", "date", "release");
    private static final List<String> SYSTEM = List.of("manufacturer", "product", "version", "serial", "uuid",
            "sku", "family");
    private static final List<String> BASE_BOARD = List.of("manufacturer", "product", "version", "serial", "asset",
            "location");
    private static final List<String> CHASSIS = List.of("manufacturer", "version", "serial", "asset", "sku");
    private static final List<String> PROCESSOR = List.of("socket_destination", "type", "family", "manufacturer",
            "signature", "version", "external_clock", "max_speed", "status", "serial_number", "part_number");
    private static final List<String> MEMORY = List.of("size", "form_factor", "locator", "bank_locator", "type",
            "type_detail", "speed", "manufacturer", "serial_number", "part_number");

    private Sysinfo() {
    }

    static void apply(Domain d, RandomSource random) {
        boolean uuidGenerated = d.getUuid() == null;
        if (d.getGenid() != null && d.getGenid().isBlank()) {
            d.setGenid(random.uuid());
        } else if (d.getGenid() != null) {
            try {
                d.setGenid(UuidAdapter.canonical(d.getGenid()));
            } catch (InvalidValueException e) {
                throw NormalizeException.internal("malformed genid element", d);
            }
        }
        for (DomainSysinfo s : d.getSysinfos()) {
            if (s.getType() != DomainSysinfoType.SMBIOS) {
                continue;
            }
            s.setBios(group(s.getBios(), BIOS));
            if (s.getBios() != null) {
                String date = value(s.getBios(), "date");
                if (date != null && !validDate(date)) {
                    throw new NormalizeException("Invalid BIOS 'date' format", s.getBios());
                }
            }
            s.setSystem(group(s.getSystem(), SYSTEM));
            if (s.getSystem() != null) {
                String uuid = value(s.getSystem(), "uuid");
                if (uuid != null) {
                    String canonical;
                    try {
                        canonical = UuidAdapter.canonical(uuid);
                    } catch (RuntimeException e) {
                        throw new NormalizeException("malformed <sysinfo> uuid element", s.getSystem());
                    }
                    if (uuidGenerated) {
                        d.setUuid(canonical);
                        uuidGenerated = false;
                    } else if (!canonical.equals(d.getUuid())) {
                        throw new NormalizeException("UUID mismatch between <uuid> and <sysinfo>", s.getSystem());
                    }
                    set(s.getSystem(), "uuid", canonical);
                }
            }
            groups(s.getBaseBoards(), BASE_BOARD);
            s.setChassis(group(s.getChassis(), CHASSIS));
            groups(s.getProcessors(), PROCESSOR);
            groups(s.getMemoryDevices(), MEMORY);
        }
        if (d.getUuid() == null) {
            d.setUuid(random.uuid());
        }
    }

    private static void groups(List<DomainSysinfoEntries> list, List<String> order) {
        list.replaceAll(g -> group(g, order));
        list.removeIf(g -> g == null);
    }

    /** The group with its known entries in libvirt's order, or null when it has none. */
    private static DomainSysinfoEntries group(DomainSysinfoEntries g, List<String> order) {
        if (g == null) {
            return null;
        }
        DomainSysinfoEntries out = new DomainSysinfoEntries();
        for (String name : order) {
            String v = value(g, name);
            if (v != null) {
                DomainSysinfoEntry e = new DomainSysinfoEntry();
                e.setName(name);
                e.setValue(v);
                out.getEntries().add(e);
            }
        }
        return out.getEntries().isEmpty() ? null : out;
    }

    /** The first entry of that name, empty text counting as none (libvirt's XPath string reads). */
    private static String value(DomainSysinfoEntries g, String name) {
        for (DomainSysinfoEntry e : g.getEntries()) {
            if (name.equals(e.getName())) {
                return e.getValue() == null || e.getValue().isEmpty() ? null : e.getValue();
            }
        }
        return null;
    }

    private static void set(DomainSysinfoEntries g, String name, String value) {
        for (DomainSysinfoEntry e : g.getEntries()) {
            if (name.equals(e.getName())) {
                e.setValue(value);
            }
        }
    }

    /** mm/dd/yy or mm/dd/yyyy (from 1900). */
    private static boolean validDate(String date) {
        String[] p = date.split("/", -1);
        if (p.length != 3) {
            return false;
        }
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            String s = p[i].trim();
            if (s.isEmpty() || !s.matches("[+-]?\\d+")) {
                return false;
            }
            try {
                v[i] = Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (!p[2].equals(p[2].stripTrailing())) {
            return false;
        }
        return v[0] >= 1 && v[0] <= 12 && v[1] >= 1 && v[1] <= 31 && v[2] >= 0 && !(v[2] >= 100 && v[2] < 1900);
    }
}
