package org.virtxml.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.json.Json;

/** Talks to a real QEMU (skipped where /usr/bin/qemu-system-x86_64 is not installed). */
@Timeout(60)
class RealQemuProcessTest {
    static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    @TempDir
    Path dir;

    private List<String> argv(Path sock, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of(QEMU.toString(), "-S", "-no-user-config", "-nodefaults",
                "-nographic", "-machine", "none,accel=tcg", "-qmp", "unix:" + sock + ",server=on,wait=off"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void pauseResumeAndShutdownARealQemu() throws Exception {
        assumeTrue(Files.isExecutable(QEMU), "QEMU not installed");
        Path sock = dir.resolve("qmp.sock");
        try (QemuProcess qemu = QemuProcess.start(argv(sock), null, sock, Duration.ofSeconds(20))) {
            QmpClient qmp = qemu.qmp();
            assertEquals(7, qmp.greeting().major());
            Map<String, Object> v = Json.asObject(qmp.execute("query-version"), "v");
            assertEquals(qmp.greeting().minor(), ((Number) Json.asObject(v.get("qemu"), "q").get("minor")).intValue());
            assertEquals("prelaunch", Json.asObject(qmp.execute("query-status"), "s").get("status"));

            QmpClient.EventWaiter resume = qmp.expectEvent("RESUME");
            qmp.execute("cont");
            resume.await(Duration.ofSeconds(10));
            QmpClient.EventWaiter stop = qmp.expectEvent("STOP");
            qmp.execute("stop");
            stop.await(Duration.ofSeconds(10));
            assertEquals("paused", Json.asObject(qmp.execute("query-status"), "s").get("status"));

            QmpException.CommandFailed e = assertThrows(QmpException.CommandFailed.class,
                    () -> qmp.execute("no-such-command"));
            assertEquals("CommandNotFound", e.errorClass());

            QmpClient.EventWaiter shutdown = qmp.expectEvent("SHUTDOWN");
            qmp.execute("quit");
            assertEquals(Boolean.FALSE, shutdown.await(Duration.ofSeconds(10)).data().get("guest"));
            qmp.awaitClosed(Duration.ofSeconds(10));
            assertEquals(0, qemu.waitFor(Duration.ofSeconds(10)));
        }
        assertFalse(Files.exists(sock), "close() removes the socket");
    }

    @Test
    void aQemuThatCannotStartExplainsWhy() throws Exception {
        assumeTrue(Files.isExecutable(QEMU), "QEMU not installed");
        Path sock = dir.resolve("qmp.sock");
        QmpException e = assertThrows(QmpException.class, () -> QemuProcess.start(
                argv(sock, "-no-such-option"), null, sock, Duration.ofSeconds(20)).close());
        assertTrue(e.getMessage().contains("QEMU exited with status 1"), e.getMessage());
        assertTrue(e.getMessage().contains("-no-such-option"), e.getMessage());
    }
}
