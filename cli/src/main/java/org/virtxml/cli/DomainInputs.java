package org.virtxml.cli;

import java.io.InputStream;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.normalizer.RandomSource;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;

/** Reading and normalizing a domain document for {@code define} and {@code start FILE}. */
final class DomainInputs {
    private DomainInputs() {
    }

    /** A document that could not be used: its rendered diagnostic and the exit code it earns. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        Refused(String rendered, int exitCode) {
            super(rendered);
            this.exitCode = exitCode;
        }
    }

    /** Reads an operand ({@code -} is standard input). */
    static SourceText read(String operand, InputStream stdin) throws Refused {
        try {
            return Inputs.read(operand, stdin);
        } catch (SourceText.UnreadableInputException e) {
            throw new Refused(e.diagnostic().render(null), ExitCodes.USAGE);
        } catch (XmlInputException e) {
            throw new Refused(e.diagnostic().render(null), ExitCodes.FAILED);
        }
    }

    /** Parses a document. */
    static Domain parse(SourceText src) throws Refused {
        try {
            return DomainXml.parse(src);
        } catch (XmlInputException e) {
            throw refused(src, e);
        }
    }

    /** The normalizer of the CLI's capability choice. */
    static Normalizer normalizer(QemuProbeOption qemu) {
        return new Normalizer(qemu.provider(), RandomSource.secure());
    }

    /** A refusal of {@code src}, located in it. */
    static Refused refused(SourceText src, XmlInputException e) {
        Diagnostic d = e.diagnostic();
        if (d.path() == null || d.path().isEmpty()) {
            d = new Diagnostic(src.name(), d.line(), d.column(), d.message());
        }
        return new Refused(d.render(src), ExitCodes.FAILED);
    }
}
