package org.virtxml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Batch output files: written in parallel, yet with the results a one-by-one run in the given order leaves. */
class BatchCommandTest {
    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cl = Virtxml.newCommandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aShorterResultReplacesALongerFileWhole() throws IOException {
        Path in = write("g.xml", "<domain type='kvm'><name>g</name></domain>");
        Path out = dir.resolve("out");
        write("out/g.xml", "x".repeat(10_000));
        assertEquals(0, run("format", "--output-dir", out.toString(), in.toString()));
        assertEquals("<domain type='kvm'>\n  <name>g</name>\n</domain>\n", Files.readString(out.resolve("g.xml")));
    }

    @Test
    void ofOperandsSharingAFileNameTheLastOneWins() throws IOException {
        Path out = dir.resolve("out");
        String[] args = new String[42];
        args[0] = "format";
        args[1] = "--output-dir=" + out;
        for (int i = 2; i < args.length; i++) {
            args[i] = write("d" + i + "/same.xml", "<domain type='kvm'><name>n" + i + "</name></domain>").toString();
        }
        assertEquals(0, run(args));
        assertEquals("<domain type='kvm'>\n  <name>n41</name>\n</domain>\n", Files.readString(out.resolve("same.xml")));
        // a refusal and a result under one name leave both files, as they did one by one
        Path ok = write("a/x.xml", "<domain type='kvm'><name>x</name></domain>");
        Path bad = write("b/x.xml", "<domain type='kvm'><vcpu>z</vcpu></domain>");
        assertEquals(1, run("format", "--output-dir", out.toString(), ok.toString(), bad.toString()));
        assertTrue(Files.readString(out.resolve("x.err")).contains("invalid value 'z' in <vcpu>"));
        assertTrue(Files.readString(out.resolve("x.xml")).contains("<name>x</name>"));
    }
}
