package org.virtxml.qemu.argv;

/**
 * The value of one command-line option: plain text, a JSON object ({@link Props}) or libvirt's
 * {@code key=value,...} form ({@link KeyValue}). Only {@link ArgvRenderer} turns values into text.
 */
public sealed interface OptionValue permits OptionValue.Text, Props, KeyValue {

    /** The value's text as it appears in one argv word (before shell quoting). */
    String text();

    /**
     * A value libvirt writes as one preformatted string ({@code -uuid}, {@code -m 214}, a {@code -cpu} model).
     *
     * @param text the word
     */
    record Text(String text) implements OptionValue {
        /** Checks the text is there. */
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** Plain text. */
    static OptionValue text(String s) {
        return new Text(s);
    }
}
