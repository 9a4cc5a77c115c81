package org.virtxml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.caps.QemuCaps;
import picocli.CommandLine;

class CapsCommandsTest {
    @TempDir
    Path dir;

    private record Result(int rc, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cl = Virtxml.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Result(rc, out.toString(), err.toString());
    }

    @Test
    void domcapabilitiesPrintsTheBuiltinProfile() {
        Result r = run("domcapabilities", "--machine", "q35");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().startsWith("<domainCapabilities>\n  <path>/usr/bin/qemu-system-x86_64</path>\n"
                + "  <domain>kvm</domain>\n  <machine>pc-q35-7.2</machine>\n"), r.out());
        assertTrue(r.out().endsWith("</domainCapabilities>\n\n\n"));
    }

    @Test
    void domcapabilitiesRefusalsExitOneWithLibvirtsWords() {
        Result r = run("domcapabilities", "--machine", "foo");
        assertEquals(1, r.rc());
        assertEquals("error: failed to get emulator capabilities\nerror: invalid argument: the machine 'foo' is not "
                + "supported by emulator '/usr/bin/qemu-system-x86_64'\n", r.err());
        assertEquals("", r.out());
        assertEquals(2, run("domcapabilities", "--no-such-option").rc());
    }

    @Test
    void capabilitiesListsBothBuiltinGuests() {
        Result r = run("capabilities");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().indexOf("<arch name='i686'>") < r.out().indexOf("<arch name='x86_64'>"));
        assertTrue(r.out().contains("<machine canonical='pc-q35-7.2' maxCpus='288'>q35</machine>"));
        assertEquals(2, run("capabilities", "--emulator", "/usr/bin/qemu-system-x86_64").rc(),
                "--emulator only makes sense with --qemu-probe");
    }

    @Test
    void qemuProbeTakesItsPathOnlyWhenAttached() {
        QemuProbeOption opt = new QemuProbeOption();
        CommandLine cl = new CommandLine(new Holder(opt));
        cl.parseArgs("--qemu-probe", "input.xml");
        assertEquals("", opt.probe, "a separate word stays an operand");
        assertTrue(opt.probing());
        QemuProbeOption opt2 = new QemuProbeOption();
        new CommandLine(new Holder(opt2)).parseArgs("--qemu-probe=/opt/qemu/bin/qemu-system-x86_64");
        assertEquals("/opt/qemu/bin/qemu-system-x86_64", opt2.probe);
        QemuProbeOption opt3 = new QemuProbeOption();
        new CommandLine(new Holder(opt3)).parseArgs("input.xml");
        assertTrue(!opt3.probing());
    }

    /** A command with the mixin and one operand, to see how arguments are split. */
    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin
        QemuProbeOption qemu;

        @CommandLine.Parameters(arity = "0..*")
        java.util.List<String> files;

        Holder(QemuProbeOption q) {
            qemu = q;
        }
    }

    @Test
    void probeQemuWritesAProfileThatLoads() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")), "QEMU not installed");
        Path out = dir.resolve("p.json");
        Path builtin = dir.resolve("builtin.json");
        Files.writeString(builtin, QemuCaps.builtin().toJson());
        Result r = run("probe-qemu", "--emulator", "/usr/bin/qemu-system-x86_64", "--host-from", builtin.toString(),
                "--output", out.toString());
        assertEquals(0, r.rc(), r.err());
        QemuCaps probed = QemuCaps.load(out);
        assertEquals("/usr/bin/qemu-system-x86_64", probed.emulator());
        assertEquals(QemuCaps.builtin().host(), probed.host());
    }

    @Test
    void probeQemuReportsBadInputs() throws Exception {
        Result r = run("probe-qemu", "--emulator", dir.resolve("missing").toString());
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("is not an executable file"), r.err());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{}");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")), "QEMU not installed");
        r = run("probe-qemu", "--emulator", "/usr/bin/qemu-system-x86_64", "--host-from", bad.toString());
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("\"format\" is missing"), r.err());
    }
}
