package org.virtxml.qemu.qmp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the monitor's byte stream into complete top-level JSON objects. QEMU normally ends each message with CRLF,
 * but with {@code pretty=on} one message spans many lines, so messages are found by brace depth (outside strings)
 * rather than by line. Multi-byte UTF-8 sequences never contain ASCII bytes, so scanning bytes is safe.
 */
final class QmpFramer {
    /** A single message larger than this is a protocol violation (QEMU's biggest replies are a few MiB). */
    static final int MAX_MESSAGE = 64 << 20;

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int depth;
    private boolean inString;
    private boolean escaped;

    /** Feeds bytes; returns the messages they completed, as UTF-8 text. */
    List<String> feed(byte[] buf, int off, int len) throws QmpException {
        List<String> out = new ArrayList<>(1);
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (depth == 0 && !inString) {
                if (b == '{') {
                    depth = 1;
                    current.write(b);
                } else if (b != ' ' && b != '\r' && b != '\n' && b != '\t') {
                    throw new QmpException("QMP protocol error: unexpected byte 0x"
                            + Integer.toHexString(b & 0xff) + " between messages");
                }
                continue;
            }
            current.write(b);
            if (current.size() > MAX_MESSAGE) {
                throw new QmpException("QMP protocol error: message larger than " + MAX_MESSAGE + " bytes");
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
                if (depth == 0) {
                    out.add(current.toString(StandardCharsets.UTF_8));
                    current.reset();
                }
            }
        }
        return out;
    }

    /** True when bytes of an unfinished message are buffered. */
    boolean partial() {
        return current.size() > 0;
    }
}
