package org.virtxml.caps;

/**
 * One property of a device type from {@code device-list-properties}.
 *
 * @param name         the property name
 * @param type         QEMU's type name ({@code bool}, {@code uint32}, {@code str}, {@code OnOffAuto}, ...)
 * @param defaultValue the {@code default-value} QEMU reported (Boolean, Long, String, ...), or null
 */
public record DeviceProperty(String name, String type, Object defaultValue) {
}
