package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A conformance ratchet: the list of corpus cases that pass, kept in {@code tests/src/test/resources/ratchet/NAME.txt}.
 * A listed case that no longer passes fails the build; a case that newly passes is added to the list (the file
 * in the source tree is rewritten, so the next commit records the progress).
 */
public final class Ratchet {
    private final String name;

    /** The ratchet stored as {@code ratchet/NAME.txt}. */
    public Ratchet(String name) {
        this.name = name;
    }

    private Path file() {
        return Corpus.projectRoot().resolve("tests/src/test/resources/ratchet").resolve(name + ".txt");
    }

    /**
     * Checks the passing cases against the list. {@code why} gives, for failing cases, a one-line reason shown
     * when a listed case regresses.
     */
    public void check(Collection<String> passing, int total, Map<String, String> why) {
        SortedSet<String> now = new TreeSet<>(passing);
        SortedSet<String> listed = read();
        List<String> regressed = new ArrayList<>();
        for (String c : listed) {
            if (!now.contains(c)) {
                regressed.add(c + (why.containsKey(c) ? ": " + why.get(c) : ""));
            }
        }
        SortedSet<String> added = new TreeSet<>(now);
        added.removeAll(listed);
        System.out.printf("ratchet %s: %d/%d pass (%.1f%%), %d listed, %d newly passing, %d regressed%n", name,
                now.size(), total, 100.0 * now.size() / Math.max(1, total), listed.size(), added.size(),
                regressed.size());
        if (!added.isEmpty()) {
            SortedSet<String> merged = new TreeSet<>(listed);
            merged.addAll(added);
            write(merged);
            System.out.println("ratchet " + name + ": added " + added.size() + " newly passing cases to " + file());
        }
        if (!regressed.isEmpty()) {
            fail("ratchet " + name + ": " + regressed.size() + " case(s) that used to pass now fail:\n  "
                    + String.join("\n  ", regressed));
        }
    }

    private SortedSet<String> read() {
        SortedSet<String> s = new TreeSet<>();
        Path f = file();
        if (!Files.exists(f)) {
            return s;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    s.add(t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private void write(SortedSet<String> cases) {
        try {
            Files.createDirectories(file().getParent());
            StringBuilder b = new StringBuilder("# corpus cases that pass '" + name
                    + "'; maintained by the conformance tests (a case may only be added)\n");
            for (String c : cases) {
                b.append(c).append('\n');
            }
            Files.writeString(file(), b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a read-only checkout still checks regressions; it just cannot record progress
            System.out.println("ratchet " + name + ": cannot update " + file() + ": " + e);
        }
    }
}
