package org.virtxml.qemu.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive lock on a file, held while one virtxml command changes what the file guards (the domain store, a
 * running domain, the id counter); other commands, and other threads of this one, wait for it. Closing releases it.
 */
public final class LockFile implements AutoCloseable {
    /** How often a waiting command tries again. */
    private static final long RETRY_MILLIS = 20;

    private final FileChannel channel;
    private final FileLock lock;

    private LockFile(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code file} (created when missing), waiting at most {@code timeout}. When the wait runs out the error
     * says {@code held} followed by " for more than N s"; when interrupted, that it was waiting for
     * {@code waitingFor}.
     */
    public static LockFile acquire(Path file, Duration timeout, String held, String waitingFor)
            throws IOException, DomainException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // another thread of this process holds it
                }
                if (l != null) {
                    return new LockFile(ch, l);
                }
                if (System.nanoTime() > deadline) {
                    throw new DomainException(held + " for more than " + timeout.toSeconds() + " s");
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (IOException | DomainException | RuntimeException e) {
            ch.close();
            throw e;
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            throw new DomainException("interrupted while waiting for " + waitingFor, e);
        }
    }

    /** The open lock file, for a caller that keeps data in it (readable and writable). */
    public FileChannel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
