package org.virtxml.qemu.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.virtxml.json.Json;
import org.virtxml.model.DomainLifecycleAction;
import org.virtxml.qemu.qmp.QmpClient;
import org.virtxml.qemu.qmp.QmpException;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.LockFile;

/**
 * The running side of a store's domains, for commands that start and exit: every answer is worked out from the
 * status file, the processes it names and, when needed, QEMU itself over the control monitor; nothing is cached
 * between commands.
 *
 * <p>Robustness rules: every wait is bounded (monitor connection and commands {@link #MONITOR_TIMEOUT}, process
 * exits {@link #KILL_GRACE}); a pid is trusted only with its start time ({@link ProcessInfo}); when QEMU is gone
 * and so is its supervisor, the status is stale: the command that notices cleans up (taps, runtime directory),
 * records the domain shut off, and says so in a {@link Inspection#notices() notice}. When the supervisor is gone
 * but QEMU runs, commands do its job: a guest that powered off (QEMU paused in state {@code shutdown} because of
 * {@code -no-shutdown}) gets its {@code on_poweroff} action from whichever command looks at it first.
 */
public final class DomainRuntime {
    /** How long a command waits to connect to QEMU's control monitor and for each answer. */
    public static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(5);
    /** How long a signalled process gets to exit. */
    static final Duration KILL_GRACE = Duration.ofSeconds(10);
    /** How long a command waits for a live supervisor to record a change (a state, its own cleanup). */
    static final Duration SUPERVISOR_GRACE = Duration.ofSeconds(15);

    private final RuntimeLayout layout;

    /** The runtime side of the domains whose runtime files are in {@code layout}. */
    public DomainRuntime(RuntimeLayout layout) {
        this.layout = layout;
    }

    /** Where the runtime files are. */
    public RuntimeLayout layout() {
        return layout;
    }

    /**
     * What a command found out about a domain.
     *
     * @param name    the domain
     * @param status  the status file's content after any correction, or null when there is none
     * @param state   the state
     * @param reason  the reason, as virsh prints it
     * @param notices what had to be corrected or could not be checked (to print as warnings)
     */
    public record Inspection(String name, DomainStatus status, DomainState state, String reason,
            List<String> notices) {
        /** Whether a QEMU process exists for the domain. */
        public boolean active() {
            return state.active();
        }

        /** The id of an active domain, -1 otherwise. */
        public int id() {
            return active() && status != null ? status.id() : -1;
        }
    }

    /**
     * The domain's state. With {@code live}, QEMU is asked ({@code query-status}) whenever it runs; without, the
     * state its supervisor recorded is trusted while the supervisor lives (QEMU is asked only when it does not).
     */
    public Inspection inspect(String name, boolean live) throws IOException, DomainException {
        DomainStatus st;
        try {
            st = DomainStatus.read(layout.statusFile(name));
        } catch (IOException e) {
            st = null;
        }
        if (st != null && st.state() != DomainState.SHUTOFF
                && (st.supervisor() == null || !st.supervisor().alive())) {
            // without a supervisor this command may have to repair or act: under the domain lock, so two
            // commands never clean up or act on the same run
            try (LockFile lock = layout.lockDomain(name)) {
                return inspectLocked(name, live);
            }
        }
        return inspectLocked(name, live);
    }

    /** {@link #inspect} for a caller that holds the domain lock (or needs no repair). */
    Inspection inspectLocked(String name, boolean live) throws IOException, DomainException {
        List<String> notices = new ArrayList<>();
        DomainStatus st;
        try {
            st = DomainStatus.read(layout.statusFile(name));
        } catch (IOException e) {
            notices.add(e.getMessage());
            return new Inspection(name, null, DomainState.NOSTATE, "unknown", notices);
        }
        if (st == null) {
            return new Inspection(name, null, DomainState.SHUTOFF, "unknown", notices);
        }
        if (st.state() == DomainState.SHUTOFF) {
            return new Inspection(name, st, DomainState.SHUTOFF, st.reason() == null ? "unknown" : st.reason(),
                    notices);
        }
        boolean qemuAlive = st.qemu() != null && st.qemu().alive();
        boolean supervisorAlive = st.supervisor() != null && st.supervisor().alive();
        if (!qemuAlive && supervisorAlive) {
            // starting up, or QEMU just exited and the supervisor is recording it
            if (st.qemu() == null) {
                return new Inspection(name, st, st.state(), st.reason(), notices);
            }
            DomainStatus later = awaitSupervisorEnd(name, st);
            if (later == null || later.state() == DomainState.SHUTOFF) {
                return later == null ? new Inspection(name, null, DomainState.SHUTOFF, "unknown", notices)
                        : new Inspection(name, later, DomainState.SHUTOFF, later.reason(), notices);
            }
            st = later;
            supervisorAlive = st.supervisor() != null && st.supervisor().alive();
        }
        if (!qemuAlive) {
            String what = st.qemu() == null ? "it was being started by process " + pidOf(st.supervisor())
                    + ", which is gone"
                    : "QEMU (pid " + st.qemu().pid() + ") is no longer running and its supervisor"
                            + (st.supervisor() == null ? "" : " (pid " + st.supervisor().pid() + ")") + " is gone";
            DomainStatus end = st.shutOff("unknown", "stale state: " + what);
            Supervisor.cleanUp(st.dir() == null ? null : Path.of(st.dir()), st.taps(), notices::add);
            writeEnd(name, end);
            notices.add("domain '" + name + "': " + what + "; cleaned up its runtime files and marked it shut off");
            return new Inspection(name, end.persistent() ? end : null, DomainState.SHUTOFF, "unknown", notices);
        }
        if (!supervisorAlive) {
            notices.add("domain '" + name + "': its supervisor" + (st.supervisor() == null ? ""
                    : " (pid " + st.supervisor().pid() + ")") + " is gone; QEMU (pid " + st.qemu().pid()
                    + ") still runs and virtxml commands act for the supervisor");
            live = true;
        }
        if (!live) {
            return new Inspection(name, st, st.state(), st.reason(), notices);
        }
        return liveState(name, st, supervisorAlive, notices);
    }

    private Inspection liveState(String name, DomainStatus st, boolean supervisorAlive, List<String> notices)
            throws IOException, DomainException {
        Map<String, Object> qs;
        try (QmpClient qmp = connect(st)) {
            qs = Json.asObject(qmp.execute("query-status"), "query-status");
            String status = String.valueOf(qs.get("status"));
            DomainState.StateReason sr = DomainState.fromQemuStatus(status, st.reason());
            if ("shutdown".equals(status) && !supervisorAlive) {
                // the guest powered off and nobody acted on it: carry out on_poweroff now
                return poweroffAction(name, st, qmp, notices);
            }
            if (sr.state() == st.state()) {
                sr = new DomainState.StateReason(sr.state(), st.reason());
            } else if (!supervisorAlive) {
                writeStatus(name, st.withState(sr.state(), sr.reason()));
            }
            return new Inspection(name, st, sr.state(), sr.reason(), notices);
        } catch (QmpException.Closed e) {
            // QEMU exited between the checks: look again (the supervisor or the stale path records it)
            if (!st.qemu().alive()) {
                return inspectLocked(name, false);
            }
            notices.add("domain '" + name + "': " + e.getMessage());
            return new Inspection(name, st, st.state(), st.reason(), notices);
        } catch (QmpException e) {
            notices.add(monitorFailure(name, st, e).getMessage() + "; showing the state recorded at "
                    + layout.statusFile(name));
            return new Inspection(name, st, st.state(), st.reason(), notices);
        }
    }

    private Inspection poweroffAction(String name, DomainStatus st, QmpClient qmp, List<String> notices)
            throws IOException, DomainException {
        LaunchSpec spec = LaunchSpec.read(Path.of(st.dir(), RuntimeLayout.LAUNCH_FILE));
        if (spec.onPoweroff() == DomainLifecycleAction.RESTART) {
            qmp.execute("system_reset");
            qmp.execute("cont");
            DomainStatus running = st.withState(DomainState.RUNNING, "booted");
            writeStatus(name, running);
            notices.add("domain '" + name + "': the guest had powered off; restarted it (on_poweroff=restart)");
            return new Inspection(name, running, DomainState.RUNNING, "booted", notices);
        }
        try {
            qmp.execute("quit", null, MONITOR_TIMEOUT);
        } catch (QmpException e) {
            // QEMU closes the monitor as it quits
        }
        killAndWait(st.qemu());
        DomainStatus end = st.shutOff("shutdown", null);
        Supervisor.cleanUp(Path.of(st.dir()), st.taps(), notices::add);
        writeEnd(name, end);
        notices.add("domain '" + name + "': the guest had powered off; stopped QEMU (on_poweroff=destroy)");
        return new Inspection(name, end.persistent() ? end : null, DomainState.SHUTOFF, "shutdown", notices);
    }

    /** The names of domains with a status file whose domain is active (running, paused, ...). */
    public List<Inspection> active(boolean live) throws IOException, DomainException {
        List<Inspection> out = new ArrayList<>();
        for (String n : layout.statusNames()) {
            Inspection i = inspect(n, live);
            if (i.active() || !i.notices().isEmpty()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Stops the vCPUs ({@code virsh suspend}). */
    public void suspend(String name) throws IOException, DomainException {
        Inspection i = requireActive(name);
        try (QmpClient qmp = connect(i.status())) {
            qmp.execute("stop");
        } catch (QmpException e) {
            throw monitorFailure(name, i.status(), e);
        }
        awaitRecorded(name, DomainState.PAUSED, "user");
    }

    /** Starts the vCPUs again ({@code virsh resume}). */
    public void resume(String name) throws IOException, DomainException {
        Inspection i = requireActive(name);
        try (QmpClient qmp = connect(i.status())) {
            qmp.execute("cont");
        } catch (QmpException e) {
            throw monitorFailure(name, i.status(), e);
        }
        awaitRecorded(name, DomainState.RUNNING, "unpaused");
    }

    /**
     * Asks the guest to power off (ACPI power button, {@code system_powerdown}). With a {@code timeout}, waits
     * that long for the domain to be shut off and destroys it if it is not; returns true when it had to.
     */
    public boolean shutdown(String name, Duration timeout) throws IOException, DomainException {
        Inspection i = requireActive(name);
        try (QmpClient qmp = connect(i.status())) {
            qmp.execute("system_powerdown");
        } catch (QmpException e) {
            throw monitorFailure(name, i.status(), e);
        }
        if (timeout == null) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Inspection now = inspect(name, false);
            if (!now.active()) {
                return false;
            }
            if (now.status() != null && (now.status().supervisor() == null || !now.status().supervisor().alive())) {
                // nobody else will act on the guest's power-off: look at QEMU (and act) ourselves
                now = inspect(name, true);
                if (!now.active()) {
                    return false;
                }
            }
            sleep(100);
        }
        destroy(name);
        return true;
    }

    /**
     * Stops QEMU at once ({@code virsh destroy}): SIGTERM, then SIGKILL after {@link #KILL_GRACE}; the end is
     * recorded as {@code destroyed}.
     */
    public void destroy(String name) throws IOException, DomainException {
        Inspection i = requireActive(name);
        DomainStatus st = i.status();
        if (st.dir() != null) {
            try {
                Files.writeString(Path.of(st.dir(), RuntimeLayout.DESTROY_MARK), "");
            } catch (IOException e) {
                // the directory went with a QEMU that just exited; the process checks below still run
            }
        }
        if (st.qemu() != null) {
            killAndWait(st.qemu());
        }
        if (st.supervisor() != null && st.supervisor().alive()) {
            DomainStatus end = awaitSupervisorEnd(name, st);
            if (end == null || end.state() == DomainState.SHUTOFF) {
                return;
            }
        }
        // no supervisor to record it: do its cleanup
        try (LockFile lock = layout.lockDomain(name)) {
            DomainStatus now = DomainStatus.read(layout.statusFile(name));
            if (now == null || now.state() == DomainState.SHUTOFF) {
                return;
            }
            Supervisor.cleanUp(now.dir() == null ? null : Path.of(now.dir()), now.taps(), m -> { });
            writeEnd(name, now.shutOff("destroyed", null));
        }
    }

    /**
     * The console of a running domain: the one named {@code device} ({@code serial0}, {@code console0}), or the
     * first console (else the first serial port) when null.
     */
    public ConsoleInfo console(String name, String device) throws IOException, DomainException {
        Inspection i = requireActive(name);
        List<ConsoleInfo> cs = i.status().consoles();
        if (device == null) {
            for (String pick : List.of("console0", "serial0")) {
                for (ConsoleInfo c : cs) {
                    if (c.device().equals(pick)) {
                        return c;
                    }
                }
            }
            if (!cs.isEmpty()) {
                return cs.get(0);
            }
            throw DomainException.operationFailed("cannot find default console device");
        }
        for (ConsoleInfo c : cs) {
            if (c.device().equals(device)) {
                return c;
            }
        }
        throw DomainException.operationFailed("cannot find character device " + device);
    }

    /** The live XML of a running domain (its config with id and ptys), or null when it has none. */
    public String liveXml(String name) throws IOException, DomainException {
        Inspection i = inspect(name, false);
        if (!i.active() || i.status() == null || i.status().dir() == null) {
            return null;
        }
        Path f = Path.of(i.status().dir(), "domain.xml");
        return Files.isRegularFile(f) ? Files.readString(f) : null;
    }

    /**
     * Forgets a domain's last shut-off state (its config was undefined: libvirt forgets an inactive domain it no
     * longer has a config for). A running domain is left alone: it is transient from now on.
     */
    public void forgetInactive(String name) throws IOException, DomainException {
        try (LockFile lock = layout.lockDomain(name)) {
            DomainStatus st = DomainStatus.read(layout.statusFile(name));
            if (st != null && st.state() == DomainState.SHUTOFF) {
                Files.deleteIfExists(layout.statusFile(name));
            }
        }
    }

    private Inspection requireActive(String name) throws IOException, DomainException {
        Inspection i = inspect(name, false);
        if (!i.active() || i.status() == null) {
            throw DomainException.operationInvalid("domain is not running");
        }
        if ("starting up".equals(i.reason())) {
            throw DomainException.operationInvalid("domain is being started");
        }
        return i;
    }

    /** Connects to the control monitor of a running domain. */
    QmpClient connect(DomainStatus st) throws QmpException {
        Path socket = st.controlSocket();
        if (socket == null || st.qemu() == null) {
            throw new QmpException("domain '" + st.name() + "' has no control monitor");
        }
        ProcessInfo q = st.qemu();
        return QmpClient.connector(socket).connectTimeout(MONITOR_TIMEOUT).commandTimeout(MONITOR_TIMEOUT)
                .whileAlive(q::alive).deathReason(() -> q.alive() ? null : "QEMU (pid " + q.pid() + ") exited")
                .connect();
    }

    private DomainException monitorFailure(String name, DomainStatus st, QmpException e) {
        if (e instanceof QmpException.Timeout) {
            return new DomainException("QEMU (pid " + st.qemu().pid() + ") of domain '" + name
                    + "' did not answer on its monitor " + st.controlSocket() + " within "
                    + MONITOR_TIMEOUT.toSeconds() + " s (another virtxml command may be using it, or QEMU hangs)", e);
        }
        if (e instanceof QmpException.CommandFailed cf) {
            return DomainException.operationFailed(cf.description());
        }
        return new DomainException("domain '" + name + "': " + e.getMessage(), e);
    }

    /**
     * After a command changed the state: waits until the status file shows it (the supervisor records it from the
     * event), or records it ourselves when there is no supervisor, so the next command reads what this one did.
     */
    private void awaitRecorded(String name, DomainState state, String reason) throws IOException, DomainException {
        long deadline = System.nanoTime() + SUPERVISOR_GRACE.toNanos();
        while (true) {
            DomainStatus st = DomainStatus.read(layout.statusFile(name));
            if (st == null || st.state() == state || !st.state().active()) {
                return;
            }
            if (st.supervisor() == null || !st.supervisor().alive() || System.nanoTime() > deadline) {
                try (LockFile lock = layout.lockDomain(name)) {
                    DomainStatus now = DomainStatus.read(layout.statusFile(name));
                    if (now != null && now.state().active() && now.state() != state) {
                        writeStatus(name, now.withState(state, reason));
                    }
                }
                return;
            }
            sleep(20);
        }
    }

    /** Waits for a live supervisor to record the end of its QEMU; returns the status then (null: removed). */
    private DomainStatus awaitSupervisorEnd(String name, DomainStatus st) throws IOException {
        long deadline = System.nanoTime() + SUPERVISOR_GRACE.toNanos();
        DomainStatus now = st;
        while (System.nanoTime() < deadline) {
            now = DomainStatus.read(layout.statusFile(name));
            if (now == null || now.state() == DomainState.SHUTOFF) {
                return now;
            }
            if (now.supervisor() == null || !now.supervisor().alive()) {
                return now;
            }
            if (!Objects.equals(now.qemu(), st.qemu()) && now.qemu() != null && now.qemu().alive()) {
                return now; // a new run
            }
            sleep(20);
        }
        return now;
    }

    private static void killAndWait(ProcessInfo qemu) throws DomainException {
        if (!qemu.alive()) {
            return;
        }
        qemu.signal(false);
        if (qemu.awaitExit(KILL_GRACE)) {
            return;
        }
        qemu.signal(true);
        if (!qemu.awaitExit(KILL_GRACE)) {
            throw new DomainException("QEMU (pid " + qemu.pid() + ") did not exit after SIGKILL within "
                    + KILL_GRACE.toSeconds() + " s (stuck in the kernel?)");
        }
    }

    private void writeStatus(String name, DomainStatus st) throws IOException {
        st.write(layout.statusFile(name));
    }

    /** Records a run's end: persistent domains keep a shut-off status (for the reason), transient ones vanish. */
    private void writeEnd(String name, DomainStatus end) throws IOException {
        if (end.persistent()) {
            end.write(layout.statusFile(name));
        } else {
            Files.deleteIfExists(layout.statusFile(name));
        }
    }

    private static String pidOf(ProcessInfo p) {
        return p == null ? "?" : Long.toString(p.pid());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
