package org.virtxml.tests;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is random in libvirt's output and masked before comparing, exactly as ../shared/oracle/conform.py masks
 * it: generated UUIDs, generated MACs, genids, fd numbers, the clock base time, and the value of PATH.
 */
public final class Masking {
    private static final Pattern MAC = Pattern.compile("52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GENID_EMPTY = Pattern.compile("<genid\\s*/>");

    private Masking() {
    }

    private static String maskMacs(String text, String input) {
        Set<String> in = new HashSet<>();
        Matcher m = MAC.matcher(input);
        while (m.find()) {
            in.add(m.group().toLowerCase(Locale.ROOT));
        }
        return MAC.matcher(text).replaceAll(r -> in.contains(r.group().toLowerCase(Locale.ROOT))
                ? Matcher.quoteReplacement(r.group()) : "MAC");
    }

    /** Masks a normalized domain XML produced from {@code input}. */
    public static String xml(String text, String input) {
        if (!input.contains("<uuid>")) {
            text = text.replaceAll("<uuid>[^<]*</uuid>", "<uuid>UUID</uuid>");
        }
        if (GENID_EMPTY.matcher(input).find()) {
            text = text.replaceAll("<genid>[^<]*</genid>", "<genid>GENID</genid>");
        }
        return maskMacs(text, input);
    }

    /** An argv split into the environment prefix (PATH without its value) and the command words. */
    public record Argv(List<String> env, List<String> words) {
    }

    /** Masks and splits a command line produced from {@code input}; null when it is not valid shell words. */
    public static Argv argv(String text, String input) {
        text = maskMacs(text, input);
        text = text.replaceAll("\"fd\":\"\\d+\"", "\"fd\":\"FD\"");
        text = text.replaceAll("base=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d", "base=NOW");
        if (GENID_EMPTY.matcher(input).find()) {
            text = text.replaceAll("\"guid\":\"[0-9a-f-]+\"", "\"guid\":\"GENID\"");
            text = text.replaceAll("guid=[0-9a-f-]+", "guid=GENID");
        }
        if (!input.contains("<uuid>")) {
            text = text.replaceAll("-uuid [0-9a-f-]+", "-uuid UUID");
        }
        text = text.replaceAll("\\bfd=\\d+", "fd=FD");
        List<String> words = ShellWords.split(text);
        if (words == null) {
            return null;
        }
        List<String> env = new ArrayList<>();
        while (!words.isEmpty() && words.get(0).matches("[A-Z_][A-Z0-9_]*=.*")) {
            String w = words.remove(0);
            env.add(w.startsWith("PATH=") ? "PATH" : w);
        }
        return new Argv(env, words);
    }
}
