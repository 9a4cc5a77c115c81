package org.virtxml.qemu.run;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.virtxml.qemu.store.DomainException;

/**
 * An attached console ({@code virsh console}): bytes from the user go to the guest's serial port or console, and
 * the guest's output to the user, until the user types the escape character ({@code ^]}), the input ends, or the
 * domain stops. A pty is opened directly (QEMU keeps the master in raw mode); a unix socket chardev is connected
 * to. One session per console at a time, like libvirt: a second one is refused while the first holds the
 * console's lock.
 */
public final class ConsoleSession implements AutoCloseable {
    /** {@code ^]}, virsh's default escape character. */
    public static final int ESCAPE = 0x1d;

    private final ConsoleInfo console;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final InputStream fromGuest;
    private final OutputStream toGuest;
    private final AutoCloseable[] closeables;

    private ConsoleSession(ConsoleInfo console, FileChannel lockChannel, FileLock lock, InputStream fromGuest,
            OutputStream toGuest, AutoCloseable... closeables) {
        this.console = console;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.fromGuest = fromGuest;
        this.toGuest = toGuest;
        this.closeables = closeables;
    }

    /** Opens console {@code c} of the domain whose runtime directory is {@code dir}. */
    public static ConsoleSession open(ConsoleInfo c, Path dir) throws IOException, DomainException {
        FileChannel lc = FileChannel.open(dir.resolve("console-" + c.device() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lc.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lc.close();
            throw DomainException.operationFailed("Active console session exists for this domain");
        }
        try {
            switch (c.type()) {
                case "pty" -> {
                    FileInputStream in = new FileInputStream(c.path());
                    FileOutputStream out = new FileOutputStream(c.path());
                    return new ConsoleSession(c, lc, l, in, out, in, out);
                }
                case "unix" -> {
                    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                    ch.connect(UnixDomainSocketAddress.of(c.path()));
                    return new ConsoleSession(c, lc, l, Channels.newInputStream(ch), Channels.newOutputStream(ch),
                            ch);
                }
                default -> throw DomainException.operationFailed("character device " + c.device()
                        + " is not using a PTY");
            }
        } catch (IOException | DomainException | RuntimeException e) {
            l.release();
            lc.close();
            throw e;
        }
    }

    /** The console attached to. */
    public ConsoleInfo console() {
        return console;
    }

    /** Why a session ended. */
    public enum End {
        /** The user typed the escape character. */
        ESCAPE,
        /** The user's input ended. */
        INPUT_CLOSED,
        /** The console went away (the domain stopped). */
        CONSOLE_CLOSED
    }

    /**
     * Copies {@code user} to the guest and the guest to {@code screen} until the session ends; returns why. The
     * escape byte itself is not sent.
     */
    public End run(InputStream user, OutputStream screen) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<End> end = new AtomicReference<>();
        Thread out = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = fromGuest.read(buf)) > 0) {
                    screen.write(buf, 0, n);
                    screen.flush();
                }
            } catch (IOException e) {
                // EIO from a pty whose QEMU side closed: the domain stopped
            }
            end.compareAndSet(null, End.CONSOLE_CLOSED);
            done.countDown();
        }, "console-out");
        Thread in = new Thread(() -> {
            byte[] buf = new byte[1024];
            try {
                int n;
                while ((n = user.read(buf)) > 0) {
                    int esc = -1;
                    for (int i = 0; i < n; i++) {
                        if ((buf[i] & 0xff) == ESCAPE) {
                            esc = i;
                            break;
                        }
                    }
                    toGuest.write(buf, 0, esc < 0 ? n : esc);
                    toGuest.flush();
                    if (esc >= 0) {
                        end.compareAndSet(null, End.ESCAPE);
                        done.countDown();
                        return;
                    }
                }
                end.compareAndSet(null, End.INPUT_CLOSED);
            } catch (IOException e) {
                end.compareAndSet(null, End.CONSOLE_CLOSED);
            }
            done.countDown();
        }, "console-in");
        out.setDaemon(true);
        in.setDaemon(true);
        out.start();
        in.start();
        done.await();
        return end.get();
    }

    @Override
    public void close() throws IOException {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a console that is gone
            }
        }
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
