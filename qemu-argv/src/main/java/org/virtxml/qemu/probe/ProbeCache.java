package org.virtxml.qemu.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.virtxml.caps.QemuCaps;
import org.virtxml.json.JsonException;

/**
 * Probed profiles of installed emulators, cached on disk under {@code $XDG_CACHE_HOME/virtxml/qemu-caps/} (default
 * {@code ~/.cache/virtxml/qemu-caps/}) and keyed by the binary's real path and modification time, so that a QEMU
 * upgrade invalidates the entry the way libvirt's own cache is invalidated by the binary's ctime.
 */
public final class ProbeCache {
    /** A way to probe an emulator when the cache has no valid entry. */
    @FunctionalInterface
    public interface Prober {
        /** Probes {@code emulator}. */
        QemuCaps probe(Path emulator) throws IOException;
    }

    private final Path dir;
    private final Prober prober;

    /** A cache in {@code dir} that fills itself with {@code prober}. */
    public ProbeCache(Path dir, Prober prober) {
        this.dir = dir;
        this.prober = prober;
    }

    /** The cache in the user's cache directory, probing with {@link QemuProber#forEmulator}. */
    public static ProbeCache standard() {
        return new ProbeCache(defaultDir(System.getenv()), e -> QemuProber.forEmulator(e).probe());
    }

    /** {@code $XDG_CACHE_HOME/virtxml/qemu-caps}, or {@code ~/.cache/virtxml/qemu-caps}. */
    public static Path defaultDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("virtxml").resolve("qemu-caps");
    }

    /** The profile of {@code emulator}: from the cache when the binary has not changed, else probed and stored. */
    public QemuCaps get(Path emulator) throws IOException {
        Path real = emulator.toRealPath();
        String id = idOf(real);
        long mtime = Files.getLastModifiedTime(real).toMillis();
        Path entry = dir.resolve(real.getFileName() + "-" + id + "-" + mtime + ".json");
        if (Files.isRegularFile(entry)) {
            try {
                return QemuCaps.load(entry);
            } catch (JsonException | IOException stale) {
                // written by another virtxml version, or damaged: probe again below
            }
        }
        QemuCaps caps = prober.probe(emulator);
        Files.createDirectories(dir);
        removeOlderEntries(real.getFileName() + "-" + id + "-", entry);
        Path tmp = Files.createTempFile(dir, ".probe", ".tmp");
        try {
            Files.writeString(tmp, caps.toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return caps;
    }

    /** The cache file an emulator would use now (for tests and diagnostics). */
    Path entryFor(Path emulator) throws IOException {
        Path real = emulator.toRealPath();
        return dir.resolve(real.getFileName() + "-" + idOf(real) + "-" + Files.getLastModifiedTime(real).toMillis()
                + ".json");
    }

    private void removeOlderEntries(String prefix, Path keep) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*.json")) {
            for (Path p : ds) {
                if (!p.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String idOf(Path real) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(real.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
