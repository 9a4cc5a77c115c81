package org.virtxml.qemu.qmp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A QEMU process whose monitor we talk to: started from a complete argv that already tells QEMU to listen on
 * {@code monitorSocket} (as {@code -qmp unix:PATH,server=on,wait=off} or a {@code -chardev}/{@code -mon} pair), with
 * its stdout and stderr kept (the last {@value #OUTPUT_TAIL} bytes) so that a failure can say what QEMU said.
 * {@link #close()} asks QEMU to quit, then terminates it if it does not, and removes the socket.
 */
public final class QemuProcess implements AutoCloseable {
    /** How much of QEMU's output is kept for error messages. */
    public static final int OUTPUT_TAIL = 8192;

    private final Process process;
    private final Path monitorSocket;
    private final byte[] tail = new byte[OUTPUT_TAIL];
    private int tailLength;
    private final Thread drain;
    private QmpClient qmp;

    private QemuProcess(Process process, Path monitorSocket) {
        this.process = process;
        this.monitorSocket = monitorSocket;
        this.drain = new Thread(this::drainOutput, "qemu-output " + process.pid());
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts QEMU and connects to its monitor within {@code timeout}; if QEMU exits first the exception carries its
     * exit status and output. {@code environment} replaces ours entirely (libvirt passes a minimal one); null keeps
     * ours.
     */
    public static QemuProcess start(List<String> argv, Map<String, String> environment, Path monitorSocket,
            Duration timeout) throws IOException {
        Files.deleteIfExists(monitorSocket);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (environment != null) {
            pb.environment().clear();
            pb.environment().putAll(environment);
        }
        QemuProcess qp = new QemuProcess(pb.start(), monitorSocket);
        try {
            qp.qmp = QmpClient.connector(monitorSocket).connectTimeout(timeout).commandTimeout(timeout)
                    .whileAlive(qp.process::isAlive).deathReason(qp::describeExit).connect();
        } catch (IOException | RuntimeException e) {
            qp.kill();
            throw e;
        }
        return qp;
    }

    /** The monitor connection. */
    public QmpClient qmp() {
        return qmp;
    }

    /** The operating-system process. */
    public Process process() {
        return process;
    }

    /** The last bytes QEMU wrote to stdout/stderr, as text. */
    public String outputTail() {
        synchronized (tail) {
            return new String(tail, 0, tailLength, StandardCharsets.UTF_8).strip();
        }
    }

    /** "exited with status N: output" or "is still running"; used to explain a lost monitor. */
    public String describeExit() {
        try {
            // the monitor closes a moment before the process is reaped
            process.waitFor(500, TimeUnit.MILLISECONDS);
            drain.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String out = outputTail();
        String status = process.isAlive() ? "QEMU (pid " + process.pid() + ") is still running"
                : "QEMU exited with status " + process.exitValue();
        return out.isEmpty() ? status : status + ": " + out;
    }

    /** Waits for QEMU to exit; returns the exit status, or throws {@link QmpException.Timeout}. */
    public int waitFor(Duration timeout) throws QmpException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new QmpException.Timeout("QEMU (pid " + process.pid() + ") still running after "
                        + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("interrupted", e);
        }
        return process.exitValue();
    }

    /**
     * Stops QEMU: {@code quit} over QMP and a short wait, then SIGTERM, then SIGKILL. Only this process is touched.
     */
    @Override
    public void close() {
        if (process.isAlive() && qmp != null && qmp.isOpen()) {
            try {
                qmp.execute("quit", null, Duration.ofSeconds(5));
            } catch (QmpException ignored) {
                // QEMU may close the monitor before answering quit; the process checks below decide
            }
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        if (qmp != null) {
            qmp.close();
        }
        try {
            Files.deleteIfExists(monitorSocket);
        } catch (IOException ignored) {
            // a stale socket file is harmless; the next start deletes it
        }
    }

    private void kill() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void drainOutput() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (tail) {
                    if (n >= tail.length) {
                        System.arraycopy(buf, n - tail.length, tail, 0, tail.length);
                        tailLength = tail.length;
                    } else {
                        int keep = Math.min(tailLength, tail.length - n);
                        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
                        System.arraycopy(buf, 0, tail, keep, n);
                        tailLength = keep + n;
                    }
                }
            }
        } catch (IOException ignored) {
            // the process is gone; what was read is what we have
        }
    }
}
