package org.virtxml.json;

/** A JSON text that cannot be parsed, or a value that does not have the shape its reader expected. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /** A problem with no position (a shape error found after parsing). */
    public JsonException(String message) {
        this(message, 0, 0);
    }

    /** A syntax error at a 1-based line and column of the text. */
    public JsonException(String message, int line, int column) {
        super(line > 0 ? message + " at line " + line + " column " + column : message);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of a syntax error, 0 when the problem is not tied to a position. */
    public int line() {
        return line;
    }

    /** 1-based column of a syntax error, 0 when the problem is not tied to a position. */
    public int column() {
        return column;
    }
}
