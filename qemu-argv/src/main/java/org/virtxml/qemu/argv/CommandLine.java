package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line libvirt would run, before it becomes text: the environment entries in the order libvirt adds
 * them (setting a name again replaces its value where it first appeared, as {@code virCommandAddEnv} does), the
 * emulator, and the options in order. {@link ArgvRenderer} is the only place that turns it into a string.
 */
public final class CommandLine {
    private final LinkedHashMap<String, String> env = new LinkedHashMap<>();
    private final String emulator;
    private final List<QemuOption> options = new ArrayList<>();

    /** An empty command line for {@code emulator}. */
    public CommandLine(String emulator) {
        this.emulator = Objects.requireNonNull(emulator, "emulator");
    }

    /** Sets an environment variable; an existing one keeps its position and gets the new value. */
    public void env(String name, String value) {
        env.put(name, value);
    }

    /** Appends an option with a value. */
    public void add(String flag, OptionValue value) {
        options.add(new QemuOption(flag, value));
    }

    /** Appends an option with a plain-text value. */
    public void add(String flag, String value) {
        options.add(new QemuOption(flag, OptionValue.text(value)));
    }

    /** Appends a flag without a value. */
    public void add(String flag) {
        options.add(QemuOption.flag(flag));
    }

    /** The environment entries, in order. */
    public Map<String, String> environment() {
        return Collections.unmodifiableMap(env);
    }

    /** The emulator binary. */
    public String emulator() {
        return emulator;
    }

    /** The options, in order. */
    public List<QemuOption> options() {
        return Collections.unmodifiableList(options);
    }

    /** The argv words after the emulator, unquoted. */
    public List<String> arguments() {
        List<String> w = new ArrayList<>();
        for (QemuOption o : options) {
            w.addAll(o.words());
        }
        return w;
    }
}
