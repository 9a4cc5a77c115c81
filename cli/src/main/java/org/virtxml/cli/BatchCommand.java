package org.virtxml.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The shape shared by {@code format}, {@code normalize} and {@code argv}: one document to standard output, or
 * many with {@code --output-dir DIR} writing {@code DIR/<stem><ext>} or {@code DIR/<stem>.err}. A bad file
 * never stops the batch: every other file still gets its result and the exit code says some failed.
 */
abstract class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write DIR/<stem>.<ext> for each accepted document and DIR/<stem>.err for each refused one.")
    Path outputDir;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Domain XML files; - reads standard input.")
    List<String> files = new ArrayList<>();

    /** How an unexpected failure starts its message (never one of libvirt's messages). */
    static final String INTERNAL_ERROR = "virtxml internal error: ";

    /** Standard input, replaceable by tests. */
    InputStream stdin = System.in;

    /** The extension of an accepted document's output file, with its dot. */
    abstract String outputExtension();

    /** Turns one document into this command's output, or throws the refusal. */
    abstract String transform(SourceText source);

    /** The outcome for one operand. */
    private record Result(String operand, String output, Diagnostic problem, SourceText source, boolean unreadable) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (files.stream().filter("-"::equals).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "standard input (-) can be given only once");
        }
        if (outputDir == null && files.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "several files need --output-dir; without "
                    + "it " + spec.name() + " writes one result to standard output");
        }
        if (outputDir != null) {
            try {
                Files.createDirectories(outputDir);
            } catch (IOException e) {
                err.println("virtxml: error: cannot create output directory " + outputDir + ": " + e.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        // documents are independent: work on them in parallel, report in the order given
        List<Result> results = java.util.stream.IntStream.range(0, files.size()).parallel()
                .mapToObj(i -> runOne(files.get(i))).toList();
        int rc = ExitCodes.OK;
        for (Result r : results) {
            if (r.problem() != null) {
                err.println(r.problem().render(r.source()));
                rc = r.unreadable() ? ExitCodes.USAGE : Math.max(rc, ExitCodes.FAILED);
            }
            if (outputDir == null) {
                if (r.output() != null) {
                    out.print(r.output());
                }
            } else if (!write(r, err)) {
                rc = ExitCodes.USAGE;
            }
        }
        out.flush();
        err.flush();
        return rc;
    }

    private Result runOne(String operand) {
        SourceText src;
        try {
            src = Inputs.read(operand, stdin);
        } catch (SourceText.UnreadableInputException e) {
            return new Result(operand, null, e.diagnostic(), null, true);
        } catch (XmlInputException e) {
            return new Result(operand, null, e.diagnostic(), null, false);
        }
        try {
            return new Result(operand, transform(src), null, src, false);
        } catch (RuntimeException e) {
            if (!(e instanceof XmlInputException)) {
                // a bug must not stop the batch: this document fails, the others still get their result
                return new Result(operand, null, new Diagnostic(src.name(), 0, 0, INTERNAL_ERROR + e), src, false);
            }
            Diagnostic d = ((XmlInputException) e).diagnostic();
            if (d.path() == null || d.path().isEmpty()) {
                // later stages know where in the document, not which document
                d = new Diagnostic(src.name(), d.line(), d.column(), d.message());
            }
            return new Result(operand, null, d, src, false);
        }
    }

    /** Writes the output or {@code .err} file of one operand; false when it cannot be written. */
    private boolean write(Result r, PrintWriter err) {
        String stem = Inputs.stem(r.operand());
        Path target = outputDir.resolve(stem + (r.output() != null ? outputExtension() : ".err"));
        String text = r.output() != null ? r.output() : r.problem().message() + "\n";
        try {
            Files.writeString(target, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("virtxml: error: cannot write " + target + ": " + e.getMessage());
            return false;
        }
    }
}
