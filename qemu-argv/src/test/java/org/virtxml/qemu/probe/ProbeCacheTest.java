package org.virtxml.qemu.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.caps.QemuCaps;

class ProbeCacheTest {
    @TempDir
    Path dir;

    @Test
    void probesOncePerBinaryVersion() throws Exception {
        Path bin = Files.writeString(dir.resolve("qemu-system-x86_64"), "#!/bin/sh\n");
        AtomicInteger probes = new AtomicInteger();
        ProbeCache cache = new ProbeCache(dir.resolve("cache"), e -> {
            probes.incrementAndGet();
            return QemuCaps.builtin();
        });
        QemuCaps first = cache.get(bin);
        assertEquals(QemuCaps.builtin().toJson(), first.toJson());
        cache.get(bin);
        assertEquals(1, probes.get(), "the second lookup is served from disk");
        Path entry = cache.entryFor(bin);
        assertTrue(Files.exists(entry));

        // a new binary (new mtime) is probed again and replaces the old entry
        Files.setLastModifiedTime(bin, FileTime.fromMillis(Files.getLastModifiedTime(bin).toMillis() + 60_000));
        cache.get(bin);
        assertEquals(2, probes.get());
        assertNotEquals(entry, cache.entryFor(bin));
        try (var s = Files.list(dir.resolve("cache"))) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".json")).count());
        }

        // a damaged entry is probed again rather than trusted
        Files.writeString(cache.entryFor(bin), "{broken");
        cache.get(bin);
        assertEquals(3, probes.get());
    }

    @Test
    void followsXdgCacheHome() {
        assertEquals(Path.of("/x/cache/virtxml/qemu-caps"), ProbeCache.defaultDir(Map.of("XDG_CACHE_HOME", "/x/cache")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "virtxml", "qemu-caps"),
                ProbeCache.defaultDir(Map.of("XDG_CACHE_HOME", "relative/ignored")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "virtxml", "qemu-caps"),
                ProbeCache.defaultDir(Map.of()));
    }
}
