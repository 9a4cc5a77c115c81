package org.virtxml.qemu.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.qemu.store.DomainException;

/**
 * Lifecycle against a real QEMU (TCG), without a guest kernel: the "guest" is a 512-byte boot sector that halts,
 * powers off (ACPI PM1a_CNT, port 0x604) or reboots (reset control register, port 0xcf9) right after SeaBIOS loads
 * it, which is enough to drive every lifecycle path in a second or two. Skipped where QEMU is not installed; the
 * end-to-end test of the {@code tests} module, which boots Linux, is the one that must run in CI.
 */
@Timeout(120)
class DomainRuntimeTest {
    static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    /** hlt; jmp back to hlt. */
    static final String HALT = "f4ebfd";
    /** mov dx,0x604; mov ax,0x2000 (SLP_EN, sleep type 0 = soft off); out dx,ax; then halt. */
    static final String POWEROFF = "ba0406b80020ef" + HALT;
    /** mov dx,0xcf9; mov al,6 (full reset); out dx,al; then halt. */
    static final String REBOOT = "baf90cb006ee" + HALT;

    @TempDir
    Path dir;

    private DomainRuntime runtime;
    private Launcher launcher;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(QEMU), "QEMU not installed");
        runtime = new DomainRuntime(new RuntimeLayout(dir.resolve("run")));
        launcher = new Launcher(runtime, CapsProvider.builtin(), null);
    }

    @AfterEach
    void killLeftovers() throws IOException {
        if (runtime == null) {
            return;
        }
        // a failed test must not leave QEMU or a supervisor behind
        for (String n : runtime.layout().statusNames()) {
            DomainStatus st = DomainStatus.read(runtime.layout().statusFile(n));
            if (st != null) {
                for (ProcessInfo p : new ProcessInfo[] {st.supervisor(), st.qemu()}) {
                    if (p != null && p.alive() && p.pid() != ProcessHandle.current().pid()) {
                        signal("-CONT", p);
                        p.signal(true);
                    }
                }
            }
        }
    }

    private Domain domain(String name, String bootCode, String onPoweroff, String onReboot) throws IOException {
        Path img = dir.resolve(name + ".img");
        byte[] sector = new byte[512];
        byte[] code = HexFormat.of().parseHex(bootCode);
        System.arraycopy(code, 0, sector, 0, code.length);
        sector[510] = 0x55;
        sector[511] = (byte) 0xaa;
        Files.write(img, sector);
        Domain d = DomainXml.parse("""
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>32</memory>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <features><acpi/></features>
                  <on_poweroff>%s</on_poweroff>
                  <on_reboot>%s</on_reboot>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <source file='%s'/>
                      <target dev='hda' bus='ide'/>
                    </disk>
                    <serial type='pty'/>
                    <console type='pty'/>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(name, onPoweroff, onReboot, img));
        return new Normalizer().normalize(d);
    }

    private DomainStatus start(Domain d, boolean paused) throws Exception {
        // a config file makes the domain persistent: its status stays after shut-off, with the reason
        Path config = dir.resolve("store").resolve(d.getName() + ".xml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, DomainXml.format(d));
        return launcher.start(d, config, new Launcher.Options(paused, false, Duration.ofSeconds(30)));
    }

    private DomainStatus status(String name) throws IOException {
        return DomainStatus.read(runtime.layout().statusFile(name));
    }

    /** Polls the inspection until {@code done} holds (at most 60 s). */
    private DomainRuntime.Inspection await(String name, boolean live, Predicate<DomainRuntime.Inspection> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            DomainRuntime.Inspection i = runtime.inspect(name, live);
            if (done.test(i)) {
                return i;
            }
            assertTrue(System.nanoTime() < deadline, "still " + i.state() + " (" + i.reason() + ")");
            Thread.sleep(50);
        }
    }

    private static void signal(String sig, ProcessInfo p) throws IOException {
        try {
            new ProcessBuilder("kill", sig, Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void startSuspendResumeDestroy() throws Exception {
        DomainStatus st = start(domain("vm", HALT, "destroy", "restart"), false);
        assertEquals(DomainState.RUNNING, st.state());
        assertEquals("booted", st.reason());
        assertTrue(st.id() > 0);
        Path domainDir = Path.of(st.dir());
        assertTrue(Files.exists(domainDir.resolve("master-key.aes")));
        assertEquals(32, Files.size(domainDir.resolve("master-key.aes")));
        ConsoleInfo console = runtime.console("vm", null);
        assertEquals("pty", console.type());
        assertTrue(Files.exists(Path.of(console.path())), console.path());
        assertTrue(runtime.liveXml("vm").contains("<console type='pty' tty='" + console.path() + "'>"));

        DomainException twice = assertThrows(DomainException.class, () -> start(domain("vm", HALT, "destroy",
                "restart"), false));
        assertEquals("Requested operation is not valid: domain is already running", twice.getMessage());

        runtime.suspend("vm");
        assertEquals(DomainState.PAUSED, status("vm").state(), "recorded before suspend returns");
        DomainRuntime.Inspection paused = runtime.inspect("vm", true);
        assertEquals(DomainState.PAUSED, paused.state());
        assertEquals("user", paused.reason());

        runtime.resume("vm");
        DomainRuntime.Inspection running = runtime.inspect("vm", true);
        assertEquals(DomainState.RUNNING, running.state());
        assertEquals("unpaused", running.reason());

        runtime.destroy("vm");
        DomainRuntime.Inspection off = runtime.inspect("vm", true);
        assertEquals(DomainState.SHUTOFF, off.state());
        assertEquals("destroyed", off.reason());
        assertFalse(Files.exists(domainDir), "runtime directory removed");
        assertFalse(st.qemu().alive());
        DomainException again = assertThrows(DomainException.class, () -> runtime.destroy("vm"));
        assertEquals("Requested operation is not valid: domain is not running", again.getMessage());
    }

    @Test
    void aDomainUndefinedWhileRunningIsForgottenWhenItStops() throws Exception {
        DomainStatus st = start(domain("fleeting", HALT, "destroy", "restart"), false);
        assertTrue(st.persistent());
        Files.delete(Path.of(st.config()));
        assertTrue(runtime.inspect("fleeting", true).active(), "still running, now transient");
        runtime.destroy("fleeting");
        assertEquals(null, status("fleeting"), "no status left for a transient domain");
        assertEquals(DomainState.SHUTOFF, runtime.inspect("fleeting", false).state());
    }

    @Test
    void guestPowerOffWithOnPoweroffDestroyShutsOff() throws Exception {
        start(domain("off", POWEROFF, "destroy", "restart"), false);
        DomainRuntime.Inspection i = await("off", false, x -> !x.active());
        assertEquals("shutdown", i.reason());
        assertTrue(i.notices().isEmpty(), i.notices().toString());
    }

    @Test
    void guestPowerOffWithOnPoweroffRestartResetsTheGuest() throws Exception {
        start(domain("again", POWEROFF, "restart", "restart"), false);
        Path log = runtime.layout().logFile("again");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countOf(log, "on_poweroff=restart: resetting the guest") < 2) {
            assertTrue(System.nanoTime() < deadline, "the guest was not restarted twice");
            Thread.sleep(100);
        }
        assertTrue(runtime.inspect("again", true).active());
        runtime.destroy("again");
    }

    @Test
    void guestRebootWithOnRebootDestroyShutsOff() throws Exception {
        start(domain("reboot", REBOOT, "destroy", "destroy"), false);
        DomainRuntime.Inspection i = await("reboot", false, x -> !x.active());
        assertEquals("shutdown", i.reason());
        assertTrue(Files.readString(runtime.layout().logFile("reboot")).contains("SHUTDOWN event (guest-reset)"));
    }

    @Test
    void qemuKilledIsRecordedAsCrashed() throws Exception {
        DomainStatus st = start(domain("crash", HALT, "destroy", "restart"), false);
        st.qemu().signal(true);
        DomainRuntime.Inspection i = await("crash", false, x -> !x.active());
        assertEquals("crashed", i.reason());
        assertTrue(i.status().error().contains("killed by signal 9"), i.status().error());
    }

    @Test
    void staleStatusIsCorrected() throws Exception {
        DomainStatus st = start(domain("stale", HALT, "destroy", "restart"), false);
        st.supervisor().signal(true);
        assertTrue(st.supervisor().awaitExit(Duration.ofSeconds(10)));
        st.qemu().signal(true);
        assertTrue(st.qemu().awaitExit(Duration.ofSeconds(10)));
        DomainRuntime.Inspection i = runtime.inspect("stale", false);
        assertEquals(DomainState.SHUTOFF, i.state());
        assertEquals(1, i.notices().size(), i.notices().toString());
        assertTrue(i.notices().get(0).contains("is no longer running and its supervisor"), i.notices().get(0));
        assertFalse(Files.exists(Path.of(st.dir())));
        assertEquals(DomainState.SHUTOFF, status("stale").state());
        assertTrue(runtime.inspect("stale", false).notices().isEmpty(), "corrected once, then quiet");
    }

    @Test
    void withoutItsSupervisorADomainIsStillControlled() throws Exception {
        DomainStatus st = start(domain("orphan", HALT, "destroy", "restart"), false);
        st.supervisor().signal(true);
        assertTrue(st.supervisor().awaitExit(Duration.ofSeconds(10)));
        runtime.suspend("orphan");
        assertEquals(DomainState.PAUSED, status("orphan").state());
        DomainRuntime.Inspection i = runtime.inspect("orphan", false);
        assertEquals(DomainState.PAUSED, i.state());
        assertTrue(i.notices().get(0).contains("its supervisor"), i.notices().toString());
        runtime.destroy("orphan");
        assertEquals(DomainState.SHUTOFF, status("orphan").state());
        assertEquals("destroyed", status("orphan").reason());
        assertFalse(Files.exists(Path.of(st.dir())));
    }

    @Test
    void aPowerOffNobodyHandledIsCarriedOutByTheNextCommand() throws Exception {
        DomainStatus st = start(domain("lazy", POWEROFF, "destroy", "restart"), true);
        st.supervisor().signal(true);
        assertTrue(st.supervisor().awaitExit(Duration.ofSeconds(10)));
        runtime.resume("lazy");
        // the guest powers off; with -no-shutdown QEMU waits in state 'shutdown' for someone to act
        DomainRuntime.Inspection i = await("lazy", true, x -> !x.active());
        assertEquals("shutdown", i.reason());
        assertFalse(st.qemu().alive());
        assertFalse(Files.exists(Path.of(st.dir())));
    }

    @Test
    void aHungMonitorIsReportedNotWaitedFor() throws Exception {
        DomainStatus st = start(domain("hung", HALT, "destroy", "restart"), false);
        signal("-STOP", st.qemu());
        try {
            long t0 = System.nanoTime();
            DomainRuntime.Inspection i = runtime.inspect("hung", true);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(seconds < DomainRuntime.MONITOR_TIMEOUT.toSeconds() + 5, seconds + " s");
            assertEquals(DomainState.RUNNING, i.state(), "the recorded state");
            assertTrue(i.notices().get(0).contains("did not answer on its monitor"), i.notices().toString());
            DomainException e = assertThrows(DomainException.class, () -> runtime.suspend("hung"));
            assertTrue(e.getMessage().contains("did not answer on its monitor"), e.getMessage());
        } finally {
            signal("-CONT", st.qemu());
        }
        runtime.destroy("hung");
        assertEquals(DomainState.SHUTOFF, runtime.inspect("hung", false).state());
    }

    @Test
    void aQemuThatCannotStartIsReportedWithItsOwnWords() throws Exception {
        Domain d = domain("broken", HALT, "destroy", "restart");
        Files.delete(dir.resolve("broken.img"));
        DomainException e = assertThrows(DomainException.class, () -> start(d, false));
        assertTrue(e.getMessage().contains("broken.img"), e.getMessage());
        DomainStatus st = status("broken");
        assertNotNull(st);
        assertEquals(DomainState.SHUTOFF, st.state());
        assertEquals("failed", st.reason());
        try (var files = Files.list(runtime.layout().base())) {
            List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("domain-"))
                    .toList();
            assertTrue(left.isEmpty(), "runtime directories left: " + left);
        }
    }

    @Test
    void aBridgedInterfaceGetsATapOnTheBridgeForTheRun() throws Exception {
        assumeTrue(RuntimeLayout.uid() == 0, "tap devices need root");
        String bridge = "vxtb" + ProcessHandle.current().pid() % 100000;
        assumeTrue(command("ip", "link", "add", bridge, "type", "bridge") == 0, "cannot create a bridge here");
        try {
            Domain d = domain("tapped", HALT, "destroy", "restart");
            Domain withNic = DomainXml.parse(DomainXml.format(d).replace("<memballoon", "<interface type='bridge'>"
                    + "<source bridge='" + bridge + "'/><model type='virtio'/></interface><memballoon"));
            DomainStatus st = start(new Normalizer().normalize(withNic), false);
            assertEquals(1, st.taps().size());
            String tap = st.taps().get(0);
            assertTrue(Files.exists(Path.of("/sys/class/net", tap, "brport")), tap + " is on the bridge");
            assertEquals(Path.of("/sys/class/net", bridge).toRealPath(),
                    Path.of("/sys/class/net", tap, "master").toRealPath());
            runtime.destroy("tapped");
            assertFalse(Files.exists(Path.of("/sys/class/net", tap)), "the tap goes with the domain");
        } finally {
            command("ip", "link", "delete", bridge);
        }
    }

    @Test
    void aStartThatCannotBePlumbedLeavesNothingBehind() throws Exception {
        Domain d = domain("unplumbed", HALT, "destroy", "restart");
        Domain withNic = new Normalizer().normalize(DomainXml.parse(DomainXml.format(d).replace("<memballoon",
                "<interface type='bridge'><source bridge='virtxml-no-br'/></interface><memballoon")));
        DomainException e = assertThrows(DomainException.class, () -> start(withNic, false));
        assertTrue(e.getMessage().contains("bridge 'virtxml-no-br' does not exist"), e.getMessage());
        assertEquals(null, status("unplumbed"));
        try (var files = Files.list(runtime.layout().base())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("domain-")));
        }
    }

    private static int command(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static int countOf(Path file, String needle) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file);
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
