package org.virtxml.qemu.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What Linux says about a process we did not necessarily start ({@code /proc/PID/stat}). A pid alone does not
 * identify a process across time: after QEMU exits its pid can be given to an unrelated process, so a recorded pid
 * comes with the process's start time ({@code starttime}, clock ticks since boot, field 22 of {@code stat}); a
 * process is "the same" only when both match. This is how a stale pid file is told from a live domain.
 *
 * @param pid        the process id
 * @param startTicks the start time in clock ticks after boot
 */
public record ProcessInfo(long pid, long startTicks) {

    /** The process with this pid now, or empty when there is none (or it is a zombie, i.e. already dead). */
    public static Optional<ProcessInfo> of(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = stat.substring(close + 1).trim().split(" +");
        // f[0] is field 3 (state); starttime is field 22, so f[19]
        if (f.length < 20 || "Z".equals(f[0]) || "X".equals(f[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessInfo(pid, Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The current process. */
    public static ProcessInfo self() {
        return of(ProcessHandle.current().pid()).orElseThrow();
    }

    /** Whether the process recorded as {@code pid} started at {@code startTicks} is still running. */
    public static boolean alive(long pid, long startTicks) {
        return of(pid).map(p -> p.startTicks() == startTicks).orElse(false);
    }

    /** Whether this recorded process is still running (same pid, same start time). */
    public boolean alive() {
        return alive(pid, startTicks);
    }

    /**
     * Sends SIGTERM, or SIGKILL when {@code force}, to this process if it is still the recorded one. Returns false
     * when it is already gone.
     */
    public boolean signal(boolean force) {
        if (!alive()) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return false;
        }
        return force ? h.get().destroyForcibly() : h.get().destroy();
    }

    /** Waits until the process is gone; true when it went within {@code timeout}. */
    public boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !alive();
            }
        }
        return true;
    }
}
