package org.virtxml.cli;

import java.io.InputStream;
import java.nio.file.Path;
import org.virtxml.xml.SourceText;

/** Turns command-line operands into documents: a path, or {@code -} for standard input. */
final class Inputs {
    /** The name diagnostics use for standard input. */
    static final String STDIN_NAME = "<stdin>";

    private Inputs() {
    }

    /** Reads one operand; throws {@link org.virtxml.xml.XmlInputException} subclasses when it cannot. */
    static SourceText read(String operand, InputStream stdin) {
        if ("-".equals(operand)) {
            return SourceText.read(STDIN_NAME, stdin);
        }
        return SourceText.read(Path.of(operand));
    }

    /** The file name without directory and without {@code .xml}, as {@code --output-dir} names outputs. */
    static String stem(String operand) {
        if ("-".equals(operand)) {
            return "stdin";
        }
        String name = Path.of(operand).getFileName().toString();
        return name.endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
    }
}
