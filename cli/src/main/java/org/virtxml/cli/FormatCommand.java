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
import org.virtxml.model.DomainXml;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code virtxml format}: reads a domain into the model and writes it back as libvirt formats it, adding nothing
 * (no defaults), so two documents can be compared the way libvirt would print them.
 */
@Command(name = "format", mixinStandardHelpOptions = true,
        description = "Write a domain back in libvirt's layout, without adding defaults.")
final class FormatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write DIR/<stem>.xml for each readable domain and DIR/<stem>.err for each refused one.")
    Path outputDir;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Domain XML files; - reads standard input.")
    List<String> files = new ArrayList<>();

    /** Standard input, replaceable by tests. */
    InputStream stdin = System.in;

    /** The outcome for one operand. */
    private record Result(String operand, String xml, Diagnostic problem, SourceText source, boolean unreadable) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (files.stream().filter("-"::equals).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "standard input (-) can be given only once");
        }
        if (outputDir == null && files.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "several files need --output-dir; without it format writes one document to standard output");
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
        int rc = ExitCodes.OK;
        for (String operand : files) {
            Result r = formatOne(operand);
            if (r.problem() != null) {
                err.println(r.problem().render(r.source()));
                rc = r.unreadable() ? ExitCodes.USAGE : Math.max(rc, ExitCodes.FAILED);
            }
            if (outputDir == null) {
                if (r.xml() != null) {
                    out.print(r.xml());
                }
            } else if (!write(r, err)) {
                rc = ExitCodes.USAGE;
            }
        }
        out.flush();
        err.flush();
        return rc;
    }

    private Result formatOne(String operand) {
        SourceText src;
        try {
            src = Inputs.read(operand, stdin);
        } catch (SourceText.UnreadableInputException e) {
            return new Result(operand, null, e.diagnostic(), null, true);
        } catch (XmlInputException e) {
            return new Result(operand, null, e.diagnostic(), null, false);
        }
        try {
            return new Result(operand, DomainXml.format(DomainXml.parse(src)), null, src, false);
        } catch (XmlInputException e) {
            return new Result(operand, null, e.diagnostic(), src, false);
        }
    }

    /** Writes the {@code .xml} or {@code .err} file of one operand; false when it cannot be written. */
    private boolean write(Result r, PrintWriter err) {
        String stem = Inputs.stem(r.operand());
        Path target = outputDir.resolve(stem + (r.xml() != null ? ".xml" : ".err"));
        String text = r.xml() != null ? r.xml() : r.problem().headline() + "\n";
        try {
            Files.writeString(target, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("virtxml: error: cannot write " + target + ": " + e.getMessage());
            return false;
        }
    }
}
