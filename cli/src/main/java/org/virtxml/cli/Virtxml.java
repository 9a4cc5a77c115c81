package org.virtxml.cli;

import java.io.PrintWriter;
import org.virtxml.schema.SchemaKind;
import org.virtxml.schema.Schemas;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code virtxml} command: libvirt XML offline. {@code main} only builds the command line and exits. */
@Command(name = "virtxml",
        mixinStandardHelpOptions = true,
        versionProvider = Virtxml.Version.class,
        description = "libvirt XML offline: validate, format, normalize, QEMU argv; define and run domains.",
        // one subcommand per line: branches that add commands then merge without conflicts
        subcommands = {
            ValidateCommand.class,
            FormatCommand.class,
            NormalizeCommand.class,
            ArgvCommand.class,
            CapabilitiesCommand.class,
            DomCapabilitiesCommand.class,
            ProbeQemuCommand.class,
            DiffCommand.class,
            CdsTrainingCommand.class,
            DefineCommand.class,
            UndefineCommand.class,
            ListCommand.class,
            DumpxmlCommand.class,
            StartCommand.class,
            SuspendCommand.class,
            ResumeCommand.class,
            ShutdownCommand.class,
            DestroyCommand.class,
            DomstateCommand.class,
            ConsoleCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Virtxml {

    /** Runs the command line and exits with its code: 0 success, 1 invalid/failed, 2 usage. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("validate")) {
            // most validate runs are about domains; compiling that schema dominates a single-file run
            Schemas.prefetch(SchemaKind.DOMAIN);
        }
        System.exit(newCommandLine().execute(args));
    }

    /**
     * The configured command line. Tests call this and set their own writers with
     * {@link CommandLine#setOut(PrintWriter)} / {@link CommandLine#setErr(PrintWriter)}.
     */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Virtxml());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // never a stack trace for the user; VIRTXML_DEBUG=1 shows it to developers
            cmd.getErr().println("virtxml: internal error: " + ex);
            if (System.getenv("VIRTXML_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** Reports the version from the jar manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Virtxml.class.getPackage().getImplementationVersion();
            return new String[] {"virtxml " + (v == null ? "dev" : v) + " (targets libvirt 9.0.0, QEMU 7.2, x86_64)"};
        }
    }
}
