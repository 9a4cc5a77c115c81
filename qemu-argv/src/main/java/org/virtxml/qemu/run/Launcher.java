package org.virtxml.qemu.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainLifecycleAction;
import org.virtxml.model.DomainXml;
import org.virtxml.model.devices.DomainChardevSource;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainConsole;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.qemu.argv.CommandLine;
import org.virtxml.qemu.argv.QemuArgv;
import org.virtxml.qemu.argv.RuntimePaths;
import org.virtxml.qemu.store.AtomicFiles;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.LockFile;

/**
 * {@code virtxml start}: prepares a domain's runtime directory (master key, socket paths), turns what needs
 * libvirt's plumbing into something QEMU can open itself ({@link NetPlumbing}), builds the command line with
 * that directory ({@link QemuArgv#build(Domain, RuntimePaths)}), adds virtxml's own monitor, and hands the run to
 * a detached {@link Supervisor}; it returns once the supervisor reports the domain running (or paused), or with the
 * reason it failed, never later than the start timeout.
 */
public final class Launcher {
    /** The chardev id of virtxml's second QMP monitor (the supervisor holds libvirt's {@code charmonitor}). */
    static final String CONTROL_CHARDEV = "charvirtxml";
    /** The libvirt master key is 32 random bytes ({@code QEMU_DOMAIN_MASTER_KEY_LEN}). */
    static final int MASTER_KEY_BYTES = 32;

    private final DomainRuntime runtime;
    private final CapsProvider caps;
    private final String path;

    /**
     * A launcher for domains of {@code runtime}; {@code caps} gives the emulator's profile, {@code path} the PATH
     * QEMU gets (null: a default).
     */
    public Launcher(DomainRuntime runtime, CapsProvider caps, String path) {
        this.runtime = runtime;
        this.caps = caps;
        this.path = path;
    }

    /**
     * How to start.
     *
     * @param paused  leave the vCPUs stopped ({@code start --paused})
     * @param userNet give bridged and network interfaces user-mode networking ({@code --user-net})
     * @param timeout how long QEMU may take to open its monitor, and each monitor command to answer
     */
    public record Options(boolean paused, boolean userNet, Duration timeout) {
    }

    /**
     * Starts a normalized domain and returns its status once it runs.
     *
     * @param configFile the domain's config in the store, or null for a transient domain ({@code start FILE})
     * @throws DomainException when it is already running, cannot be plumbed, or QEMU fails to start (the message
     *                         then carries what QEMU said)
     */
    public DomainStatus start(Domain config, Path configFile, Options opts) throws DomainException, IOException {
        RuntimeLayout layout = runtime.layout();
        String name = config.getName();
        layout.ensureBase();
        Process supervisor;
        Path statusFile = layout.statusFile(name);
        Path dir;
        try (LockFile lock = layout.lockDomain(name)) {
            DomainRuntime.Inspection now = runtime.inspectLocked(name, false);
            if (now.state().active()) {
                throw DomainException.operationInvalid("domain is already running");
            }
            int id = layout.nextId();
            dir = layout.domainDir(id, name);
            RuntimeLayout.checkSocketPaths(dir);
            List<String> taps = new ArrayList<>();
            DomainStatus starting;
            try {
                starting = prepare(config, configFile, opts, id, dir, taps);
            } catch (IOException | DomainException | RuntimeException e) {
                // nothing of a start that did not happen stays behind
                NetPlumbing.deleteQuietly(taps);
                Supervisor.deleteTree(dir);
                throw e;
            }
            try {
                supervisor = spawnSupervisor(dir.resolve(RuntimeLayout.LAUNCH_FILE), layout.logFile(name));
            } catch (IOException e) {
                NetPlumbing.deleteQuietly(taps);
                Supervisor.deleteTree(dir);
                starting.shutOff("failed", e.getMessage()).write(statusFile);
                throw new DomainException("cannot start the supervisor: " + e.getMessage(), e);
            }
        }
        DomainStatus st;
        try {
            st = awaitStarted(name, supervisor, opts.timeout().plus(Duration.ofSeconds(20)));
        } catch (DomainException e) {
            if (configFile == null) {
                // a transient domain that never ran leaves nothing behind but its log
                DomainStatus now = DomainStatus.read(statusFile);
                if (now != null && now.state() == DomainState.SHUTOFF) {
                    Files.deleteIfExists(statusFile);
                }
            }
            throw e;
        }
        // the live XML, as dumpxml shows a running domain: its id and the ptys QEMU allocated
        Files.writeString(dir.resolve("domain.xml"), liveXml(config, st.id(), st.consoles()), StandardCharsets.UTF_8);
        return st;
    }

    /**
     * Creates the domain directory (master key, channel directory), builds the command line with it, creates the
     * tap devices (adding their names to {@code taps} as they are made), and writes the launch file, the initial
     * live XML and the "starting up" status.
     */
    private DomainStatus prepare(Domain config, Path configFile, Options opts, int id, Path dir, List<String> taps)
            throws IOException, DomainException {
        RuntimeLayout layout = runtime.layout();
        String name = config.getName();
        Supervisor.deleteTree(dir);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        RuntimePaths paths = RuntimeLayout.paths(dir, id, name);
        Files.createDirectories(Path.of(paths.channelTargetDir()));
        writeMasterKey(Path.of(paths.masterKeyPath()));

        List<NetPlumbing.Nic> nics = NetPlumbing.plan(config, id, opts.userNet(), RuntimeLayout.uid() == 0);
        CommandLine cmd = new QemuArgv(caps, path).build(config, paths);
        List<String> argv = new ArrayList<>();
        argv.add(cmd.emulator());
        argv.addAll(NetPlumbing.rewrite(cmd.arguments(), nics));
        // virtxml commands' own monitor: QEMU serves one client per monitor, and the supervisor keeps the first
        argv.add("-chardev");
        argv.add("socket,id=" + CONTROL_CHARDEV + ",path=" + dir.resolve(RuntimeLayout.CONTROL_SOCKET)
                + ",server=on,wait=off");
        argv.add("-mon");
        argv.add("chardev=" + CONTROL_CHARDEV + ",id=virtxmlmon,mode=control");

        taps.addAll(NetPlumbing.createTaps(nics));
        Path statusFile = layout.statusFile(name);
        LaunchSpec spec = new LaunchSpec(name, argv, new LinkedHashMap<>(cmd.environment()), dir,
                Path.of(paths.monitorPath()), statusFile, layout.logFile(name), action(config.getOnPoweroff()),
                action(config.getOnReboot()), action(config.getOnCrash()), opts.paused(), consoles(config),
                List.copyOf(taps), layout.base().resolve("dump"), opts.timeout());
        spec.write(dir.resolve(RuntimeLayout.LAUNCH_FILE));
        Files.writeString(dir.resolve("domain.xml"), liveXml(config, id, List.of()), StandardCharsets.UTF_8);
        // until the supervisor records itself, this process answers for the run: if we die, the run is stale
        DomainStatus starting = new DomainStatus(name, config.getUuid(), id,
                configFile == null ? null : configFile.toAbsolutePath().toString(), DomainState.PAUSED,
                "starting up", dir.toString(), null, ProcessInfo.self(), List.of(), taps, null);
        starting.write(statusFile);
        return starting;
    }

    private DomainStatus awaitStarted(String name, Process supervisor, Duration timeout)
            throws DomainException, IOException {
        Path statusFile = runtime.layout().statusFile(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            DomainStatus st = DomainStatus.read(statusFile);
            if (st != null && st.state() == DomainState.SHUTOFF) {
                throw new DomainException(st.error() != null ? st.error() : "QEMU stopped during start-up; see "
                        + runtime.layout().logFile(name));
            }
            if (st != null && !"starting up".equals(st.reason())) {
                return st;
            }
            if (!supervisor.isAlive()) {
                st = DomainStatus.read(statusFile);
                if (st != null && st.state() != DomainState.SHUTOFF && !"starting up".equals(st.reason())) {
                    return st;
                }
                String why = st != null && st.error() != null ? st.error()
                        : "the supervisor exited with status " + supervisor.exitValue() + " before QEMU was running; "
                                + "see " + runtime.layout().logFile(name);
                throw new DomainException(why);
            }
            if (System.nanoTime() > deadline) {
                throw new DomainException("domain '" + name + "' was not running after " + timeout.toSeconds()
                        + " s; its supervisor (pid " + supervisor.pid() + ") is still trying; see "
                        + runtime.layout().logFile(name));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DomainException("interrupted while waiting for domain '" + name + "' to start", e);
            }
        }
    }

    /**
     * Starts the supervisor in a session of its own ({@code setsid}): it must outlive this command and must not get
     * the terminal's SIGINT/SIGHUP. Its output (and QEMU's) goes to the domain log.
     */
    private static Process spawnSupervisor(Path launchFile, Path logFile) throws IOException {
        List<String> cmd = new ArrayList<>();
        String setsid = findOnPath("setsid");
        if (setsid != null) {
            cmd.add(setsid);
        }
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // a small heap and the interpreter-friendly settings: it mostly waits
        cmd.addAll(List.of("-Xmx48m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1", "-Xshare:auto", "-Dvirtxml.role=supervisor"));
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(Supervisor.class.getName());
        cmd.add(launchFile.toString());
        return new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .directory(new File("/"))
                .start();
    }

    /** This JVM's class path with every entry absolute (the supervisor runs in {@code /}). */
    static String classPath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                out.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static String findOnPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Path.of(d, program).toString();
            }
        }
        return null;
    }

    private static void writeMasterKey(Path file) throws IOException {
        byte[] key = new byte[MASTER_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.deleteIfExists(file);
        Files.write(Files.createFile(file, PosixFilePermissions.asFileAttribute(AtomicFiles.PRIVATE)), key,
                StandardOpenOption.WRITE);
    }

    private static DomainLifecycleAction action(DomainLifecycleAction a) {
        return a == null ? DomainLifecycleAction.DESTROY : a;
    }

    /**
     * The consoles to find after start, as libvirt names them: serial ports are {@code serialN} on chardev
     * {@code charserialN}; the first console, when it is the first serial port (target type serial), is that
     * port; other consoles are {@code consoleN} on {@code charconsoleN}.
     */
    static Map<String, String> consoles(Domain d) {
        Map<String, String> out = new LinkedHashMap<>();
        if (d.getDevices() == null) {
            return out;
        }
        List<DomainSerial> serials = d.getDevices().getSerials();
        List<DomainConsole> consoles = d.getDevices().getConsoles();
        for (int i = 0; i < consoles.size(); i++) {
            DomainConsole c = consoles.get(i);
            boolean isSerial = i == 0 && !serials.isEmpty() && (c.getTarget() == null
                    || c.getTarget().getType() == null || "serial".equals(c.getTarget().getType()));
            out.put("console" + i, isSerial ? "charserial0" : "charconsole" + i);
        }
        for (int i = 0; i < serials.size(); i++) {
            out.put("serial" + i, "charserial" + i);
        }
        return out;
    }

    /** The config as dumpxml shows it running: with its id, and pty paths in serials and consoles. */
    static String liveXml(Domain config, int id, List<ConsoleInfo> found) {
        Domain live = DomainXml.parse(DomainXml.format(config));
        live.setId(id);
        if (live.getDevices() != null) {
            Map<String, String> ptys = new LinkedHashMap<>();
            for (ConsoleInfo c : found) {
                if ("pty".equals(c.type())) {
                    ptys.put(c.device(), c.path());
                }
            }
            List<DomainSerial> serials = live.getDevices().getSerials();
            for (int i = 0; i < serials.size(); i++) {
                DomainSerial s = serials.get(i);
                String pty = ptys.get("serial" + i);
                if (pty != null && s.getType() == DomainChardevType.PTY) {
                    setPty(s.getSources(), pty);
                }
            }
            List<DomainConsole> consoles = live.getDevices().getConsoles();
            for (int i = 0; i < consoles.size(); i++) {
                DomainConsole c = consoles.get(i);
                String pty = ptys.get("console" + i);
                if (pty != null && c.getType() == DomainChardevType.PTY) {
                    c.setTty(pty);
                    setPty(c.getSources(), pty);
                }
            }
        }
        return DomainXml.format(live);
    }

    private static void setPty(List<DomainChardevSource> sources, String pty) {
        if (sources.isEmpty()) {
            sources.add(new DomainChardevSource());
        }
        sources.get(0).setPath(pty);
    }
}
