package org.virtxml.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtxml.tests.Cli;
import org.virtxml.xml.Limits;

/**
 * Every hostile input ({@link HostileInputs}) is refused by every command with exit code 1 and a short error
 * that says why, in bounded time; the document commands (format, normalize, argv) give exactly one error line,
 * validate at most its per-document maximum.
 */
class HostileInputTest {
    /** Generous: these run in-process on a shared CI machine; docs/hardening.md has the measured figures. */
    private static final long WALL_LIMIT_MS = 20_000;
    /** Longest error line: a message, never a dump of the input. */
    private static final int MAX_LINE = 400;
    /** Longest line of a schema error, which names every element or value the schema would have taken. */
    private static final int MAX_SCHEMA_LINE = 2000;

    /** Made once: the largest cases take a moment to build. */
    private static final java.util.Map<String, HostileInputs.Case> CASES = HostileInputs.all();

    static Stream<Arguments> cases() {
        return CASES.values().stream()
                .flatMap(c -> Stream.of("validate", "format", "normalize", "argv")
                        .map(cmd -> Arguments.of(c.name(), cmd)));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("cases")
    void refusedQuicklyWithOneClearError(String name, String command, @TempDir Path tmp) throws Exception {
        HostileInputs.Case c = CASES.get(name);
        Path file = tmp.resolve(name + ".xml");
        Files.write(file, c.bytes());
        long start = System.nanoTime();
        Cli.Result r = Cli.run(command, file.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, r.exitCode(), () -> command + " " + name + ": " + r.err());
        assertTrue(ms < WALL_LIMIT_MS, command + " " + name + " took " + ms + " ms");
        List<String> headlines = r.err().lines().filter(l -> l.contains(": error: ")).toList();
        assertTrue(!headlines.isEmpty(), () -> "no error line: " + r.err());
        for (String l : r.err().lines().toList()) {
            // a schema error lists the elements the schema expected there, which can take a long line
            int max = command.equals("validate") && l.contains("; expected ") ? MAX_SCHEMA_LINE : MAX_LINE;
            assertTrue(l.length() <= max, () -> "error output line of " + l.length() + " characters");
        }
        if (command.equals("validate")) {
            assertTrue(headlines.size() <= Limits.MAX_ERRORS_PER_DOCUMENT + 1, r.err());
            assertTrue(!r.out().contains("\tvalid"), r.out());
        } else {
            assertEquals(1, headlines.size(), r.err());
            assertTrue(headlines.get(0).contains(c.expected()),
                    () -> "expected '" + c.expected() + "' in: " + headlines.get(0));
        }
    }
}
