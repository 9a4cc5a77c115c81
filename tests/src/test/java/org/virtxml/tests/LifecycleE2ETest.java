package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.cli.Virtxml;

/**
 * End to end: boots a real Linux guest with {@code virtxml start} and manages it with separate {@code virtxml}
 * processes, as a user's shell would. The guest is Debian's kernel (linux-image-amd64) with an initramfs of
 * busybox-static built by {@code scripts/make-test-guest}; it answers every line it reads on its serial console
 * and powers off on an ACPI power-button press.
 *
 * <p>Steps: define (with {@code <kernel>}, {@code <initrd>}, {@code <cmdline>console=ttyS0</cmdline>} and a
 * serial console), list, start (KVM when it boots a guest here, else TCG; {@code VIRTXML_E2E_ACCEL=kvm|tcg}
 * forces one), read the guest's answer on the console, suspend and resume (state paused, then running), shutdown
 * (the guest powers off by itself: the state goes to "shut off (shutdown)", not "destroyed"), undefine.
 *
 * <p>Never skipped: when QEMU, the kernel or busybox is missing the test fails and says to run
 * {@code scripts/install-test-deps}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LifecycleE2ETest {
    private static final String NAME = "virtxml-e2e";
    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    @TempDir
    Path tmp;

    private final Map<String, Long> timings = new LinkedHashMap<>();
    private long t0;

    @Test
    void bootsManagesAndShutsDownARealGuest() throws Exception {
        Path root = Path.of(System.getProperty("virtxml.root", "..")).toAbsolutePath().normalize();
        if (!Files.isExecutable(QEMU)) {
            fail(QEMU + " is missing: run scripts/install-test-deps (it installs qemu-system-x86)");
        }
        long start = System.nanoTime();
        t0 = start;
        Path guestDir = root.resolve("tests/target/test-guest");
        Run made = run(List.of(root.resolve("scripts/make-test-guest").toString(), guestDir.toString()), 300);
        if (made.code() != 0) {
            fail("scripts/make-test-guest failed (run scripts/install-test-deps first):\n" + made.err());
        }
        Map<String, String> guest = readEnv(guestDir.resolve("guest.env"));
        lap("make-test-guest");

        String accel = accelerator(guest.get("KERNEL"));
        lap("KVM probe");
        Path xml = tmp.resolve(NAME + ".xml");
        Files.writeString(xml, """
                <domain type='%s'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <serial type='pty'/>
                    <console type='pty'/>
                  </devices>
                </domain>
                """.formatted(accel.equals("kvm") ? "kvm" : "qemu", NAME, guest.get("KERNEL"), guest.get("INITRD")));

        Process console = null;
        try {
            Run def = virtxml("define", xml.toString());
            assertEquals(0, def.code(), def.err());
            assertEquals("Domain '" + NAME + "' defined from " + xml + "\n", def.out());
            assertEquals("shut off", stateInList(virtxml("list", "--all")));
            lap("define");

            Run started = virtxml("start", NAME);
            assertEquals(0, started.code(), started.err());
            assertEquals("Domain '" + NAME + "' started\n", started.out());
            assertEquals("running", stateInList(virtxml("list")));
            lap("start");

            // the guest answers every line it reads; keep sending one until its answer comes back
            console = new ProcessBuilder(virtxmlCommand("console", NAME)).start();
            String reply = converse(console, "virtxml-guest: got 'hello-e2e'", 240);
            assertTrue(reply.contains("virtxml-guest: got 'hello-e2e'"), reply);
            console.getOutputStream().close();
            assertTrue(console.waitFor(30, TimeUnit.SECONDS), "console did not end when its input ended");
            assertEquals(0, console.exitValue());
            lap("boot + console reply");

            Run suspended = virtxml("suspend", NAME);
            assertEquals(0, suspended.code(), suspended.err());
            assertEquals("paused\n\n", virtxml("domstate", NAME).out());
            assertEquals("paused", stateInList(virtxml("list")));
            Run resumed = virtxml("resume", NAME);
            assertEquals(0, resumed.code(), resumed.err());
            assertEquals("running (unpaused)\n\n", virtxml("domstate", "--reason", NAME).out());
            lap("suspend + resume");

            Run down = virtxml("shutdown", "--timeout", "120", NAME);
            assertEquals(0, down.code(), down.err());
            assertEquals("Domain '" + NAME + "' is shut off\n", down.out(), down.err());
            assertEquals("shut off (shutdown)\n\n", virtxml("domstate", "--reason", NAME).out());
            assertEquals("shut off", stateInList(virtxml("list", "--all")));
            assertEquals(" Id   Name   State\n--------------------\n\n", virtxml("list").out());
            lap("shutdown");

            Run undefined = virtxml("undefine", NAME);
            assertEquals(0, undefined.code(), undefined.err());
            assertFalse(virtxml("list", "--all").out().contains(NAME));
        } finally {
            if (console != null) {
                console.destroyForcibly();
            }
            // never leave a guest running, whatever failed
            virtxml("destroy", NAME);
            System.out.println("LifecycleE2ETest (" + accelChoice + "): " + timings + ", total "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        }
    }

    /** What the test ran with, and why. */
    private String accelChoice = "?";

    /**
     * KVM when {@code /dev/kvm} opens and really boots this kernel (a nested or broken KVM can accept the guest and
     * never run it: the probe waits for the kernel's first line for a few seconds), else TCG.
     */
    private String accelerator(String kernel) throws Exception {
        String forced = System.getenv("VIRTXML_E2E_ACCEL");
        if (forced != null && !forced.isEmpty()) {
            accelChoice = forced + " (forced)";
            return forced;
        }
        Path kvm = Path.of("/dev/kvm");
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            accelChoice = "tcg: /dev/kvm is not usable";
            return "tcg";
        }
        Path serial = tmp.resolve("kvm-probe.log");
        Process p = new ProcessBuilder(QEMU.toString(), "-accel", "kvm", "-machine", "pc", "-m", "256", "-nodefaults",
                "-display", "none", "-no-user-config", "-kernel", kernel, "-append", "console=ttyS0",
                "-serial", "file:" + serial).redirectErrorStream(true).redirectOutput(tmp.resolve("kvm-probe.err")
                .toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (Files.exists(serial) && Files.readString(serial, StandardCharsets.ISO_8859_1)
                        .contains("Linux version")) {
                    accelChoice = "kvm";
                    return "kvm";
                }
                Thread.sleep(100);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        accelChoice = "tcg: KVM did not boot the kernel within 8 s here";
        return "tcg";
    }

    /** Writes a line to the console every second until {@code expected} is in its output; returns the output. */
    private static String converse(Process console, String expected, int seconds) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = console.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (seen) {
                        seen.write(buf, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the console ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        OutputStream to = console.getOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            synchronized (seen) {
                if (seen.toString(StandardCharsets.ISO_8859_1).contains(expected)) {
                    return seen.toString(StandardCharsets.ISO_8859_1);
                }
            }
            if (!console.isAlive()) {
                fail("virtxml console ended early: " + new String(console.getErrorStream().readAllBytes(),
                        StandardCharsets.UTF_8) + "\nguest output:\n" + seen.toString(StandardCharsets.ISO_8859_1));
            }
            to.write("hello-e2e\n".getBytes(StandardCharsets.US_ASCII));
            to.flush();
            Thread.sleep(1000);
        }
        synchronized (seen) {
            fail("no '" + expected + "' on the console within " + seconds + " s; guest output:\n"
                    + seen.toString(StandardCharsets.ISO_8859_1));
        }
        return null;
    }

    /** The state column of the domain's row in {@code virtxml list} output. */
    private static String stateInList(Run list) {
        assertEquals(0, list.code(), list.err());
        for (String line : list.out().split("\n")) {
            String[] cols = line.trim().split("\\s{2,}");
            if (cols.length == 3 && cols[1].equals(NAME)) {
                return cols[2];
            }
        }
        return fail("no row for " + NAME + " in:\n" + list.out());
    }

    private void lap(String step) {
        long now = System.nanoTime();
        timings.put(step, TimeUnit.NANOSECONDS.toMillis(now - t0));
        t0 = now;
    }

    /** One finished process. */
    private record Run(int code, String out, String err) {
    }

    private List<String> virtxmlCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(javaCommand(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Virtxml.class.getName(),
                args[0], "--store", tmp.resolve("store").toString(), "--runtime-dir", tmp.resolve("run").toString()));
        cmd.addAll(List.of(args).subList(1, args.length));
        return cmd;
    }

    /** {@code virtxml ARGS} as its own process (every command is a separate invocation, as in a shell). */
    private Run virtxml(String... args) throws Exception {
        return run(virtxmlCommand(args), 300);
    }

    private static Run run(List<String> cmd, int seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try (InputStream e = p.getErrorStream()) {
                e.transferTo(err);
            } catch (IOException ignored) {
                // ended
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish within " + seconds + " s");
        }
        t.join(5000);
        return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> readEnv(Path f) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }
}
