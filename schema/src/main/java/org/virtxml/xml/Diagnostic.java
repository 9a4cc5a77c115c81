package org.virtxml.xml;

/**
 * One problem found in an input document: where it is and what it is.
 *
 * @param path   the file name as the user gave it ({@code <stdin>} for standard input)
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param message human-readable message, one line
 */
public record Diagnostic(String path, int line, int column, String message) {

    /** The one-line form {@code path:line:col: error: message}, unknown parts dropped. */
    public String headline() {
        StringBuilder b = new StringBuilder();
        if (path != null && !path.isEmpty()) {
            b.append(path).append(':');
        }
        if (line > 0) {
            b.append(line).append(':');
            if (column > 0) {
                b.append(column).append(':');
            }
        }
        if (b.length() > 0) {
            b.append(' ');
        }
        return b.append("error: ").append(message).toString();
    }

    /** Widest source excerpt shown under a diagnostic, in characters. */
    static final int MAX_EXCERPT = 160;

    /**
     * The headline followed, when the line is known, by the source line and a caret under the column. Control
     * characters in the excerpt are shown as {@code ?} and long lines are cut to a window around the column, so
     * binary or single-line input never floods the terminal.
     */
    public String render(SourceText source) {
        String head = headline();
        if (source == null || line <= 0) {
            return head;
        }
        String text = source.line(line);
        if (text == null || text.isEmpty()) {
            return head;
        }
        int caret = column > 0 ? Math.min(column - 1, text.length()) : -1;
        int from = 0;
        int to = text.length();
        if (to > MAX_EXCERPT) {
            from = caret < 0 ? 0 : Math.max(0, Math.min(caret - MAX_EXCERPT / 2, to - MAX_EXCERPT));
            to = Math.min(text.length(), from + MAX_EXCERPT);
        }
        StringBuilder b = new StringBuilder(head).append('\n');
        String prefix = from > 0 ? "..." : "";
        b.append(prefix);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            b.append(c == '\t' || (c >= 0x20 && c != 0x7f && c != 0xfffd) ? c : '?');
        }
        if (to < text.length()) {
            b.append("...");
        }
        if (caret >= 0) {
            b.append('\n').append(" ".repeat(prefix.length()));
            for (int i = from; i < caret; i++) {
                b.append(text.charAt(i) == '\t' ? '\t' : ' ');
            }
            b.append('^');
        }
        return b.toString();
    }
}
