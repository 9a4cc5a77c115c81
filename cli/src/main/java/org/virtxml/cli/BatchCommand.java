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

    /** The outcome for one operand; {@code writeError} says why its output file could not be written. */
    private record Result(String operand, String output, Diagnostic problem, SourceText source, boolean unreadable,
                          String writeError) {
        Result(String operand, String output, Diagnostic problem, SourceText source, boolean unreadable) {
            this(operand, output, problem, source, unreadable, null);
        }

        Result written(String error) {
            return new Result(operand, output, problem, source, unreadable, error);
        }
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
        // documents are independent: work on them in parallel, report in the order given. Each writes its own
        // output file as soon as it is done (file creation waits on the disk; overlapped, it costs little), except
        // operands sharing a file name, which are written in order below so that the last one still wins.
        java.util.Map<String, Integer> stems = new java.util.HashMap<>();
        for (String f : files) {
            stems.merge(Inputs.stem(f), 1, Integer::sum);
        }
        List<Result> results = java.util.stream.IntStream.range(0, files.size()).parallel()
                .mapToObj(i -> {
                    Result r = runOne(files.get(i));
                    return outputDir != null && stems.get(Inputs.stem(r.operand())) == 1 ? r.written(write(r)) : r;
                }).toList();
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
                continue;
            }
            String writeError = stems.get(Inputs.stem(r.operand())) == 1 ? r.writeError() : write(r);
            if (writeError != null) {
                err.println(writeError);
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
        } catch (StackOverflowError | OutOfMemoryError e) {
            // a bug (or a document beyond the heap) fails this document only: the batch goes on, the exit code
            // says something failed; what it held is garbage once this frame is gone
            return new Result(operand, null, new Diagnostic(src.name(), 0, 0, INTERNAL_ERROR + e), src, false);
        }
    }

    /**
     * Writes a file's new content over the old one and then cuts it to length, rather than truncating it first:
     * ext4 flushes a file truncated to zero and rewritten when it is closed, and the next truncation waits for
     * that flush, so batch runs into an existing output directory spent seconds waiting on the disk.
     */
    static void writeInPlace(Path target, byte[] bytes) throws IOException {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(target,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                c.write(b);
            }
            if (c.size() > bytes.length) {
                c.truncate(bytes.length);
            }
        }
    }

    /** Writes the output or {@code .err} file of one operand; the error message when it cannot be written. */
    private String write(Result r) {
        String stem = Inputs.stem(r.operand());
        Path target = outputDir.resolve(stem + (r.output() != null ? outputExtension() : ".err"));
        String text = r.output() != null ? r.output() : r.problem().message() + "\n";
        try {
            writeInPlace(target, text.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (IOException e) {
            return "virtxml: error: cannot write " + target + ": " + e.getMessage();
        }
    }
}
