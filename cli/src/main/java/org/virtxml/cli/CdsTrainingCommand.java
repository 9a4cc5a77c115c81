package org.virtxml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Hidden: runs validate, normalize and argv over some documents in one JVM so that the launcher can record a
 * class-data-sharing archive of every class a real run loads (one archive serves all commands). Operands are XML
 * files or directories searched for {@code *.xml}; the more device kinds they cover, the fewer classes a later run
 * loads and verifies from the jar.
 */
@Command(name = "cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {

    @Parameters(arity = "1..*")
    List<Path> operands = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> files = new ArrayList<>();
        Path out;
        try {
            for (Path p : operands) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(f -> f.toString().endsWith(".xml")).sorted().forEach(f -> files.add(f.toString()));
                    }
                } else {
                    files.add(p.toString());
                }
            }
            out = Files.createTempDirectory("virtxml-cds-");
        } catch (IOException e) {
            return ExitCodes.FAILED;
        }
        try {
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
        } finally {
            deleteTree(out);
        }
        return ExitCodes.OK;
    }

    /** Removes the training run's own outputs (and nothing else). */
    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
