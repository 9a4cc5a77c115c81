package org.virtxml.xml;

/** An input document that cannot be processed, carrying the diagnostic to show the user. */
public class XmlInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    /** Creates the exception for one diagnostic. */
    public XmlInputException(Diagnostic diagnostic) {
        super(diagnostic.headline());
        this.diagnostic = diagnostic;
    }

    /** What went wrong, and where. */
    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
