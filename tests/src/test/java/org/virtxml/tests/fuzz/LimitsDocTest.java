package org.virtxml.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.virtxml.tests.Corpus;
import org.virtxml.xml.Limits;

/** The limits table of docs/hardening.md states exactly the bounds of {@link Limits}: every one, with its value. */
class LimitsDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(MAX_[A-Z_]+)` \\| ([0-9,]+) \\|", Pattern.MULTILINE);

    @Test
    void documentedLimitsAreTheLimits() throws IOException, IllegalAccessException {
        String doc = Files.readString(Corpus.projectRoot().resolve("docs/hardening.md"));
        Map<String, Long> documented = new TreeMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            documented.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
        }
        Map<String, Long> actual = new TreeMap<>();
        for (Field f : Limits.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                actual.put(f.getName(), (long) f.getInt(null));
            }
        }
        assertEquals(actual, documented);
    }
}
