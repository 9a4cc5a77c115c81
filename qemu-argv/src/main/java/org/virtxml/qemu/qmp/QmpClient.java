package org.virtxml.qemu.qmp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.virtxml.json.Json;
import org.virtxml.json.JsonException;
import org.virtxml.json.JsonWriter;

/**
 * A client for the QEMU Machine Protocol over a unix socket.
 *
 * <p>{@link #connector(Path)} connects (retrying while QEMU creates the socket), reads the greeting and negotiates
 * with {@code qmp_capabilities}. {@link #execute} sends a command with a unique id and waits for its answer, never
 * longer than its timeout; commands may be issued from several threads. Events go to {@link QmpEventListener}s on a
 * dedicated thread; {@link #expectEvent} arms a one-shot wait before the command that causes the event, so the event
 * cannot slip by. When the connection ends (QEMU quit or died) every waiter fails at once with
 * {@link QmpException.Closed}, whose message includes what the {@code deathReason} supplier says (typically QEMU's
 * exit status and last stderr lines).
 */
public final class QmpClient implements AutoCloseable {
    /** Used when the caller gives no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final JsonWriter WIRE = JsonWriter.compact();

    private final SocketChannel channel;
    private final String name;
    private final Duration commandTimeout;
    private final Supplier<String> deathReason;
    private final Object writeLock = new Object();
    private final AtomicLong ids = new AtomicLong();
    /** Commands waiting for their reply, oldest first (QEMU answers in order; id-less errors go to the oldest). */
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final List<QmpEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService eventThread;
    private final CompletableFuture<QmpGreeting> greetingFuture = new CompletableFuture<>();
    private final CompletableFuture<QmpException> closedFuture = new CompletableFuture<>();
    private volatile QmpException closedReason;
    private QmpGreeting greeting;

    private record Pending(String id, String command, CompletableFuture<Object> reply) {
    }

    private QmpClient(SocketChannel channel, String name, Duration commandTimeout, Supplier<String> deathReason) {
        this.channel = channel;
        this.name = name;
        this.commandTimeout = commandTimeout;
        this.deathReason = deathReason;
        this.eventThread = Executors.newSingleThreadExecutor(r -> daemon(r, "qmp-events " + name));
        Thread reader = daemon(this::readLoop, "qmp-reader " + name);
        reader.start();
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    /** Starts configuring a connection to the monitor socket at {@code socket}. */
    public static Connector connector(Path socket) {
        return new Connector(socket);
    }

    /** Connects with default settings: {@link #DEFAULT_TIMEOUT} for connecting and for each command. */
    public static QmpClient connect(Path socket) throws QmpException {
        return connector(socket).connect();
    }

    /**
     * Takes over an already connected channel (for example one end of a socket pair), reads the greeting and
     * negotiates capabilities.
     */
    public static QmpClient open(SocketChannel channel, String name, Duration timeout, Supplier<String> deathReason)
            throws QmpException {
        return open(channel, name, timeout, timeout, deathReason);
    }

    private static QmpClient open(SocketChannel channel, String name, Duration handshakeTimeout,
            Duration commandTimeout, Supplier<String> deathReason) throws QmpException {
        QmpClient c = new QmpClient(channel, name, commandTimeout, deathReason);
        try {
            c.handshake(handshakeTimeout);
        } catch (QmpException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Connection settings; {@link #connect()} makes the client. */
    public static final class Connector {
        private final Path socket;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration commandTimeout = DEFAULT_TIMEOUT;
        private BooleanSupplier peerAlive = () -> true;
        private Supplier<String> deathReason = () -> null;

        private Connector(Path socket) {
            this.socket = Objects.requireNonNull(socket);
        }

        /** How long to keep trying to connect and to wait for the greeting. */
        public Connector connectTimeout(Duration d) {
            this.connectTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Default wait for each command's reply. */
        public Connector commandTimeout(Duration d) {
            this.commandTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Stop retrying as soon as this says the QEMU process is gone (e.g. {@code process::isAlive}). */
        public Connector whileAlive(BooleanSupplier alive) {
            this.peerAlive = Objects.requireNonNull(alive);
            return this;
        }

        /** Explains a lost connection, e.g. QEMU's exit status and stderr; may return null. */
        public Connector deathReason(Supplier<String> reason) {
            this.deathReason = Objects.requireNonNull(reason);
            return this;
        }

        /** Connects, reads the greeting and sends {@code qmp_capabilities}. */
        public QmpClient connect() throws QmpException {
            long deadline = System.nanoTime() + connectTimeout.toNanos();
            UnixDomainSocketAddress addr = UnixDomainSocketAddress.of(socket);
            IOException last = null;
            while (true) {
                SocketChannel ch = null;
                try {
                    ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                    ch.connect(addr);
                    Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                    return open(ch, socket.toString(), left, commandTimeout, deathReason);
                } catch (QmpException e) {
                    throw e;
                } catch (IOException e) {
                    // QEMU creates the socket a moment after it starts: not there yet, or not listening yet
                    last = e;
                    closeQuietly(ch);
                }
                if (!peerAlive.getAsBoolean()) {
                    throw new QmpException.Closed(withReason("QEMU exited before its monitor at " + socket
                            + " accepted a connection", deathReason), last);
                }
                if (System.nanoTime() >= deadline) {
                    throw new QmpException.Timeout("could not connect to the QEMU monitor at " + socket + " within "
                            + connectTimeout.toMillis() + " ms: " + last.getMessage());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QmpException("interrupted while connecting to " + socket, e);
                }
            }
        }
    }

    private void handshake(Duration timeout) throws QmpException {
        greeting = await(greetingFuture, timeout, "the QMP greeting");
        execute("qmp_capabilities", null, timeout);
    }

    /** What QEMU said when the connection opened. */
    public QmpGreeting greeting() {
        return greeting;
    }

    /** Runs a command without arguments and returns its {@code return} value. */
    public Object execute(String command) throws QmpException {
        return execute(command, null, commandTimeout);
    }

    /** Runs a command and returns its {@code return} value (an object, array, string, number or boolean). */
    public Object execute(String command, Map<String, ?> arguments) throws QmpException {
        return execute(command, arguments, commandTimeout);
    }

    /** Runs a command, waiting at most {@code timeout} for the answer. */
    public Object execute(String command, Map<String, ?> arguments, Duration timeout) throws QmpException {
        return await(submit(command, arguments), timeout, "the reply to '" + command + "'");
    }

    /** Sends a command and returns its reply as a future, for callers that pipeline several commands. */
    public CompletableFuture<Object> submit(String command, Map<String, ?> arguments) throws QmpException {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("execute", command);
        if (arguments != null) {
            msg.put("arguments", arguments);
        }
        String id = "virtxml-" + ids.incrementAndGet();
        msg.put("id", id);
        Pending p = new Pending(id, command, new CompletableFuture<>());
        byte[] bytes = (WIRE.write(msg) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            synchronized (pending) {
                if (closedReason != null) {
                    throw closedReason("cannot send '" + command + "'");
                }
                pending.addLast(p);
            }
            try {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                QmpException.Closed c = new QmpException.Closed(withReason("lost the QEMU monitor connection "
                        + name + " while sending '" + command + "'", deathReason), e);
                shutdown(c);
                throw c;
            }
        }
        return p.reply();
    }

    /** Adds a listener for every event from now on. */
    public void addEventListener(QmpEventListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    /** Removes a listener. */
    public void removeEventListener(QmpEventListener l) {
        listeners.remove(l);
    }

    /**
     * Arms a wait for the next event named one of {@code names}. Arm it before issuing the command that causes the
     * event, then call {@link EventWaiter#await}.
     */
    public EventWaiter expectEvent(String... names) {
        EventWaiter w = new EventWaiter(List.of(names));
        listeners.add(w);
        if (closedReason != null) {
            w.onClose(closedReason);
        }
        return w;
    }

    /** A one-shot wait for an event, made by {@link #expectEvent}. */
    public final class EventWaiter implements QmpEventListener {
        private final List<String> names;
        private final CompletableFuture<QmpEvent> result = new CompletableFuture<>();

        private EventWaiter(List<String> names) {
            this.names = names;
        }

        @Override
        public void onEvent(QmpEvent event) {
            if (names.contains(event.name()) && result.complete(event)) {
                listeners.remove(this);
            }
        }

        @Override
        public void onClose(QmpException reason) {
            result.completeExceptionally(reason);
        }

        /** The event, or {@link QmpException.Timeout} / {@link QmpException.Closed}. */
        public QmpEvent await(Duration timeout) throws QmpException {
            try {
                return QmpClient.await(result, timeout, "event " + String.join("/", names));
            } finally {
                listeners.remove(this);
            }
        }
    }

    /** True until the connection ends or {@link #close()} is called. */
    public boolean isOpen() {
        return closedReason == null;
    }

    /**
     * Waits until QEMU closes the connection (after {@code quit}, or when it exits); returns why it closed.
     * Throws {@link QmpException.Timeout} if it is still open after {@code timeout}.
     */
    public QmpException awaitClosed(Duration timeout) throws QmpException {
        try {
            return closedFuture.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new QmpException.Timeout("the QEMU monitor " + name + " was still open after "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("interrupted", e);
        } catch (ExecutionException e) {
            throw new QmpException("unexpected failure", e.getCause());
        }
    }

    /** Closes the connection; pending commands and waits fail with {@link QmpException.Closed}. Idempotent. */
    @Override
    public void close() {
        shutdown(new QmpException.Closed("the QEMU monitor connection " + name + " was closed by the client", null));
    }

    private void readLoop() {
        QmpFramer framer = new QmpFramer();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        QmpException end;
        try {
            while (true) {
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) {
                    end = new QmpException.Closed(withReason("QEMU closed the monitor connection " + name
                            + (framer.partial() ? " in the middle of a message" : ""), deathReason), null);
                    break;
                }
                for (String message : framer.feed(buf.array(), 0, n)) {
                    dispatch(message);
                }
            }
        } catch (ClosedChannelException e) {
            end = new QmpException.Closed("the QEMU monitor connection " + name + " was closed by the client", e);
        } catch (QmpException e) {
            end = e;
        } catch (IOException e) {
            end = new QmpException.Closed(withReason("lost the QEMU monitor connection " + name + ": "
                    + e.getMessage(), deathReason), e);
        } catch (RuntimeException e) {
            end = new QmpException("internal error reading the QEMU monitor " + name, e);
        }
        shutdown(end);
    }

    private void dispatch(String text) throws QmpException {
        Map<String, Object> msg;
        try {
            msg = Json.parseObject(text);
        } catch (JsonException e) {
            throw new QmpException("QMP protocol error: QEMU sent invalid JSON: " + e.getMessage(), e);
        }
        if (msg.containsKey("QMP")) {
            greetingFuture.complete(parseGreeting(msg));
            return;
        }
        if (msg.containsKey("event")) {
            QmpEvent ev = parseEvent(msg);
            eventThread.execute(() -> {
                for (QmpEventListener l : listeners) {
                    try {
                        l.onEvent(ev);
                    } catch (RuntimeException e) {
                        // one faulty listener must not starve the others or kill the event thread
                        Thread.currentThread().getUncaughtExceptionHandler()
                                .uncaughtException(Thread.currentThread(), e);
                    }
                }
            });
            return;
        }
        if (!msg.containsKey("return") && !msg.containsKey("error")) {
            throw new QmpException("QMP protocol error: unexpected message " + text);
        }
        Object id = msg.get("id");
        Pending p;
        synchronized (pending) {
            p = null;
            if (id == null) {
                p = pending.pollFirst();
            } else {
                for (Pending q : pending) {
                    if (q.id().equals(id)) {
                        p = q;
                        break;
                    }
                }
                if (p != null) {
                    pending.remove(p);
                }
            }
        }
        if (p == null) {
            return; // the answer to a command whose caller gave up waiting
        }
        if (msg.containsKey("error")) {
            Map<String, Object> err = Json.asObject(msg.get("error"), "error");
            p.reply().completeExceptionally(new QmpException.CommandFailed(p.command(),
                    String.valueOf(err.get("class")), String.valueOf(err.get("desc"))));
        } else {
            p.reply().complete(msg.get("return"));
        }
    }

    private static QmpGreeting parseGreeting(Map<String, Object> msg) {
        Map<String, Object> qmp = Json.asObject(msg.get("QMP"), "QMP");
        Map<String, Object> version = Json.optObject(qmp, "version", "QMP");
        Map<String, Object> q = version == null ? Map.of() : Json.optObject(version, "qemu", "QMP.version");
        if (q == null) {
            q = Map.of();
        }
        String pkg = version == null ? "" : Json.optString(version, "package", "QMP.version");
        return new QmpGreeting(num(q.get("major")), num(q.get("minor")), num(q.get("micro")),
                pkg == null ? "" : pkg, Json.optStrings(qmp, "capabilities", "QMP"));
    }

    private static int num(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    private static QmpEvent parseEvent(Map<String, Object> msg) {
        Map<String, Object> ts = msg.get("timestamp") instanceof Map<?, ?> ? Json.asObject(msg.get("timestamp"), "t")
                : Map.of();
        Object data = msg.get("data");
        return new QmpEvent(String.valueOf(msg.get("event")),
                data instanceof Map<?, ?> ? Json.asObject(data, "data") : Map.of(),
                ts.get("seconds") instanceof Number n ? n.longValue() : 0,
                ts.get("microseconds") instanceof Number n ? n.longValue() : 0);
    }

    private void shutdown(QmpException reason) {
        List<Pending> failed;
        synchronized (pending) {
            if (closedReason != null) {
                return;
            }
            closedReason = reason;
            failed = new ArrayList<>(pending);
            pending.clear();
        }
        closeQuietly(channel);
        greetingFuture.completeExceptionally(reason);
        for (Pending p : failed) {
            p.reply().completeExceptionally(reason);
        }
        eventThread.execute(() -> {
            for (QmpEventListener l : listeners) {
                try {
                    l.onClose(reason);
                } catch (RuntimeException ignored) {
                    // closing anyway
                }
            }
            closedFuture.complete(reason);
        });
        eventThread.shutdown();
    }

    private QmpException closedReason(String what) {
        QmpException r = closedReason;
        return new QmpException.Closed(what + ": " + r.getMessage(), r);
    }

    private static String withReason(String message, Supplier<String> deathReason) {
        String why = null;
        try {
            why = deathReason.get();
        } catch (RuntimeException ignored) {
            // the explanation is a courtesy; the failure itself must still be reported
        }
        return why == null || why.isBlank() ? message : message + ": " + why;
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to do with a channel that cannot even close
            }
        }
    }

    private static <T> T await(CompletableFuture<T> f, Duration timeout, String what) throws QmpException {
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new QmpException.Timeout("no " + what + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof QmpException.CommandFailed cf) {
                // a fresh exception so the stack trace shows the caller, with the same details
                throw new QmpException.CommandFailed(cf.command(), cf.errorClass(), cf.description());
            }
            if (c instanceof QmpException q) {
                throw new QmpException.Closed(q.getMessage(), q);
            }
            throw new QmpException("failed waiting for " + what, c);
        }
    }
}
