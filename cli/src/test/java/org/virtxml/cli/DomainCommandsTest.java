package org.virtxml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The store commands' output, as virsh prints it, without running any guest. */
class DomainCommandsTest {
    @TempDir
    Path dir;

    private record Result(int rc, String out, String err) {
    }

    private Result run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--store", dir.resolve("store").toString(),
                "--runtime-dir", dir.resolve("run").toString()));
        all.addAll(List.of(args));
        CommandLine cl = Virtxml.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(all.toArray(String[]::new));
        return new Result(rc, out.toString(), err.toString());
    }

    private Path write(String name, String uuid) throws Exception {
        Path f = dir.resolve(name + "-in.xml");
        Files.writeString(f, "<domain type='qemu'><name>" + name + "</name>"
                + (uuid == null ? "" : "<uuid>" + uuid + "</uuid>")
                + "<memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");
        return f;
    }

    @Test
    void defineListDumpxmlUndefine() throws Exception {
        Path in = write("alpha", null);
        Result def = run("define", in.toString());
        assertEquals(0, def.rc(), def.err());
        assertEquals("Domain 'alpha' defined from " + in + "\n", def.out());
        run("define", write("Beta-long-name", null).toString());

        assertEquals(" Id   Name   State\n--------------------\n\n", run("list").out());
        assertEquals("""
                 Id   Name             State
                ---------------------------------
                 -    alpha            shut off
                 -    Beta-long-name   shut off

                """, run("list", "--all").out());
        assertEquals("alpha\nBeta-long-name\n\n", run("list", "--inactive", "--name").out());

        Result xml = run("dumpxml", "alpha");
        assertEquals(0, xml.rc(), xml.err());
        assertTrue(xml.out().startsWith("<domain type='qemu'>\n  <name>alpha</name>\n  <uuid>"), xml.out());
        Result normalized = runPlain("normalize", in.toString());
        // same document apart from the UUID the normalizer generates each time
        assertEquals(withoutUuid(normalized.out()), withoutUuid(xml.out()));
        assertEquals("shut off (unknown)\n\n", run("domstate", "--reason", "alpha").out());

        Result undef = run("undefine", "alpha");
        assertEquals(0, undef.rc(), undef.err());
        assertEquals("Domain 'alpha' has been undefined\n", undef.out());
        Result gone = run("dumpxml", "alpha");
        assertEquals(1, gone.rc());
        assertEquals("virtxml: error: failed to get domain 'alpha'\n", gone.err());
    }

    @Test
    void conflictsAreRefusedWithLibvirtsMessages() throws Exception {
        String u = "2a3a1e5c-0d7e-4b1c-9f0e-111111111111";
        assertEquals(0, run("define", write("one", u).toString()).rc());
        Path two = write("two", u);
        Result r = run("define", two.toString());
        assertEquals(1, r.rc());
        assertEquals(two + ": error: operation failed: domain 'one' is already defined with uuid " + u + "\n",
                r.err());
        Result uuidLookup = run("domstate", u);
        assertEquals("shut off\n\n", uuidLookup.out(), uuidLookup.err());
    }

    @Test
    void aBrokenConfigIsReportedAndTheRestListed() throws Exception {
        run("define", write("good", null).toString());
        Files.writeString(dir.resolve("store/bad.xml"), "<domain type='qemu'><name>bad</name");
        Result r = run("list", "--all");
        assertEquals(0, r.rc());
        assertTrue(r.out().contains(" -    good   shut off\n"), r.out());
        assertTrue(r.err().startsWith("virtxml: warning: " + dir.resolve("store/bad.xml") + ":1:"), r.err());
        Result undef = run("undefine", "bad");
        assertEquals(0, undef.rc(), undef.err());
    }

    @Test
    void commandsOnAnInactiveDomainFailLikeVirsh() throws Exception {
        run("define", write("idle", null).toString());
        for (String cmd : List.of("suspend", "resume", "destroy", "shutdown")) {
            Result r = run(cmd, "idle");
            assertEquals(1, r.rc(), cmd);
            assertTrue(r.err().endsWith("domain 'idle': Requested operation is not valid: domain is not running\n"),
                    cmd + ": " + r.err());
        }
        Result none = run("start", "nowhere");
        assertEquals(1, none.rc());
        assertEquals("virtxml: error: failed to get domain 'nowhere'\n", none.err());
    }

    @Test
    void aDocumentThatDoesNotParseIsLocated() throws Exception {
        Path f = dir.resolve("broken.xml");
        Files.writeString(f, "<domain type='qemu'>\n  <name>x</name>\n  <oops>\n</domain>\n");
        Result r = run("define", f.toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().startsWith(f + ":4:"), r.err());
        assertEquals(2, run("define", dir.resolve("missing.xml").toString()).rc());
    }

    private static Result runPlain(String... args) {
        CommandLine cl = Virtxml.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    private static String withoutUuid(String xml) {
        return xml.replaceAll("<uuid>[^<]*</uuid>", "<uuid/>");
    }

    @Test
    void theTableIsVirshs() {
        assertEquals(" Id   Name   State\n--------------------\n",
                ListCommand.table(List.of(new String[][] {{"Id", "Name", "State"}})));
    }
}
