package org.virtxml.tests;

import java.util.ArrayList;
import java.util.List;

/** Splits a POSIX shell command line into words (quotes and backslashes), as Python's shlex.split does. */
public final class ShellWords {
    private ShellWords() {
    }

    /** The words, or null when a quote is left open. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    return null;
                }
                w.append(s, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < s.length() && s.charAt(j) != '"'; j++) {
                    char d = s.charAt(j);
                    if (d == '\\' && j + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(j + 1)) >= 0) {
                        w.append(s.charAt(++j));
                    } else {
                        w.append(d);
                    }
                }
                if (j >= s.length()) {
                    return null;
                }
                i = j;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < s.length()) {
                    char n = s.charAt(++i);
                    if (n != '\n') {
                        w.append(n);
                        inWord = true;
                    }
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
