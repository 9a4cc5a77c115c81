package org.virtxml.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.json.Json;

@Timeout(30)
class QmpClientTest {

    @TempDir
    Path dir;

    private static final Duration SHORT = Duration.ofMillis(400);

    @Test
    void negotiatesAndRunsCommandsWithUniqueIds() throws Exception {
        try (FakeQmpServer srv = new FakeQmpServer(dir.resolve("m.sock"),
                (s, cmd) -> List.of(FakeQmpServer.reply(cmd, Json.obj("status", "prelaunch", "running", false))));
                QmpClient qmp = QmpClient.connect(srv.socket)) {
            assertEquals(7002022, qmp.greeting().versionNumber());
            assertEquals("Debian 1:7.2+dfsg-7+deb12u18+b3", qmp.greeting().packageName());
            assertEquals(List.of("oob"), qmp.greeting().capabilities());
            Map<String, Object> status = Json.asObject(qmp.execute("query-status"), "status");
            assertEquals("prelaunch", status.get("status"));
            qmp.execute("query-status", Json.obj("x", 1L));
            assertEquals("qmp_capabilities", srv.received.get(0).get("execute"));
            assertEquals(Json.obj("x", 1L), srv.received.get(2).get("arguments"));
            List<Object> ids = srv.received.stream().map(m -> m.get("id")).toList();
            assertEquals(3, ids.stream().distinct().count(), ids.toString());
        }
    }

    @Test
    void errorRepliesBecomeCommandFailedWithQemusClassAndText() throws Exception {
        try (FakeQmpServer srv = new FakeQmpServer(dir.resolve("m.sock"), (s, cmd) -> List.of(Json.write(Json.obj(
                "id", cmd.get("id"), "error", Json.obj("class", "CommandNotFound",
                        "desc", "The command nope has not been found"))) + "\r\n"));
                QmpClient qmp = QmpClient.connect(srv.socket)) {
            QmpException.CommandFailed e = assertThrows(QmpException.CommandFailed.class, () -> qmp.execute("nope"));
            assertEquals("CommandNotFound", e.errorClass());
            assertEquals("nope", e.command());
            assertEquals("The command nope has not been found", e.description());
            assertTrue(qmp.isOpen(), "an error reply does not end the session");
        }
    }

    @Test
    void deliversEventsInOrderAndExpectEventCannotMissOne() throws Exception {
        try (FakeQmpServer srv = new FakeQmpServer(dir.resolve("m.sock"), (s, cmd) -> List.of(
                // QEMU emits STOP before it answers 'stop': the waiter must be armed before the command
                FakeQmpServer.event("STOP", null),
                FakeQmpServer.reply(cmd, Map.of()),
                FakeQmpServer.event("DEVICE_DELETED", Json.obj("device", "net0", "path", "/machine/peripheral/net0"))));
                QmpClient qmp = QmpClient.connect(srv.socket)) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch two = new CountDownLatch(2);
            qmp.addEventListener(ev -> {
                seen.add(ev.name());
                two.countDown();
            });
            QmpClient.EventWaiter stop = qmp.expectEvent("STOP");
            QmpClient.EventWaiter deleted = qmp.expectEvent("DEVICE_DELETED");
            qmp.execute("stop");
            QmpEvent ev = stop.await(SHORT);
            assertEquals(1700000000L, ev.seconds());
            assertEquals(42L, ev.microseconds());
            assertEquals("net0", deleted.await(SHORT).data().get("device"));
            assertTrue(two.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("STOP", "DEVICE_DELETED"), seen);
            assertThrows(UnsupportedOperationException.class, () -> ev.data().put("x", 1));
        }
    }

    @Test
    void everyWaitHasATimeout() throws Exception {
        try (FakeQmpServer srv = new FakeQmpServer(dir.resolve("m.sock"), (s, cmd) -> List.of());
                QmpClient qmp = QmpClient.connector(srv.socket).commandTimeout(SHORT).connect()) {
            long t0 = System.nanoTime();
            QmpException.Timeout e = assertThrows(QmpException.Timeout.class, () -> qmp.execute("query-status"));
            assertTrue(e.getMessage().contains("query-status"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
            assertThrows(QmpException.Timeout.class, () -> qmp.expectEvent("SHUTDOWN").await(SHORT));
            assertThrows(QmpException.Timeout.class, () -> qmp.awaitClosed(SHORT));
        }
    }

    @Test
    void silentPeerTimesOutTheGreeting() throws Exception {
        Path sock = dir.resolve("silent.sock");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(sock));
            QmpException.Timeout e = assertThrows(QmpException.Timeout.class,
                    () -> QmpClient.connector(sock).connectTimeout(SHORT).connect());
            assertTrue(e.getMessage().contains("greeting"), e.getMessage());
        }
    }

    @Test
    void qemuDyingFailsPendingCommandsWithItsLastWords() throws Exception {
        try (FakeQmpServer srv = new FakeQmpServer(dir.resolve("m.sock"), (s, cmd) -> null);
                QmpClient qmp = QmpClient.connector(srv.socket)
                        .deathReason(() -> "QEMU exited with status 1: qemu: fatal: boom").connect()) {
            QmpClient.EventWaiter shutdown = qmp.expectEvent("SHUTDOWN");
            QmpException.Closed e = assertThrows(QmpException.Closed.class, () -> qmp.execute("cont"));
            assertTrue(e.getMessage().contains("QEMU closed the monitor connection"), e.getMessage());
            assertTrue(e.getMessage().contains("qemu: fatal: boom"), e.getMessage());
            assertThrows(QmpException.Closed.class, () -> shutdown.await(SHORT));
            assertFalse(qmp.isOpen());
            assertTrue(qmp.awaitClosed(SHORT).getMessage().contains("boom"));
            QmpException.Closed after = assertThrows(QmpException.Closed.class, () -> qmp.execute("query-status"));
            assertTrue(after.getMessage().contains("cannot send 'query-status'"), after.getMessage());
        }
    }

    @Test
    void connectRetriesUntilTheSocketAppears() throws Exception {
        Path sock = dir.resolve("late.sock");
        CompletableFuture<FakeQmpServer> later = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(300);
                return new FakeQmpServer(sock, (s, cmd) -> List.of(FakeQmpServer.reply(cmd, Map.of())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (QmpClient qmp = QmpClient.connector(sock).connectTimeout(Duration.ofSeconds(10)).connect()) {
            assertEquals(7, qmp.greeting().major());
        } finally {
            later.get().close();
        }
    }

    @Test
    void connectGivesUpAtOnceWhenQemuIsGone() {
        long t0 = System.nanoTime();
        QmpException.Closed e = assertThrows(QmpException.Closed.class, () -> QmpClient.connector(dir.resolve("no"))
                .connectTimeout(Duration.ofSeconds(20)).whileAlive(() -> false)
                .deathReason(() -> "QEMU exited with status 1: could not open disk").connect());
        assertTrue(e.getMessage().contains("could not open disk"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertThrows(QmpException.Timeout.class, () -> QmpClient.connector(dir.resolve("no")).connectTimeout(SHORT)
                .connect());
    }

    @Test
    void matchesRepliesById_evenOutOfOrderAndAcrossThreads() throws Exception {
        List<Map<String, Object>> held = new ArrayList<>();
        try (FakeQmpServer srv = new FakeQmpServer(dir.resolve("m.sock"), (s, cmd) -> {
            synchronized (held) {
                held.add(cmd);
                if (held.size() < 4) {
                    return List.of();
                }
                // answer all four at once, newest first
                List<String> out = new ArrayList<>();
                for (int i = held.size() - 1; i >= 0; i--) {
                    out.add(FakeQmpServer.reply(held.get(i), Json.asObject(held.get(i).get("arguments"), "a")
                            .get("n")));
                }
                return out;
            }
        }); QmpClient qmp = QmpClient.connect(srv.socket)) {
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (long n = 0; n < 4; n++) {
                long k = n;
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return qmp.execute("echo", Json.obj("n", k));
                    } catch (QmpException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (int n = 0; n < 4; n++) {
                assertEquals((long) n, results.get(n).get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void readsPrettyMultiLineMessagesAndIdlessErrors() throws Exception {
        try (FakeQmpServer srv = new FakeQmpServer(dir.resolve("m.sock"), (s, cmd) -> "bad".equals(cmd.get("execute"))
                ? List.of("{\n    \"error\": {\n        \"class\": \"GenericError\",\n        \"desc\": \"JSON parse "
                        + "error, {}\"\n    }\n}\r\n")
                : List.of("{\n    \"return\": {\"s\": \"a } ] { \\\" x\"},\n    \"id\": \"" + cmd.get("id")
                        + "\"\n}\r\n"));
                QmpClient qmp = QmpClient.connect(srv.socket)) {
            assertEquals("a } ] { \" x", Json.asObject(qmp.execute("odd"), "r").get("s"));
            QmpException.CommandFailed e = assertThrows(QmpException.CommandFailed.class, () -> qmp.execute("bad"));
            assertEquals("GenericError", e.errorClass());
        }
    }

    @Test
    void garbageFromThePeerIsAProtocolErrorNotAHang() throws Exception {
        try (FakeQmpServer srv = new FakeQmpServer(dir.resolve("m.sock"), (s, cmd) -> List.of("oops\r\n"));
                QmpClient qmp = QmpClient.connect(srv.socket)) {
            QmpException e = assertThrows(QmpException.class, () -> qmp.execute("x"));
            assertTrue(e.getMessage().contains("protocol error"), e.getMessage());
            assertFalse(qmp.isOpen());
        }
    }

    @Test
    void framerJoinsSplitChunks() throws Exception {
        QmpFramer f = new QmpFramer();
        byte[] all = "{\"a\":\"}\\\"{\"}\r\n{\"b\":[{}]}\r\n".getBytes(StandardCharsets.UTF_8);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            got.addAll(f.feed(all, i, 1));
        }
        assertEquals(List.of("{\"a\":\"}\\\"{\"}", "{\"b\":[{}]}"), got);
        assertFalse(f.partial());
    }
}
