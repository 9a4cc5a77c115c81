package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/**
 * A numeric IP address as libvirt reads it ({@code getaddrinfo} with {@code AI_NUMERICHOST}: IPv4 in any form
 * {@code inet_aton} takes, such as {@code 010.1.2.3} with an octal part, or IPv6) and prints it
 * ({@code inet_ntop}: dotted decimal, or lower-case IPv6 with the longest run of zero groups shortened).
 */
public final class IpAddressAdapter extends XmlAdapter<String, String> {

    @Override
    public String unmarshal(String text) {
        return text == null ? null : canonical(text);
    }

    @Override
    public String marshal(String value) {
        return value;
    }

    /**
     * The canonical spelling of a numeric address.
     *
     * @throws InvalidValueException when it is not one
     */
    public static String canonical(String text) {
        if (text.indexOf(':') >= 0) {
            int[] words = parse6(text);
            if (words == null) {
                throw bad(text);
            }
            return format6(words);
        }
        long v = parse4(text);
        if (v < 0) {
            throw bad(text);
        }
        return format4(v);
    }

    /** {@code inet_aton}: one to four parts in C bases; the last part fills the remaining bytes. */
    private static long parse4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < parts.length; i++) {
            long p;
            try {
                p = Numbers.parse(parts[i], 0, false, 0, 0xffffffffL);
            } catch (InvalidValueException e) {
                return -1;
            }
            if (parts[i].isEmpty() || Character.isWhitespace(parts[i].charAt(0))) {
                return -1;
            }
            boolean last = i == parts.length - 1;
            long limit = last ? (1L << (8 * (4 - i))) - 1 : 0xff;
            if (p > limit) {
                return -1;
            }
            v = last ? (v << (8 * (4 - i))) | p : (v << 8) | p;
        }
        return v;
    }

    private static String format4(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** {@code inet_pton} for IPv6: eight groups, one {@code ::}, an optional dotted IPv4 tail. */
    private static int[] parse6(String text) {
        int[] words = new int[8];
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? text.substring(0, gap) : text;
        String tail = gap >= 0 ? text.substring(gap + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        if (gap < 0 ? h.length != 8 : h.length + t.length > 7) {
            return null;
        }
        System.arraycopy(h, 0, words, 0, h.length);
        System.arraycopy(t, 0, words, 8 - t.length, t.length);
        return words;
    }

    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4 = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (v4 && i == n - 1) {
                if (!p.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                    return null;
                }
                String[] b = p.split("\\.");
                int[] bytes = new int[4];
                for (int k = 0; k < 4; k++) {
                    bytes[k] = Integer.parseInt(b[k]);
                    if (bytes[k] > 255 || (b[k].length() > 1 && b[k].charAt(0) == '0')) {
                        return null;
                    }
                }
                out[i] = bytes[0] << 8 | bytes[1];
                out[i + 1] = bytes[2] << 8 | bytes[3];
            } else {
                if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0)) {
                    return null;
                }
                out[i] = Integer.parseInt(p, 16);
            }
        }
        return out;
    }

    /** {@code inet_ntop} for IPv6, as glibc writes it. */
    private static String format6(int[] w) {
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    b.append(':');
                }
                continue;
            }
            if (i != 0) {
                b.append(':');
            }
            // an IPv4-compatible or IPv4-mapped address keeps its IPv4 part dotted
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                b.append(format4(((long) w[6] << 16) | w[7]));
                return b.toString();
            }
            b.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            b.append(':');
        }
        return b.toString();
    }

    private static InvalidValueException bad(String text) {
        return new InvalidValueException(text, "a numeric IPv4 or IPv6 address");
    }
}
