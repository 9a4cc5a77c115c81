package org.virtxml.tests.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.cli.Virtxml;
import picocli.CommandLine;

/** {@code virtxml format} as the CLI contract describes it: output, diagnostics, exit codes, --output-dir. */
class FormatCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Virtxml.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void printsTheDomainInLibvirtsLayout() throws IOException {
        Path in = write("a.xml", "<domain type=\"kvm\"><name>a</name><memory unit=\"MiB\">1</memory></domain>");
        Run r = run("format", in.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("<domain type='kvm'>\n  <name>a</name>\n  <memory unit='KiB'>1024</memory>\n</domain>\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void reportsARefusedDomainWithItsPlaceAndExitsOne() throws IOException {
        Path in = write("bad.xml", "<domain type='kvm'>\n  <name>a</name>\n  <on_crash>explode</on_crash>\n</domain>\n");
        Run r = run("format", in.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].startsWith(in + ":3:"), lines[0]);
        assertTrue(lines[0].contains(": error: invalid value 'explode' in <on_crash>"), lines[0]);
        assertEquals("  <on_crash>explode</on_crash>", lines[1]);
        assertTrue(lines[2].trim().equals("^"), r.err());
    }

    @Test
    void unreadableFilesAndUsageErrorsExitTwo() throws IOException {
        assertEquals(2, run("format", tmp.resolve("missing.xml").toString()).code());
        Path a = write("a.xml", "<domain type='kvm'><name>a</name></domain>");
        Run r = run("format", a.toString(), a.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--output-dir"), r.err());
        assertEquals(2, run("format", "--no-such-option", a.toString()).code());
    }

    @Test
    void writesOneFilePerInputIntoTheOutputDirectory() throws IOException {
        Path good = write("good.xml", "<domain type='kvm'><name>g</name></domain>");
        Path bad = write("bad.xml", "<domain type='kvm'><name>b</name><vcpu>x</vcpu></domain>");
        Path out = tmp.resolve("out");
        Run r = run("format", "--output-dir", out.toString(), good.toString(), bad.toString());
        assertEquals(1, r.code());
        assertEquals("<domain type='kvm'>\n  <name>g</name>\n</domain>\n", Files.readString(out.resolve("good.xml")));
        String err = Files.readString(out.resolve("bad.err"));
        // the .err file holds the message; the located diagnostic goes to stderr
        assertTrue(err.startsWith("invalid value 'x' in <vcpu>"), err);
        assertTrue(r.err().contains(bad + ":1:"), r.err());
        assertTrue(!Files.exists(out.resolve("bad.xml")) && !Files.exists(out.resolve("good.err")));
    }
}
