package org.virtxml.qemu.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.virtxml.qemu.argv.RuntimePaths;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.LockFile;

/**
 * Where running domains of one store keep their runtime files, like libvirt's {@code /run/libvirt/qemu}:
 * <pre>
 * BASE/NAME.status            the domain's {@link DomainStatus} (kept after shut-off for the reason)
 * BASE/NAME.lock              serializes start, destroy and stale-state cleanup of the domain
 * BASE/NAME.log               QEMU's stdout/stderr and the supervisor's messages, appended per run
 * BASE/domain-ID-SHORT/       the domain's directory while it runs (RuntimePaths.libDir):
 *     monitor.sock            the QMP monitor the supervisor holds (libvirt's charmonitor)
 *     control.sock            a second QMP monitor, for virtxml commands
 *     master-key.aes          the secret-encryption key QEMU reads
 *     launch.json             what the supervisor runs
 *     channel/                channel sockets without a path
 * BASE/.next-id               the last domain id handed out
 * </pre>
 * BASE is {@code --runtime-dir} when given, else {@code /run/virtxml/qemu} for root, else
 * {@code $XDG_RUNTIME_DIR/virtxml/qemu} (or {@code /tmp/virtxml-UID/qemu}); a store other than the default one
 * gets {@code qemu-HASH} instead of {@code qemu}, so two stores never share runtime state. Unix socket paths are
 * limited to 107 bytes, hence the short per-domain directory name (libvirt's {@code domain-ID-SHORTNAME}).
 */
public final class RuntimeLayout {
    /** The QMP socket virtxml commands connect to. */
    public static final String CONTROL_SOCKET = "control.sock";
    /** The supervisor's instructions in the domain directory. */
    static final String LAUNCH_FILE = "launch.json";
    /** Created in the domain directory by destroy before it kills QEMU, so the end is recorded as destroyed. */
    static final String DESTROY_MARK = "destroying";
    /** The longest unix socket path Linux accepts (sun_path is 108 bytes with the terminating NUL). */
    static final int MAX_SOCKET_PATH = 107;
    /** How long an operation waits for another one on the same domain. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

    private final Path base;

    /** A layout rooted at {@code base}. */
    public RuntimeLayout(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    /**
     * The layout for a store: {@code override} when not null, else the default base directory for this user with
     * {@code qemu} (default store) or {@code qemu-HASH} (any other store).
     */
    public static RuntimeLayout forStore(Path storeDir, boolean defaultStore, Path override, Map<String, String> env) {
        if (override != null) {
            return new RuntimeLayout(override);
        }
        Path root;
        long uid = uid();
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (uid == 0) {
            root = Path.of("/run/virtxml");
        } else if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg))) {
            root = Path.of(xdg, "virtxml");
        } else {
            root = Path.of(System.getProperty("java.io.tmpdir"), "virtxml-" + uid);
        }
        return new RuntimeLayout(root.resolve(defaultStore ? "qemu" : "qemu-" + hash(storeDir)));
    }

    /** The base directory. */
    public Path base() {
        return base;
    }

    /** The status file of a domain. */
    public Path statusFile(String name) {
        return base.resolve(name + ".status");
    }

    /** The log of a domain. */
    public Path logFile(String name) {
        return base.resolve(name + ".log");
    }

    /** The lock file of a domain. */
    Path lockFile(String name) {
        return base.resolve(name + ".lock");
    }

    /** The directory a domain gets for the run with id {@code id}. */
    public Path domainDir(int id, String name) {
        return base.resolve("domain-" + id + "-" + RuntimePaths.shortName(name));
    }

    /** The command-line runtime paths of a domain directory. */
    public static RuntimePaths paths(Path domainDir, int id, String name) {
        return RuntimePaths.of(domainDir.toString(), domainDir.resolve("channel").toString(), id, name);
    }

    /** Creates the base directory (owner-only: it holds sockets that control the guests). */
    public void ensureBase() throws IOException {
        if (!Files.isDirectory(base)) {
            Files.createDirectories(base);
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Checks that sockets in {@code dir} fit in a unix socket address. */
    static void checkSocketPaths(Path dir) throws DomainException {
        int len = dir.resolve(CONTROL_SOCKET).toString().getBytes(StandardCharsets.UTF_8).length;
        if (len > MAX_SOCKET_PATH) {
            throw new DomainException("runtime directory " + dir + " is too deep for unix sockets (" + len
                    + " > " + MAX_SOCKET_PATH + " bytes); choose a shorter --runtime-dir");
        }
    }

    /** The names of domains that have a status file here. */
    public List<String> statusNames() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return names;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, "*.status")) {
            for (Path p : ds) {
                String fn = p.getFileName().toString();
                if (!fn.startsWith(".")) {
                    names.add(fn.substring(0, fn.length() - ".status".length()));
                }
            }
        }
        return names;
    }

    /** The next domain id (1, 2, ...), unique in this runtime directory. */
    int nextId() throws IOException, DomainException {
        ensureBase();
        try (LockFile l = lock(base.resolve(".next-id"))) {
            FileChannel ch = l.channel();
            ByteBuffer buf = ByteBuffer.allocate(32);
            ch.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            int last = 0;
            try {
                last = text.isEmpty() ? 0 : Integer.parseInt(text);
            } catch (NumberFormatException e) {
                last = 0; // a damaged counter restarts; ids only need to differ among running domains
            }
            int id = last >= Integer.MAX_VALUE - 1 ? 1 : last + 1;
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return id;
        }
    }

    /** Takes the lock of a domain, waiting at most {@link #LOCK_TIMEOUT}. */
    LockFile lockDomain(String name) throws IOException, DomainException {
        ensureBase();
        return lock(lockFile(name));
    }

    private static LockFile lock(Path file) throws IOException, DomainException {
        return LockFile.acquire(file, LOCK_TIMEOUT, "another virtxml command has held " + file, file.toString());
    }

    /** This process's user id (the owner of /proc/self). */
    static long uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    private static String hash(Path p) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(p.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
