package org.virtxml.qemu.qmp;

import java.util.Map;

/**
 * An asynchronous QMP event such as {@code SHUTDOWN}, {@code STOP}, {@code RESUME} or {@code DEVICE_DELETED}.
 *
 * @param name         the event name
 * @param data         the {@code data} member (empty when the event has none); an ordered, unmodifiable map
 * @param seconds      the {@code timestamp.seconds} QEMU sent
 * @param microseconds the {@code timestamp.microseconds} QEMU sent
 */
public record QmpEvent(String name, Map<String, Object> data, long seconds, long microseconds) {

    /** Copies {@code data} so that listeners cannot change what others see. */
    public QmpEvent {
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
