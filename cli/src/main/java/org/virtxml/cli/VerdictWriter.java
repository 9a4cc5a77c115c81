package org.virtxml.cli;

import java.io.PrintWriter;
import java.util.List;
import org.virtxml.schema.ValidationResult;
import org.virtxml.xml.Diagnostic;

/** Writes validation verdicts in one of the {@code --format} forms. */
interface VerdictWriter {

    /** Writes all verdicts. */
    void write(List<ValidationResult> results, PrintWriter out);

    /** The writer for a format. */
    static VerdictWriter forFormat(ValidateCommand.Format f) {
        switch (f) {
            case text:
                return VerdictWriter::text;
            case tsv:
                return VerdictWriter::tsv;
            case json:
                return VerdictWriter::json;
            case junit:
                return VerdictWriter::junit;
        }
        throw new AssertionError(f);
    }

    /** virt-xml-validate's words, one line per file. */
    private static void text(List<ValidationResult> results, PrintWriter out) {
        for (ValidationResult r : results) {
            out.println(r.path() + (r.valid() ? " validates" : " fails to validate"));
        }
    }

    /** {@code path<TAB>kind<TAB>valid|invalid<TAB>first message}. */
    private static void tsv(List<ValidationResult> results, PrintWriter out) {
        for (ValidationResult r : results) {
            out.println(r.path() + '\t' + kind(r) + '\t' + (r.valid() ? "valid" : "invalid") + '\t'
                    + r.firstMessage().replace('\t', ' '));
        }
    }

    private static void json(List<ValidationResult> results, PrintWriter out) {
        out.println("[");
        for (int i = 0; i < results.size(); i++) {
            ValidationResult r = results.get(i);
            out.print("  {\"path\": " + Json.quote(r.path()) + ", \"kind\": "
                    + (r.kind() == null ? "null" : Json.quote(r.kind().kindName()))
                    + ", \"valid\": " + r.valid() + ", \"errors\": [");
            for (int j = 0; j < r.errors().size(); j++) {
                Diagnostic d = r.errors().get(j);
                out.print((j > 0 ? ", " : "") + "{\"line\": " + d.line() + ", \"column\": " + d.column()
                        + ", \"message\": " + Json.quote(d.message()) + "}");
            }
            out.println("]}" + (i + 1 < results.size() ? "," : ""));
        }
        out.println("]");
    }

    private static void junit(List<ValidationResult> results, PrintWriter out) {
        long failures = results.stream().filter(r -> !r.valid()).count();
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<testsuite name=\"virtxml validate\" tests=\"" + results.size() + "\" failures=\"" + failures
                + "\" errors=\"0\">");
        for (ValidationResult r : results) {
            out.print("  <testcase classname=\"" + Json.xmlEscape(kind(r)) + "\" name=\"" + Json.xmlEscape(r.path())
                    + "\"");
            if (r.valid()) {
                out.println("/>");
                continue;
            }
            out.println(">");
            StringBuilder all = new StringBuilder();
            for (Diagnostic d : r.errors()) {
                all.append(d.headline()).append('\n');
            }
            out.println("    <failure message=\"" + Json.xmlEscape(r.firstMessage()) + "\">"
                    + Json.xmlEscape(all.toString()) + "</failure>");
            out.println("  </testcase>");
        }
        out.println("</testsuite>");
    }

    private static String kind(ValidationResult r) {
        return r.kind() == null ? "" : r.kind().kindName();
    }
}
