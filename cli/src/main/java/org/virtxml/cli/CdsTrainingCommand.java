package org.virtxml.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Hidden: runs validate, normalize and argv over some documents in one JVM so that the launcher can record a
 * class-data-sharing archive of every class a real run loads (one archive serves all commands).
 */
@Command(name = "cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {

    @Parameters(arity = "1..*")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        java.nio.file.Path out;
        try {
            out = java.nio.file.Files.createTempDirectory("virtxml-cds-");
        } catch (java.io.IOException e) {
            return ExitCodes.FAILED;
        }
        for (String command : List.of("validate", "normalize", "argv")) {
            List<String> args = new ArrayList<>(List.of(command));
            if (!command.equals("validate")) {
                args.addAll(List.of("--output-dir", out.resolve(command).toString()));
            }
            args.addAll(files);
            CommandLine cl = Virtxml.newCommandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(new StringWriter()));
            cl.execute(args.toArray(String[]::new));
        }
        return ExitCodes.OK;
    }
}
