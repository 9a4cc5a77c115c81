package org.virtxml.cli;

import java.io.PrintWriter;
import java.util.List;
import org.virtxml.schema.SchemaKind;
import org.virtxml.schema.Schemas;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code virtxml} command: libvirt XML offline. {@code main} only builds the command line and exits. */
@Command(name = "virtxml",
        mixinStandardHelpOptions = true,
        versionProvider = Virtxml.Version.class,
        description = "libvirt XML offline: validate, format, normalize, QEMU argv; define and run domains.")
public final class Virtxml {

    /**
     * Every subcommand, in the order help lists them (one per line, so branches that add commands merge without
     * conflicts). They are registered in code rather than in {@code @Command(subcommands)} so that a run of one
     * command builds only that command's model: picocli's reflection over all of them cost a third of a second.
     */
    static final List<Class<?>> COMMANDS = List.of(
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
            ConsoleCommand.class);

    /** Runs the command line and exits with its code: 0 success, 1 invalid/failed, 2 usage. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("validate")) {
            // most validate runs are about domains; compiling that schema dominates a single-file run
            Schemas.prefetch(SchemaKind.DOMAIN);
        }
        System.exit(newCommandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    /**
     * The configured command line. Tests call this and set their own writers with
     * {@link CommandLine#setOut(PrintWriter)} / {@link CommandLine#setErr(PrintWriter)}.
     */
    public static CommandLine newCommandLine() {
        return newCommandLine(null);
    }

    /** The command line with only subcommand {@code only} when that names one, else with all of them. */
    static CommandLine newCommandLine(String only) {
        CommandLine cl = new CommandLine(new Virtxml());
        boolean one = only != null && COMMANDS.stream().anyMatch(c -> nameOf(c).equals(only));
        for (Class<?> c : COMMANDS) {
            if (!one || nameOf(c).equals(only)) {
                cl.addSubcommand(nameOf(c), c);
            }
        }
        cl.addSubcommand("help", CommandLine.HelpCommand.class);
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

    private static String nameOf(Class<?> c) {
        return c.getAnnotation(Command.class).name();
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
