package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.List;

/**
 * libvirt's {@code key=value,...} option form, for the options it still builds as text with QEMU 7.2
 * ({@code -machine}, {@code -name}, {@code -smp}, {@code -numa}, {@code -chardev}, {@code -global}, {@code -rtc},
 * {@code -spice}, {@code -drive}, ...). Values are escaped as libvirt's {@code virQEMUBuildBufferEscapeComma}
 * escapes user-provided strings: a comma is doubled, so QEMU's option parser reads it as part of the value.
 * A part may be a bare word (the backend type of {@code -chardev socket,...}, the machine type, a vCPU count).
 */
public final class KeyValue implements OptionValue {
    private final List<String> parts = new ArrayList<>();

    private KeyValue() {
    }

    /** An empty list; the first part added is written first. */
    public static KeyValue create() {
        return new KeyValue();
    }

    /** A list starting with a bare word, comma-escaped ({@code socket}, {@code pc-i440fx-7.2}). */
    public static KeyValue of(String first) {
        return new KeyValue().bare(first);
    }

    /** Appends a bare word, comma-escaped. */
    public KeyValue bare(String word) {
        parts.add(escape(word));
        return this;
    }

    /** Appends {@code key=value} with the value comma-escaped; nothing when {@code value} is null. */
    public KeyValue add(String key, Object value) {
        if (value != null) {
            parts.add(key + "=" + escape(String.valueOf(value)));
        }
        return this;
    }

    /** Appends {@code key=on} or {@code key=off}; nothing when {@code value} is null. */
    public KeyValue onOff(String key, Boolean value) {
        if (value != null) {
            parts.add(key + "=" + (value ? "on" : "off"));
        }
        return this;
    }

    /** Appends a preformatted part as is (libvirt's own fixed text, never user input). */
    public KeyValue raw(String part) {
        parts.add(part);
        return this;
    }

    /** Whether no part was added. */
    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The parts, escaped, in order. */
    public List<String> parts() {
        return List.copyOf(parts);
    }

    /** Doubles commas, as virQEMUBuildBufferEscapeComma does. */
    public static String escape(String s) {
        return s.indexOf(',') < 0 ? s : s.replace(",", ",,");
    }

    @Override
    public String text() {
        return String.join(",", parts);
    }

    @Override
    public String toString() {
        return text();
    }
}
