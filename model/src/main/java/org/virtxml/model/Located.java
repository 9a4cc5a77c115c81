package org.virtxml.model;

/**
 * Something that knows where it was read from, so diagnostics about it can point at the input.
 *
 * <p>Positions are those the SAX parser reports for an element: the line and column just after its start tag.
 * Both are 0 for objects that were built in code rather than parsed.
 */
public interface Located {
    /** 1-based line of the element in its input, or 0 when unknown. */
    int line();

    /** 1-based column of the element in its input, or 0 when unknown. */
    int column();
}
