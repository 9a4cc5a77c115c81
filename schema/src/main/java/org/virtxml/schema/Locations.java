package org.virtxml.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.virtxml.xml.SourceText;
import org.xml.sax.Locator;

/**
 * Moves a parser position (just after a tag) to where the problem is: the start of the tag, or the attribute
 * a message names.
 */
final class Locations {
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute \"([^\"]+)\"");

    private Locations() {
    }

    /** The 1-based column of the start of the tag that ends at the locator, or the locator's column. */
    static int tagStart(SourceText source, Locator locator) {
        return refine(source, locator.getLineNumber(), locator.getColumnNumber(), "")[1];
    }

    /** {line, column} of the tag (or the named attribute) that ends just before {@code line:col}. */
    static int[] refine(SourceText source, int line, int col, String message) {
        if (line <= 0 || col <= 0) {
            return new int[] {line, col};
        }
        // walk back over at most a few lines to find the '<' that opens the tag ending here
        int l = line;
        String text = source.line(l);
        if (text == null) {
            return new int[] {line, col};
        }
        int i = Math.min(col - 2, text.length() - 1);
        int guard = 0;
        while (true) {
            while (i >= 0 && text.charAt(i) != '<') {
                i--;
            }
            if (i >= 0) {
                break;
            }
            if (--l < 1 || ++guard > 64) {
                return new int[] {line, col};
            }
            text = source.line(l);
            i = text.length() - 1;
        }
        int[] at = {l, i + 1};
        Matcher a = ATTRIBUTE.matcher(message);
        if (a.find()) {
            int[] attr = findAttribute(source, l, i, line, a.group(1));
            if (attr != null) {
                return attr;
            }
        }
        return at;
    }

    private static int[] findAttribute(SourceText source, int fromLine, int fromIndex, int toLine, String name) {
        Pattern p = Pattern.compile("(?<=[\\s])" + Pattern.quote(name) + "\\s*=");
        for (int l = fromLine; l <= toLine; l++) {
            String t = source.line(l);
            if (t == null) {
                return null;
            }
            Matcher m = p.matcher(t);
            if (m.find(l == fromLine ? fromIndex : 0)) {
                return new int[] {l, m.start() + 1};
            }
        }
        return null;
    }
}
