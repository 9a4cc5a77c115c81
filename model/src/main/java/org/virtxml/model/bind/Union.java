package org.virtxml.model.bind;

/**
 * How a union element picks its subtype: the generated form of a {@link Discriminated} annotation.
 *
 * @param attribute  the attribute whose value decides
 * @param onParent   whether that attribute is on the parent element
 * @param absent     the value assumed when the attribute is absent; empty when absence is an error
 * @param absentType the subtype used when the attribute is absent, or -1
 * @param values     the attribute values, in the order messages list them
 * @param types      the subtype chosen by each value
 */
public record Union(String attribute, boolean onParent, String absent, int absentType, String[] values,
                    int[] types) {
    /** The subtype a value chooses, or -1. */
    public int typeOf(String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                return types[i];
            }
        }
        return -1;
    }

    /** The accepted values, as the parse filter lists them in its message. */
    public String expected() {
        return String.join(", ", values);
    }
}
