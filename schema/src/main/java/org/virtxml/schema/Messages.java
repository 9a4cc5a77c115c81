package org.virtxml.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites Jing's messages into the form users of virtxml see: choices listed as
 * {@code expected one of: 'a', 'b', ...} (long lists cut), quotes as libvirt quotes values.
 */
final class Messages {
    /** How many choices a message lists before "...". */
    static final int MAX_CHOICES = 16;

    private static final Pattern EQUAL_TO = Pattern.compile("must be equal to (.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private Messages() {
    }

    static String rewrite(String jing) {
        if (jing == null) {
            return "invalid";
        }
        String m = jing.strip().replace('\n', ' ');
        Matcher eq = EQUAL_TO.matcher(m);
        if (eq.find()) {
            List<String> choices = quoted(eq.group(1));
            if (!choices.isEmpty()) {
                m = m.substring(0, eq.start()) + "expected one of: " + list(choices);
            }
        }
        return m;
    }

    private static List<String> quoted(String s) {
        List<String> out = new ArrayList<>();
        Matcher q = QUOTED.matcher(s);
        while (q.find()) {
            out.add(q.group(1));
        }
        return out;
    }

    private static String list(List<String> choices) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(choices.size(), MAX_CHOICES);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append('\'').append(choices.get(i)).append('\'');
        }
        if (choices.size() > n) {
            b.append(", ... (").append(choices.size() - n).append(" more)");
        }
        return b.toString();
    }
}
