package org.virtxml.qemu.run;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.virtxml.json.Json;
import org.virtxml.model.DomainLifecycleAction;
import org.virtxml.qemu.qmp.QmpClient;
import org.virtxml.qemu.qmp.QmpEvent;
import org.virtxml.qemu.qmp.QmpEventListener;
import org.virtxml.qemu.qmp.QmpException;

/**
 * The one long-lived process of a running domain: virtxml has no daemon, so each domain gets a small supervisor
 * (this class's {@link #main}, started detached in its own session by {@link Launcher}) that does what libvirtd
 * does for it.
 *
 * <ul>
 * <li>It starts QEMU as its child (output appended to the domain's log, not piped through the supervisor, so
 * QEMU keeps running and logging if the supervisor dies), connects to the monitor, negotiates QMP, looks up the
 * consoles' ptys and sends {@code cont} (QEMU was started with {@code -S}, as libvirt starts it).</li>
 * <li>It holds the monitor for the domain's whole life and turns QMP events into the recorded state: STOP and
 * RESUME (paused/running, with the reason from {@code query-status}), SUSPEND/WAKEUP, and applies the lifecycle
 * actions as libvirt does: QEMU runs with {@code -no-shutdown}, so a guest power-off only stops it; on the
 * SHUTDOWN event the supervisor carries out {@code on_poweroff} ({@code destroy}: quit QEMU; {@code restart}:
 * {@code system_reset} + {@code cont}, libvirt's "fake reboot"); {@code on_reboot=destroy} is set up with
 * {@code set-action reboot=shutdown} so a guest reboot arrives as a SHUTDOWN too; GUEST_PANICKED carries out
 * {@code on_crash} (destroy, restart, preserve, coredump-*).</li>
 * <li>When QEMU exits it records why (guest shutdown, destroyed, crashed, failed), deletes tap devices and the
 * domain directory (sockets, master key), and exits. A transient domain's status file goes with it.</li>
 * </ul>
 *
 * <p>virtxml commands talk to QEMU over a second monitor ({@code control.sock}), not through the supervisor, so
 * suspend/resume/destroy work even when the supervisor is gone; commands that find the supervisor dead apply the
 * lifecycle actions themselves ({@link DomainRuntime}) and correct the recorded state.
 */
public final class Supervisor {
    /** How long QEMU gets to exit after {@code quit} (or SIGTERM) before the next, harder step. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final LaunchSpec spec;
    private final PrintStream log;
    private final Object statusLock = new Object();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "supervisor-events");
        t.setDaemon(true);
        return t;
    });
    private DomainStatus status;
    private Process qemu;
    private QmpClient qmp;
    /** Set when the supervisor itself decided QEMU must stop; the end is then recorded with this reason. */
    private volatile String endReason;
    /** Set while the supervisor's own {@code cont} is pending, so its RESUME keeps the reason it chose. */
    private volatile String ownResumeReason;
    /**
     * Set once the start-up sequence is complete: until then only the main thread records states, so the status
     * never says running before {@code cont} was answered (the launcher returns as soon as it does).
     */
    private volatile boolean started;
    /** The reason of the last SHUTDOWN event not initiated by the guest (QEMU was told to quit). */
    private volatile String hostShutdown;

    private Supervisor(LaunchSpec spec, PrintStream log) {
        this.spec = spec;
        this.log = log;
    }

    /** Runs the supervisor of the launch file {@code args[0]}; exits 0 when QEMU ran, 1 when it could not start. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Supervisor LAUNCH_FILE");
            System.exit(2);
        }
        LaunchSpec spec;
        try {
            spec = LaunchSpec.read(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("virtxml supervisor: " + e.getMessage());
            System.exit(1);
            return;
        }
        // stdout and stderr are the domain log already (the launcher redirects them)
        System.exit(new Supervisor(spec, System.out).run());
    }

    private int run() {
        try {
            status = DomainStatus.read(spec.statusFile());
        } catch (IOException e) {
            note("cannot read the status file: " + e.getMessage());
            return 1;
        }
        if (status == null) {
            note("no status file " + spec.statusFile() + "; nothing to supervise");
            return 1;
        }
        setStatus(status.withSupervisor(ProcessInfo.self()));
        note("starting QEMU for domain '" + spec.name() + "': " + shellWords(spec.argv()));
        long logStart = logSize();
        try {
            ProcessBuilder pb = new ProcessBuilder(spec.argv())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
            pb.environment().clear();
            pb.environment().putAll(spec.environment());
            pb.directory(new File("/"));
            log.flush();
            qemu = pb.start();
        } catch (IOException e) {
            return failStart("cannot run " + spec.argv().get(0) + ": " + e.getMessage());
        }
        ProcessInfo qemuInfo = ProcessInfo.of(qemu.pid()).orElse(new ProcessInfo(qemu.pid(), -1));
        setStatus(status.withQemu(qemuInfo));
        try {
            qmp = QmpClient.connector(spec.monitor()).connectTimeout(spec.timeout()).commandTimeout(spec.timeout())
                    .whileAlive(qemu::isAlive).deathReason(() -> exitDescription(logStart)).connect();
            qmp.addEventListener(new QmpEventListener() {
                @Override
                public void onEvent(QmpEvent event) {
                    worker.execute(() -> handle(event));
                }
            });
            if (spec.onReboot() == DomainLifecycleAction.DESTROY) {
                // libvirt's alternative to -no-reboot: a guest reboot becomes a SHUTDOWN event we act on
                qmp.execute("set-action", Json.obj("reboot", "shutdown"));
            }
            List<ConsoleInfo> consoles = consoles();
            synchronized (statusLock) {
                setStatus(status.withConsoles(consoles));
            }
            if (spec.paused()) {
                setState(DomainState.PAUSED, "user");
            } else {
                ownResumeReason = "booted";
                qmp.execute("cont");
                setState(DomainState.RUNNING, "booted");
            }
            started = true;
        } catch (QmpException e) {
            return failStart(e.getMessage());
        }
        note("domain '" + spec.name() + "' is " + status.state().text());
        int exit = waitForQemu();
        finish(exit, logStart);
        return 0;
    }

    /** Starts the vCPUs and records them running with {@code reason} (not the "unpaused" of a user's resume). */
    private void cont(String reason) throws QmpException {
        ownResumeReason = reason;
        qmp.execute("cont");
        setState(DomainState.RUNNING, reason);
    }

    /** The ptys and sockets of the consoles the launcher asked for, from {@code query-chardev}. */
    private List<ConsoleInfo> consoles() throws QmpException {
        List<ConsoleInfo> out = new ArrayList<>();
        if (spec.consoles().isEmpty()) {
            return out;
        }
        Object reply = qmp.execute("query-chardev");
        List<Object> chardevs = Json.asArray(reply, "query-chardev");
        for (Map.Entry<String, String> want : spec.consoles().entrySet()) {
            for (Object o : chardevs) {
                Map<String, Object> c = Json.asObject(o, "chardev");
                if (!want.getValue().equals(c.get("label"))) {
                    continue;
                }
                String filename = String.valueOf(c.get("filename"));
                if (filename.startsWith("pty:")) {
                    out.add(new ConsoleInfo(want.getKey(), want.getValue(), "pty", filename.substring(4)));
                } else if (filename.startsWith("unix:")) {
                    String path = filename.substring(5);
                    int comma = path.indexOf(',');
                    out.add(new ConsoleInfo(want.getKey(), want.getValue(), "unix",
                            comma < 0 ? path : path.substring(0, comma)));
                }
            }
        }
        return out;
    }

    /** One event, on the worker thread (events are handled in order, one at a time). */
    private void handle(QmpEvent ev) {
        try {
            switch (ev.name()) {
                case "STOP" -> {
                    if (started && endReason == null) {
                        refreshState("STOP");
                    }
                }
                case "RESUME" -> {
                    String own = ownResumeReason;
                    ownResumeReason = null;
                    if (started && endReason == null) {
                        setState(DomainState.RUNNING, own != null ? own : "unpaused");
                    }
                }
                case "SUSPEND" -> setState(DomainState.PMSUSPENDED, "unknown");
                case "WAKEUP" -> setState(DomainState.RUNNING, "event wakeup");
                case "SHUTDOWN" -> shutdownEvent(ev);
                case "GUEST_PANICKED" -> panicEvent(ev);
                case "RESET" -> note("guest reset (" + ev.data().getOrDefault("reason", "unknown") + ")");
                default -> {
                    // other events (DEVICE_DELETED, NIC_RX_FILTER_CHANGED, ...) do not change the state
                }
            }
        } catch (QmpException e) {
            note("handling " + ev.name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            note("internal error handling " + ev.name() + ": " + e);
        }
    }

    private void refreshState(String why) throws QmpException {
        Map<String, Object> st = Json.asObject(qmp.execute("query-status"), "query-status");
        DomainState.StateReason sr = DomainState.fromQemuStatus(String.valueOf(st.get("status")), status.reason());
        setState(sr.state(), sr.reason());
    }

    private void shutdownEvent(QmpEvent ev) throws QmpException {
        boolean guest = Boolean.TRUE.equals(ev.data().get("guest"));
        String reason = String.valueOf(ev.data().get("reason"));
        note("SHUTDOWN event (" + reason + ")");
        if (!guest) {
            // quit, SIGTERM, a UI close: QEMU exits by itself
            hostShutdown = reason;
            return;
        }
        if (endReason != null || "guest-panic".equals(reason)) {
            // already acting on this stop (a panic is handled by its GUEST_PANICKED event)
            return;
        }
        // a guest reboot arrives here only with on_reboot=destroy (set-action reboot=shutdown)
        DomainLifecycleAction action = "guest-reset".equals(reason) ? spec.onReboot() : spec.onPoweroff();
        if (action == DomainLifecycleAction.RESTART) {
            note("on_poweroff=restart: resetting the guest");
            qmp.execute("system_reset");
            cont("booted");
        } else {
            setState(DomainState.SHUTDOWN, "unknown");
            stopQemu("shutdown");
        }
    }

    private void panicEvent(QmpEvent ev) throws QmpException {
        note("guest panicked: " + Json.write(ev.data()));
        DomainLifecycleAction action = spec.onCrash();
        if (action == DomainLifecycleAction.COREDUMP_DESTROY || action == DomainLifecycleAction.COREDUMP_RESTART) {
            dumpGuestMemory();
        }
        switch (action) {
            case RESTART, COREDUMP_RESTART -> {
                qmp.execute("system_reset");
                cont("crashed");
            }
            case PRESERVE, RENAME_RESTART -> setState(DomainState.CRASHED, "panicked");
            case DESTROY, COREDUMP_DESTROY -> stopQemu("crashed");
        }
    }

    private void dumpGuestMemory() {
        try {
            Files.createDirectories(spec.dumpDir());
            Path dump = spec.dumpDir().resolve(spec.name() + "-" + Instant.now().getEpochSecond() + ".core");
            note("dumping the guest memory to " + dump);
            qmp.execute("dump-guest-memory", Json.obj("paging", false, "protocol", "file:" + dump),
                    Duration.ofMinutes(10));
        } catch (IOException e) {
            note("cannot dump the guest memory: " + e.getMessage());
        }
    }

    /** Makes QEMU exit: {@code quit}, then SIGTERM, then SIGKILL, each after a grace period. */
    private void stopQemu(String reason) {
        endReason = reason;
        try {
            qmp.execute("quit", null, STOP_GRACE);
        } catch (QmpException e) {
            // the monitor may close before the answer; the process checks below decide
        }
        try {
            if (qemu.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            note("QEMU did not quit; sending SIGTERM");
            qemu.destroy();
            if (qemu.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            note("QEMU ignored SIGTERM; sending SIGKILL");
            qemu.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            qemu.destroyForcibly();
        }
    }

    private int waitForQemu() {
        while (true) {
            try {
                return qemu.waitFor();
            } catch (InterruptedException e) {
                // only our own threads could interrupt; keep waiting for the child
            }
        }
    }

    /** QEMU is gone: record why, clean up, and (for a transient domain) forget it. */
    private void finish(int exit, long logStart) {
        try {
            worker.shutdown();
            worker.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (qmp != null) {
            qmp.close();
        }
        String reason;
        String error = null;
        if (Files.exists(spec.dir().resolve(RuntimeLayout.DESTROY_MARK))) {
            reason = "destroyed";
        } else if (endReason != null) {
            reason = endReason;
        } else if (hostShutdown != null) {
            // someone made QEMU quit without virtxml (a QMP quit, a signal): libvirt counts that as destroyed
            reason = "destroyed";
        } else {
            reason = "crashed";
            String tail = logTail(logStart);
            error = "QEMU exited unexpectedly (" + exitText(exit) + ")" + (tail.isEmpty() ? "" : ": " + tail);
        }
        note("QEMU " + exitText(exit) + "; domain '" + spec.name() + "' is shut off (" + reason + ")");
        cleanUp(spec.dir(), spec.taps(), this::note);
        synchronized (statusLock) {
            DomainStatus end = status.shutOff(reason, error);
            try {
                if (end.persistent()) {
                    end.write(spec.statusFile());
                } else {
                    Files.deleteIfExists(spec.statusFile());
                }
            } catch (IOException e) {
                note("cannot record the end: " + e.getMessage());
            }
            status = end;
        }
    }

    /**
     * Deletes a stopped domain's tap devices and runtime directory. Shared with {@link DomainRuntime}, which cleans
     * up after a supervisor that died.
     */
    static void cleanUp(Path dir, List<String> taps, java.util.function.Consumer<String> note) {
        for (String tap : taps) {
            try {
                TapDevices.delete(tap);
            } catch (IOException e) {
                note.accept("cannot delete tap device " + tap + ": " + e.getMessage());
            }
        }
        if (dir != null) {
            try {
                deleteTree(dir);
            } catch (IOException e) {
                note.accept("cannot remove " + dir + ": " + e.getMessage());
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    private int failStart(String why) {
        note("start failed: " + why);
        if (qemu != null && qemu.isAlive()) {
            qemu.destroyForcibly();
            try {
                qemu.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (qmp != null) {
            qmp.close();
        }
        cleanUp(spec.dir(), spec.taps(), this::note);
        synchronized (statusLock) {
            DomainStatus end = status.shutOff("failed", why);
            try {
                end.write(spec.statusFile());
            } catch (IOException e) {
                note("cannot record the failure: " + e.getMessage());
            }
            status = end;
        }
        return 1;
    }

    private void setState(DomainState st, String reason) {
        synchronized (statusLock) {
            if (status.state() == st && java.util.Objects.equals(status.reason(), reason)) {
                return;
            }
            setStatus(status.withState(st, reason));
        }
    }

    private void setStatus(DomainStatus s) {
        synchronized (statusLock) {
            status = s;
            try {
                s.write(spec.statusFile());
            } catch (IOException e) {
                note("cannot write the status file: " + e.getMessage());
            }
        }
    }

    private String exitDescription(long logStart) {
        if (qemu == null) {
            return null;
        }
        try {
            qemu.waitFor(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String tail = logTail(logStart);
        String st = qemu.isAlive() ? "QEMU (pid " + qemu.pid() + ") is still running"
                : "QEMU " + exitText(qemu.exitValue());
        return tail.isEmpty() ? st : st + ": " + tail;
    }

    /** "exited with status N", or "was killed by signal N" (a child killed by a signal reports 128 + N). */
    static String exitText(int exit) {
        return exit > 128 && exit < 128 + 65 ? "was killed by signal " + (exit - 128) : "exited with status " + exit;
    }

    /** A command as a shell would need it, for the log: words with special characters single-quoted. */
    static String shellWords(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (b.length() > 0) {
                b.append(' ');
            }
            if (!w.isEmpty() && w.matches("[A-Za-z0-9_@%+=:,./-]+")) {
                b.append(w);
            } else {
                b.append('\'').append(w.replace("'", "'\\''")).append('\'');
            }
        }
        return b.toString();
    }

    private long logSize() {
        try {
            return Files.size(spec.logFile());
        } catch (IOException e) {
            return 0;
        }
    }

    /** What QEMU wrote to the log since {@code from} (its last 2 KiB), on one line. */
    private String logTail(long from) {
        return LogTail.read(spec.logFile(), from, 2048);
    }

    private void note(String message) {
        synchronized (log) {
            log.println(Instant.now() + " virtxml: " + message);
            log.flush();
        }
    }

    /** Reads the end of a log. */
    static final class LogTail {
        private LogTail() {
        }

        /** The text after {@code from}, at most its last {@code max} bytes, whitespace runs folded to a space. */
        static String read(Path file, long from, int max) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long len = f.length();
                long start = Math.max(from, len - max);
                if (start >= len) {
                    return "";
                }
                byte[] b = new byte[(int) (len - start)];
                f.seek(start);
                f.readFully(b);
                StringBuilder out = new StringBuilder();
                for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
                    // our own notes are not what QEMU said
                    if (!line.isBlank() && !line.contains(" virtxml: ")) {
                        out.append(out.length() == 0 ? "" : " | ").append(line.strip());
                    }
                }
                return out.toString();
            } catch (IOException e) {
                return "";
            }
        }
    }
}
