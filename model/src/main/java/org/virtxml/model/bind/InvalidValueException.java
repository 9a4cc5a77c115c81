package org.virtxml.model.bind;

/**
 * An attribute or text value that libvirt's parser would refuse (not a number, unknown enum value, unknown unit).
 * Thrown from adapters; the parse turns it into a diagnostic naming the attribute, the element and its line.
 */
public class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String value;
    private final String expected;

    /**
     * Creates the exception.
     *
     * @param value    the refused value as written in the input
     * @param expected what would have been accepted, completing "expected ..."
     */
    public InvalidValueException(String value, String expected) {
        super("invalid value '" + value + "': expected " + expected);
        this.value = value;
        this.expected = expected;
    }

    /** The refused value as written in the input. */
    public String value() {
        return value;
    }

    /** What would have been accepted. */
    public String expected() {
        return expected;
    }
}
