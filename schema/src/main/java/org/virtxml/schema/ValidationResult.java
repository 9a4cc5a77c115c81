package org.virtxml.schema;

import java.util.List;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SourceText;

/**
 * The verdict on one document.
 *
 * @param source     the document (for showing source lines), null when it could not be read
 * @param path       the name the user gave
 * @param kind       the kind validated against, null when none could be determined
 * @param errors     every problem found, in document order (at most {@code Limits.MAX_ERRORS_PER_DOCUMENT})
 * @param omitted    how many further errors were found but not listed
 * @param unreadable true when the file could not be read at all (a usage error, not an invalid document)
 */
public record ValidationResult(SourceText source, String path, SchemaKind kind, List<Diagnostic> errors, int omitted,
                               boolean unreadable) {

    /** True when the document is valid against its schema. */
    public boolean valid() {
        return errors.isEmpty() && !unreadable;
    }

    /** The first message, or the empty string. */
    public String firstMessage() {
        return errors.isEmpty() ? "" : errors.get(0).message();
    }
}
