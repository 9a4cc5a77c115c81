package org.virtxml.qemu.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;

/**
 * A directory of persistent domain configs, one normalized {@code NAME.xml} per domain, as libvirt keeps them in
 * {@code /etc/libvirt/qemu}: each file starts with libvirt's "auto-generated file" comment and holds what
 * {@code virsh dumpxml --inactive} would print.
 *
 * <p>Rules (libvirt's, from {@code virDomainObjListAdd}): names and UUIDs are unique in a store; defining a name
 * that exists replaces its config, and the UUID must then be the existing one. Unlike libvirt, a document without
 * a {@code <uuid>} redefining an existing name takes over that name's UUID instead of being refused (libvirt would
 * generate a fresh UUID and then refuse it as a conflict), so configs written by hand can be redefined.
 *
 * <p>Concurrency and crashes: every change happens under an exclusive lock on {@code .virtxml-store.lock} in the
 * directory (so two {@code define}s cannot both take a name), and every file is replaced with
 * {@link AtomicFiles#write}: a process killed at any moment leaves the old or the new config, never a torn one.
 * Readers take no lock. A file that does not parse is reported by {@link #list()} as a broken entry, never fatal
 * to the listing.
 */
public final class DomainStore {
    /** The lock file serializing changes; not a config (does not end in {@code .xml}). */
    static final String LOCK_FILE = ".virtxml-store.lock";
    /** How long a change waits for another process's change to finish. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);
    /** Characters that make libvirt name the UUID rather than the name in the header (not shell-safe). */
    private static final String SHELL_UNSAFE = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~";

    private final Path dir;

    /** A store in {@code dir} (created on the first define). */
    public DomainStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * The default store: {@code $XDG_CONFIG_HOME/virtxml/qemu}, or {@code $HOME/.config/virtxml/qemu} when
     * XDG_CONFIG_HOME is unset or not absolute (the XDG base directory rule).
     */
    public static Path defaultDirectory(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base;
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = Path.of(home, ".config");
        }
        return base.resolve("virtxml").resolve("qemu");
    }

    /** The store's directory. */
    public Path directory() {
        return dir;
    }

    /** The config file of a domain name (whether or not it exists). */
    public Path fileOf(String name) {
        return dir.resolve(name + ".xml");
    }

    /**
     * Every config in the store, sorted by name (case-insensitively, as virsh sorts), broken files included as
     * entries with a {@link StoredDomain#problem()}. An absent directory is an empty store.
     */
    public List<StoredDomain> list() throws IOException {
        List<StoredDomain> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path p : ds) {
                String fn = p.getFileName().toString();
                if (AtomicFiles.isTemporary(fn) || !Files.isRegularFile(p)) {
                    continue;
                }
                out.add(read(p));
            }
        }
        out.sort(Comparator.comparing((StoredDomain s) -> s.name().toLowerCase(Locale.ROOT))
                .thenComparing(StoredDomain::name));
        return out;
    }

    /**
     * The config named {@code name}, or null when the store has none. A broken file of that name is returned as a
     * broken entry (callers report its problem).
     */
    public StoredDomain find(String name) throws IOException {
        if (!validFileName(name)) {
            return null;
        }
        Path p = fileOf(name);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        return read(p);
    }

    /** The config whose UUID is {@code uuid} (any letter case), or null. */
    public StoredDomain findByUuid(String uuid) throws IOException {
        for (StoredDomain s : list()) {
            if (s.ok() && s.uuid() != null && s.uuid().equalsIgnoreCase(uuid)) {
                return s;
            }
        }
        return null;
    }

    /** What {@link #define} did. */
    public record DefineResult(StoredDomain stored, boolean replaced) {
    }

    /**
     * Defines a domain: {@code normalize} turns the parsed document into its normalized config (it throws the
     * refusal when libvirt would refuse it); the config is stored as {@code NAME.xml}, replacing an existing
     * config of the same name and UUID.
     *
     * @throws DomainException when the name or UUID belongs to another domain, or the name cannot be a file name
     */
    public DefineResult define(Domain parsed, UnaryOperator<Domain> normalize) throws IOException, DomainException {
        checkName(parsed.getName());
        Files.createDirectories(dir);
        try (LockFile lock = lock()) {
            removeAbandonedTemporaries();
            StoredDomain existing = find(parsed.getName());
            if (parsed.getUuid() == null && existing != null && existing.ok()) {
                // keep the identity of the domain being redefined (see the class comment)
                parsed.setUuid(existing.uuid());
            }
            Domain config = normalize.apply(parsed);
            String name = config.getName();
            checkName(name);
            String uuid = config.getUuid();
            for (StoredDomain s : list()) {
                if (!s.ok()) {
                    continue;
                }
                if (s.uuid().equalsIgnoreCase(uuid) && !s.name().equals(name)) {
                    throw DomainException.operationFailed("domain '" + s.name() + "' is already defined with uuid "
                            + s.uuid());
                }
                if (s.name().equals(name) && !s.uuid().equalsIgnoreCase(uuid)) {
                    throw DomainException.operationFailed("domain '" + name + "' already exists with uuid "
                            + s.uuid());
                }
            }
            Path file = fileOf(name);
            boolean replaced = Files.exists(file);
            AtomicFiles.write(file, render(config).getBytes(StandardCharsets.UTF_8), AtomicFiles.PRIVATE);
            return new DefineResult(new StoredDomain(file, name, uuid, config, null), replaced);
        }
    }

    /**
     * Removes a domain's config.
     *
     * @throws DomainException when the store has no config of that name
     */
    public void undefine(String name) throws IOException, DomainException {
        try (LockFile lock = lock()) {
            if (!validFileName(name) || !Files.isRegularFile(fileOf(name))) {
                throw new DomainException("failed to get domain '" + name + "'");
            }
            Files.delete(fileOf(name));
            AtomicFiles.syncDirectory(dir);
        }
    }

    /** The file content libvirt writes for a config: its warning comment, then the XML. */
    public static String render(Domain config) {
        return header(config.getName(), config.getUuid()) + DomainXml.format(config);
    }

    /**
     * libvirt's warning comment: it names the domain in the {@code virsh edit} hint when the name is safe in a
     * shell and inside a comment, else the UUID, else nothing.
     */
    static String header(String name, String uuid) {
        String who = shellSafe(name) ? name : shellSafe(uuid) ? uuid : null;
        return "<!--\n"
                + "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
                + "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
                + "  virsh edit" + (who == null ? "" : " " + who) + "\n"
                + "or other application using the libvirt API.\n"
                + "-->\n\n";
    }

    private static boolean shellSafe(String s) {
        if (s == null || s.contains("--")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (SHELL_UNSAFE.indexOf(s.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private StoredDomain read(Path p) {
        String fn = p.getFileName().toString();
        String fileName = fn.substring(0, fn.length() - ".xml".length());
        Domain d;
        try {
            d = DomainXml.parse(SourceText.read(p));
        } catch (XmlInputException e) {
            Diagnostic diag = e.diagnostic();
            if (diag.path() == null || diag.path().isEmpty()) {
                diag = new Diagnostic(p.toString(), diag.line(), diag.column(), diag.message());
            }
            return new StoredDomain(p, fileName, null, null, diag.headline());
        } catch (RuntimeException e) {
            return new StoredDomain(p, fileName, null, null, p + ": error: cannot read the config: " + e);
        }
        if (d.getName() == null || d.getUuid() == null) {
            return new StoredDomain(p, fileName, null, null, p + ": error: the config has no "
                    + (d.getName() == null ? "<name>" : "<uuid>"));
        }
        if (!d.getName().equals(fileName)) {
            // libvirt skips such a file too (virDomainObjListLoadConfig)
            return new StoredDomain(p, fileName, null, null, p + ": error: Domain config filename '" + p
                    + "' does not match domain name '" + d.getName() + "'");
        }
        return new StoredDomain(p, d.getName(), d.getUuid(), d, null);
    }

    /**
     * Refuses names that cannot be a file in the store: libvirt refuses '/' (a path) and newlines; an empty name,
     * '.' and '..' would not name a file of their own.
     */
    static void checkName(String name) throws DomainException {
        if (name == null || name.isEmpty()) {
            throw new DomainException("missing domain name");
        }
        if (name.indexOf('/') >= 0) {
            throw new DomainException("name " + name + " cannot contain '/'");
        }
        if (name.indexOf('\n') >= 0) {
            throw new DomainException("XML error: invalid char in name: \n");
        }
        if (!validFileName(name)) {
            throw new DomainException("name '" + name + "' cannot be used as a file name in the store");
        }
    }

    private static boolean validFileName(String name) {
        return name != null && !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\0') < 0
                && !name.equals(".") && !name.equals("..") && !AtomicFiles.isTemporary(name + ".xml");
    }

    /** Removes temporary files of writers that were killed; only called under the lock, when no writer is busy. */
    private void removeAbandonedTemporaries() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*")) {
            for (Path p : ds) {
                if (AtomicFiles.isTemporary(p.getFileName().toString())) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (NoSuchFileException ignored) {
                        // gone already
                    }
                }
            }
        }
    }

    private LockFile lock() throws IOException, DomainException {
        Files.createDirectories(dir);
        return LockFile.acquire(dir.resolve(LOCK_FILE), LOCK_TIMEOUT,
                "the store " + dir + " is locked by another process", "the store lock");
    }
}
