package org.virtxml.qemu.argv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.json.JsonWriter;

/**
 * A JSON object of QEMU properties, in insertion order, as libvirt builds it with {@code virJSONValueObjectAdd}:
 * the value of {@code -device}, {@code -object}, {@code -blockdev}, {@code -netdev} and {@code -audiodev} with
 * QEMU 7.2. The typed adders follow libvirt's conventions so sections read like the option they build: absent
 * (null) values are skipped, "p:" numbers are written only when positive, "T:"/"B:" tristates and booleans
 * become JSON booleans. Values may be strings, numbers, booleans, nested {@link Props}, maps and lists.
 */
public final class Props implements OptionValue {
    private static final JsonWriter JSON = JsonWriter.compact();

    private final LinkedHashMap<String, Object> members = new LinkedHashMap<>();

    /** An empty object. */
    public Props() {
    }

    /** An object starting with one string member ({@code driver}, {@code qom-type}, {@code node-name}). */
    public static Props of(String key, String value) {
        return new Props().str(key, value);
    }

    /** A {@code -object} value: {@code qom-type} then {@code id}, as qemuMonitorCreateObjectProps starts it. */
    public static Props object(String qomType, String id) {
        return new Props().str("qom-type", qomType).str("id", id);
    }

    /** Adds a string member unless {@code value} is null ("S:" and "s:" in libvirt). */
    public Props str(String key, String value) {
        if (value != null) {
            members.put(key, value);
        }
        return this;
    }

    /** Adds a number member unless null. */
    public Props num(String key, Number value) {
        if (value != null) {
            members.put(key, value);
        }
        return this;
    }

    /** Adds a number only when it is positive ("p:" / "P:" in libvirt: zero means unset). */
    public Props positive(String key, Number value) {
        if (value != null && value.longValue() > 0) {
            members.put(key, value);
        }
        return this;
    }

    /** Adds a boolean member ("b:" in libvirt). */
    public Props bool(String key, boolean value) {
        members.put(key, value);
        return this;
    }

    /** Adds a boolean member unless null ("T:" tristate in libvirt: absent stays absent). */
    public Props bool(String key, Boolean value) {
        if (value != null) {
            members.put(key, value);
        }
        return this;
    }

    /** Adds a boolean member only when true ("B:" in libvirt). */
    public Props trueOnly(String key, boolean value) {
        if (value) {
            members.put(key, true);
        }
        return this;
    }

    /** Adds a nested object, list or other JSON value unless null ("A:"/"a:" in libvirt). */
    public Props value(String key, Object value) {
        if (value != null) {
            members.put(key, value instanceof Props p ? p.members : value);
        }
        return this;
    }

    /** Adds a JSON {@code null} member (libvirt's virJSONValueObjectAppendNull, e.g. {@code "backing":null}). */
    public Props nullMember(String key) {
        members.put(key, null);
        return this;
    }

    /** Appends all members of {@code other} (later keys replace earlier ones in place). */
    public Props addAll(Props other) {
        members.putAll(other.members);
        return this;
    }

    /** Removes a member, returning whether it was there. */
    public boolean remove(String key) {
        return members.remove(key) != null;
    }

    /** The value of a member, or null. */
    public Object get(String key) {
        return members.get(key);
    }

    /** The string value of a member, or null when absent or not a string. */
    public String getString(String key) {
        return members.get(key) instanceof String s ? s : null;
    }

    /** Whether a member is present. */
    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** A read-only view of the members, in order. */
    public Map<String, Object> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    /** A list value for {@link #value}: libvirt's JSON arrays. */
    public static List<Object> array(Object... items) {
        return List.of(items);
    }

    /** The compact libvirt-style JSON text ({@code {"driver":"virtio-blk-pci","id":"virtio-disk0"}}). */
    @Override
    public String text() {
        return JSON.write(members);
    }

    @Override
    public String toString() {
        return text();
    }
}
