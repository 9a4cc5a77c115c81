package org.virtxml.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.virtxml.qemu.run.ConsoleInfo;
import org.virtxml.qemu.run.ConsoleSession;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code virtxml console NAME}: attaches the terminal to the guest's console (a pty, or a unix socket chardev)
 * until {@code ^]} is typed, standard input ends, or the domain stops. On a terminal, it is put in raw mode for
 * the session (with {@code stty}, as the JVM has no termios) and restored afterwards.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Attach to a running domain's console (escape with ^]).")
final class ConsoleCommand extends DomainCommand {

    @Option(names = "--devname", paramLabel = "DEVICE",
            description = "The console or serial port (console0, serial1, ...); default: the first console.")
    String devname;

    @Parameters(paramLabel = "DOMAIN", description = "Name, UUID or id.")
    String domain;

    @Override
    int run() throws IOException, DomainException, InterruptedException {
        DomainRuntime runtime = stores.runtime();
        String name = resolve(domain, stores.store(), runtime);
        ConsoleInfo c = runtime.console(name, devname);
        DomainRuntime.Inspection i = runtime.inspect(name, false);
        try (ConsoleSession s = ConsoleSession.open(c, Path.of(i.status().dir()))) {
            // virsh's banner goes to standard error here, so standard output carries only the guest's bytes
            err().println("Connected to domain '" + name + "'");
            err().println("Escape character is ^] (Ctrl + ])");
            err().flush();
            String saved = System.console() != null ? stty("-g") : null;
            if (saved != null) {
                stty("raw", "-echo");
            }
            ConsoleSession.End end;
            try {
                OutputStream screen = System.out;
                end = s.run(System.in, screen);
            } finally {
                if (saved != null) {
                    stty(saved);
                }
            }
            if (end == ConsoleSession.End.CONSOLE_CLOSED) {
                err().println();
                err().println("virtxml: the console of domain '" + name + "' closed (the domain stopped?)");
            } else {
                err().println();
            }
        }
        return ExitCodes.OK;
    }

    /** Runs stty on the controlling terminal; returns its output, or null when it fails. */
    private static String stty(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("stty"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
