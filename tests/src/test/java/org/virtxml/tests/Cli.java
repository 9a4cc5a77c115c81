package org.virtxml.tests;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.virtxml.cli.Virtxml;
import picocli.CommandLine;

/** Runs the virtxml command line in-process, capturing its output, exactly as a user's shell would call it. */
public final class Cli {
    /** What one run produced. */
    public record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /** Runs {@code virtxml ARGS...}. */
    public static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Virtxml.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args.toArray(String[]::new));
        return new Result(rc, out.toString(), err.toString());
    }

    /** Runs {@code virtxml ARGS...}. */
    public static Result run(String... args) {
        return run(List.of(args));
    }
}
