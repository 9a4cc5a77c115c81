package org.virtxml.json;

/**
 * A JSON number whose exact text the caller chooses ({@code 1.500000}, {@code 0}, {@code 1e3}); the writer emits it
 * verbatim, which is how callers control number formatting beyond what {@link JsonWriter.DoubleFormat} offers.
 *
 * @param text a JSON number literal
 */
public record JsonLiteral(String text) {

    /** Checks that {@code text} is one JSON number and nothing else. */
    public JsonLiteral {
        Object parsed;
        try {
            parsed = new JsonParser(text).parseDocument();
        } catch (JsonException e) {
            throw new IllegalArgumentException("not a JSON number literal: " + text, e);
        }
        if (!(parsed instanceof Number) || !text.equals(text.strip())) {
            throw new IllegalArgumentException("not a JSON number literal: " + text);
        }
    }
}
