package org.virtxml.qemu.argv;

import java.util.List;
import java.util.Objects;

/**
 * One option of the QEMU command line: the flag ({@code -machine}) and its value, or a flag alone ({@code -S},
 * {@code -no-user-config}). Words from {@code <qemu:commandline>} are options without a value, whatever they say.
 *
 * @param flag  the first word
 * @param value the second word, or null for a flag alone
 */
public record QemuOption(String flag, OptionValue value) {

    /** Checks the flag is there. */
    public QemuOption {
        Objects.requireNonNull(flag, "flag");
    }

    /** A flag alone. */
    public static QemuOption flag(String flag) {
        return new QemuOption(flag, null);
    }

    /** The argv words of this option, unquoted. */
    public List<String> words() {
        return value == null ? List.of(flag) : List.of(flag, value.text());
    }
}
