package org.virtxml.qemu.argv;

import java.util.Map;

/**
 * Writes a {@link CommandLine} as {@code virsh domxml-to-native qemu-argv} prints it (libvirt's
 * {@code virCommandToString} without line breaks): {@code NAME=value} environment entries, the emulator and every
 * argument separated by single spaces, each word shell-quoted only when it needs it, then a newline.
 */
public final class ArgvRenderer {
    /** The characters that make libvirt quote a word ({@code virBufferEscapeShell}). */
    private static final String SHELL_SPECIAL = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~";

    private ArgvRenderer() {
    }

    /** The one-line text, ending with a newline. */
    public static String render(CommandLine cmd) {
        StringBuilder b = new StringBuilder(1024);
        for (Map.Entry<String, String> e : cmd.environment().entrySet()) {
            // the name is written as is, only the value is quoted: a='b c' and 'a=b c' differ in a shell
            b.append(e.getKey()).append('=');
            quote(e.getValue(), b);
            b.append(' ');
        }
        quote(cmd.emulator(), b);
        for (QemuOption o : cmd.options()) {
            for (String w : o.words()) {
                b.append(' ');
                quote(w, b);
            }
        }
        return b.append('\n').toString();
    }

    /** Appends {@code s} shell-quoted as libvirt quotes it: single quotes, a quote inside as {@code '\''}. */
    static void quote(String s, StringBuilder b) {
        if (s.isEmpty()) {
            b.append("''");
            return;
        }
        boolean special = false;
        for (int i = 0; i < s.length() && !special; i++) {
            special = SHELL_SPECIAL.indexOf(s.charAt(i)) >= 0;
        }
        if (!special) {
            b.append(s);
            return;
        }
        b.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                b.append("'\\'");
            }
            b.append(c);
        }
        b.append('\'');
    }
}
