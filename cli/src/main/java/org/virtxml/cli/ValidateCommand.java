package org.virtxml.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.virtxml.schema.SchemaKind;
import org.virtxml.schema.ValidationResult;
import org.virtxml.schema.XmlValidator;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.Limits;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code virtxml validate}: the job of virt-xml-validate, for many files in one run. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate libvirt XML documents against their RELAX NG schema.")
final class ValidateCommand implements Callable<Integer> {

    /** Output formats of the verdicts. */
    enum Format { text, tsv, json, junit }

    @Spec
    CommandSpec spec;

    @Option(names = "--schema", paramLabel = "KIND", converter = KindConverter.class,
            description = "Validate as this kind instead of detecting it from the root element.")
    SchemaKind schema;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Verdict format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--list-kinds", description = "List the document kinds and their root elements, then exit.")
    boolean listKinds;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to validate; - reads standard input.")
    List<String> files = new ArrayList<>();

    /** Standard input, replaceable by tests. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listKinds) {
            for (SchemaKind k : SchemaKind.values()) {
                out.printf("%-17s <%s>%n", k.kindName(), k.rootElement());
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: FILE");
        }
        if (files.stream().filter("-"::equals).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "standard input (-) can be given only once");
        }
        XmlValidator validator = new XmlValidator();
        // Jing schemas are thread-safe and each document gets its own validator, so files run in parallel;
        // results are printed in the order given.
        List<ValidationResult> results = IntStream.range(0, files.size()).parallel()
                .mapToObj(i -> validateOne(validator, files.get(i)))
                .toList();
        int rc = ExitCodes.OK;
        for (ValidationResult r : results) {
            for (Diagnostic d : r.errors()) {
                err.println(d.render(r.source()));
            }
            if (r.omitted() >= Limits.MAX_ERRORS_COUNTED) {
                err.println(r.path() + ": error: " + r.omitted() + " more errors not shown; validation stopped there");
            } else if (r.omitted() > 0) {
                err.println(r.path() + ": error: " + r.omitted() + " more errors not shown");
            }
            if (r.unreadable()) {
                rc = ExitCodes.USAGE;
            } else if (!r.valid() && rc == ExitCodes.OK) {
                rc = ExitCodes.FAILED;
            }
        }
        err.flush();
        VerdictWriter.forFormat(format).write(results, out);
        out.flush();
        return rc;
    }

    private ValidationResult validateOne(XmlValidator validator, String operand) {
        SourceText src;
        try {
            src = Inputs.read(operand, stdin);
        } catch (SourceText.UnreadableInputException e) {
            return new ValidationResult(null, operand, schema, List.of(e.diagnostic()), 0, true);
        } catch (XmlInputException e) {
            return new ValidationResult(null, operand, schema, List.of(e.diagnostic()), 0, false);
        }
        try {
            return validator.validate(src, schema);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a bug fails this document only; the other files of the run still get their verdicts
            return new ValidationResult(src, operand, schema, List.of(new Diagnostic(src.name(), 0, 0,
                    "virtxml internal error: " + e)), 0, false);
        }
    }

    /** Accepts the kind names of the contract and lists them when the name is unknown. */
    static final class KindConverter implements CommandLine.ITypeConverter<SchemaKind> {
        @Override
        public SchemaKind convert(String value) {
            SchemaKind k = SchemaKind.byName(value);
            if (k == null) {
                StringBuilder b = new StringBuilder("unknown schema kind '").append(value).append("'; expected one of: ");
                for (SchemaKind s : SchemaKind.values()) {
                    b.append(s.kindName()).append(s.ordinal() + 1 < SchemaKind.values().length ? ", " : "");
                }
                throw new CommandLine.TypeConversionException(b.toString());
            }
            return k;
        }
    }
}
