package org.virtxml.qemu.qmp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.virtxml.json.Json;

/**
 * A scripted QMP peer on a unix socket: sends a greeting, then answers each command line with whatever the handler
 * returns (raw texts sent in order; an empty list sends nothing; null closes the connection).
 */
final class FakeQmpServer implements AutoCloseable {
    static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7},"
            + " \"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}, \"capabilities\": [\"oob\"]}}\r\n";

    final Path socket;
    final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final Thread thread;
    private volatile SocketChannel client;

    FakeQmpServer(Path socket, BiFunction<FakeQmpServer, Map<String, Object>, List<String>> handler)
            throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> serve(handler), "fake-qmp");
        thread.setDaemon(true);
        thread.start();
    }

    /** The answer to a command, in QEMU's form. */
    static String reply(Map<String, Object> cmd, Object value) {
        return Json.write(Json.obj("return", value, "id", cmd.get("id"))) + "\r\n";
    }

    /** An event in QEMU's form. */
    static String event(String name, Map<String, Object> data) {
        Map<String, Object> m = Json.obj("timestamp", Json.obj("seconds", 1700000000L, "microseconds", 42L),
                "event", name);
        if (data != null) {
            m.put("data", data);
        }
        return Json.write(m) + "\r\n";
    }

    void send(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            client.write(b);
        }
    }

    private void serve(BiFunction<FakeQmpServer, Map<String, Object>, List<String>> handler) {
        try (SocketChannel c = server.accept()) {
            client = c;
            send(GREETING);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (c.read(buf.clear()) > 0) {
                for (int i = 0; i < buf.position(); i++) {
                    byte b = buf.get(i);
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    Map<String, Object> cmd = Json.parseObject(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                    received.add(cmd);
                    List<String> out = "qmp_capabilities".equals(cmd.get("execute"))
                            ? List.of(reply(cmd, Map.of())) : handler.apply(this, cmd);
                    if (out == null) {
                        return;
                    }
                    for (String s : out) {
                        send(s);
                    }
                }
            }
        } catch (IOException e) {
            // the client went away; the test decides whether that was expected
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        SocketChannel c = client;
        if (c != null) {
            c.close();
        }
        Files.deleteIfExists(socket);
    }
}
