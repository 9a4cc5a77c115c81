package org.virtxml.qemu.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Replaces a file so that a reader, or the file system after a crash, sees the old content or the new content and
 * never a mix: the new bytes go to a temporary file in the same directory, are flushed to the disk
 * ({@code fsync}), and the temporary file is renamed over the target (atomic on POSIX file systems); the directory
 * is flushed too, so the rename itself survives a power cut. A writer killed half way leaves at most a temporary
 * file named {@code .NAME.tmp-XXXX}, which {@link #isTemporary} recognizes so that directory listings skip it and
 * cleanup can remove it.
 */
public final class AtomicFiles {
    /** Owner read and write only: configs may hold secrets (libvirt writes its configs 0600 too). */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private static final String TMP_MARK = ".tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target} atomically, the new file having {@code permissions}. */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = createTemporary(dir, target.getFileName().toString(), permissions);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                // the data must be on the disk before the rename makes it the file's content
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system", e);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** Whether a directory entry is a temporary file of {@link #write} (complete or abandoned). */
    public static boolean isTemporary(String fileName) {
        return fileName.startsWith(".") && fileName.contains(TMP_MARK);
    }

    /** Flushes a directory's entries (renames, deletions) to the disk. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems refuse fsync on a directory; the rename is still atomic for readers
            if (!"Invalid argument".equals(e.getMessage()) && !(e.getMessage() != null
                    && e.getMessage().contains("Is a directory"))) {
                throw e;
            }
        }
    }

    private static Path createTemporary(Path dir, String name, Set<PosixFilePermission> permissions)
            throws IOException {
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(permissions);
        byte[] r = new byte[6];
        for (int attempt = 0; ; attempt++) {
            RANDOM.nextBytes(r);
            Path tmp = dir.resolve("." + name + TMP_MARK + HexFormat.of().formatHex(r));
            try {
                return Files.createFile(tmp, attr);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }
}
