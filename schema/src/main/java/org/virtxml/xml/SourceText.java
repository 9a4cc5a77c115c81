package org.virtxml.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one input document plus its name, read once and bounded by {@link Limits#MAX_INPUT_BYTES}.
 * Lines are decoded lazily, only when a diagnostic needs to show one.
 */
public final class SourceText {
    private final String name;
    private final byte[] bytes;
    private List<String> lines;

    private SourceText(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    /** Wraps bytes already in memory. */
    public static SourceText of(String name, byte[] bytes) {
        if (bytes.length > Limits.MAX_INPUT_BYTES) {
            throw new InputTooLargeException(name, bytes.length);
        }
        return new SourceText(name, bytes);
    }

    /** Wraps a string (encoded as UTF-8). */
    public static SourceText of(String name, String text) {
        return of(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a file, refusing files over the size limit without reading them whole.
     *
     * @throws UnreadableInputException when it does not exist, is a directory, or cannot be read
     */
    public static SourceText read(Path path) {
        String name = path.toString();
        try {
            if (Files.isDirectory(path)) {
                throw new UnreadableInputException(name, "is a directory");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return of(name, readBounded(name, in));
            }
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException(name, "no such file");
        } catch (IOException e) {
            throw new UnreadableInputException(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Reads a stream to its end, refusing more than the size limit. */
    public static SourceText read(String name, InputStream in) {
        try {
            return of(name, readBounded(name, in));
        } catch (IOException e) {
            throw new UnreadableInputException(name, e.getMessage());
        }
    }

    private static byte[] readBounded(String name, InputStream in) throws IOException {
        byte[] data = in.readNBytes(Limits.MAX_INPUT_BYTES + 1);
        if (data.length > Limits.MAX_INPUT_BYTES) {
            throw new InputTooLargeException(name, data.length);
        }
        return data;
    }

    /** The name diagnostics use for this document. */
    public String name() {
        return name;
    }

    /** The raw bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    /** A fresh stream over the bytes. */
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    /** The text decoded as UTF-8 (malformed bytes replaced). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The 1-based line {@code n} without its terminator, or null past the end. */
    public synchronized String line(int n) {
        if (lines == null) {
            lines = splitLines(text());
        }
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : null;
    }

    private static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    /**
     * Thrown when a document is larger than {@link Limits#MAX_INPUT_BYTES}. The message starts as virsh's does
     * when it refuses such a file ({@code virFileReadAll} failing with EOVERFLOW), then says which limit it is.
     */
    public static final class InputTooLargeException extends XmlInputException {
        private static final long serialVersionUID = 1L;

        InputTooLargeException(String name, long size) {
            super(new Diagnostic(name, 0, 0, "Failed to read file '" + name + "': Value too large for defined data "
                    + "type (the input is larger than the limit of " + Limits.MAX_INPUT_BYTES / (1024 * 1024)
                    + " MiB, libvirt's own limit for an XML file)"));
        }
    }

    /** Thrown when a document cannot be read at all (missing, a directory, no permission). */
    public static final class UnreadableInputException extends XmlInputException {
        private static final long serialVersionUID = 1L;

        UnreadableInputException(String name, String why) {
            super(new Diagnostic(name, 0, 0, "cannot read file: " + why));
        }
    }
}
