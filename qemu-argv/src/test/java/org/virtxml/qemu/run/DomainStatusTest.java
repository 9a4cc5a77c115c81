package org.virtxml.qemu.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status files round-trip; pids are checked with their start time; QEMU run states map as libvirt maps them. */
class DomainStatusTest {
    @TempDir
    Path dir;

    @Test
    void roundTrips() throws IOException {
        DomainStatus st = new DomainStatus("vm", "11111111-2222-3333-4444-555555555555", 7, "/no/such/vm.xml",
                DomainState.PAUSED, "user", "/run/x/domain-7-vm", new ProcessInfo(100, 200), new ProcessInfo(101, 201),
                List.of(new ConsoleInfo("console0", "charserial0", "pty", "/dev/pts/9")), List.of("vxml7n0"), null);
        Path f = dir.resolve("vm.status");
        st.write(f);
        assertEquals(st, DomainStatus.read(f));
        assertFalse(st.persistent(), "no config file, no persistence");
        assertEquals(Path.of("/run/x/domain-7-vm/control.sock"), st.controlSocket());
        DomainStatus off = st.shutOff("destroyed", null);
        assertEquals(DomainState.SHUTOFF, off.state());
        assertNull(off.qemu());
        assertTrue(off.taps().isEmpty());
        assertNull(DomainStatus.read(dir.resolve("none.status")));
    }

    @Test
    void aDamagedStatusFileIsAnError() throws IOException {
        Path f = dir.resolve("bad.status");
        Files.writeString(f, "{\"name\":\"bad\",\"state\":\"dancing\"}");
        IOException e = assertThrows(IOException.class, () -> DomainStatus.read(f));
        assertTrue(e.getMessage().contains("not a virtxml status file"), e.getMessage());
    }

    @Test
    void aPidIsAliveOnlyWithItsStartTime() {
        ProcessInfo self = ProcessInfo.self();
        assertTrue(self.alive());
        assertFalse(new ProcessInfo(self.pid(), self.startTicks() + 1).alive(), "a reused pid is not ours");
        assertFalse(ProcessInfo.of(-5).isPresent());
    }

    @Test
    void qemuRunStatesMapLikeLibvirt() {
        assertEquals(new DomainState.StateReason(DomainState.RUNNING, "booted"),
                DomainState.fromQemuStatus("running", "booted"));
        assertEquals("paused (user)", DomainState.fromQemuStatus("prelaunch", null).describe());
        assertEquals("paused (I/O error)", DomainState.fromQemuStatus("io-error", null).describe());
        assertEquals("paused (shutting down)", DomainState.fromQemuStatus("shutdown", null).describe());
        assertEquals("crashed (panicked)", DomainState.fromQemuStatus("guest-panicked", null).describe());
        assertEquals("pmsuspended (unknown)", DomainState.fromQemuStatus("suspended", null).describe());
    }

    @Test
    void exitStatusesSayWhatHappened() {
        assertEquals("exited with status 1", Supervisor.exitText(1));
        assertEquals("was killed by signal 9", Supervisor.exitText(137));
        assertEquals("a 'b c' '{\"x\":1}' 'it'\\''s'", Supervisor.shellWords(List.of("a", "b c", "{\"x\":1}", "it's")));
    }
}
