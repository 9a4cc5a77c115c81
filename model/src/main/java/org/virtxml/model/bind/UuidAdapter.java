package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/**
 * A UUID as libvirt reads and writes it: 32 hex digits in pairs, with dashes or spaces allowed between pairs
 * and blanks around ({@code virUUIDParse}), printed as lower-case {@code 8-4-4-4-12}.
 */
public final class UuidAdapter extends XmlAdapter<String, String> {

    @Override
    public String unmarshal(String text) {
        return text == null ? null : canonical(text);
    }

    @Override
    public String marshal(String value) {
        return value;
    }

    /**
     * The canonical spelling of a UUID.
     *
     * @throws InvalidValueException when the text is not a UUID libvirt accepts
     */
    public static String canonical(String text) {
        StringBuilder hex = new StringBuilder(32);
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        while (hex.length() < 32) {
            if (i >= n) {
                throw bad(text);
            }
            char c = text.charAt(i);
            if (c == '-' || c == ' ') {
                i++;
                continue;
            }
            if (i + 1 >= n || Character.digit(c, 16) < 0 || Character.digit(text.charAt(i + 1), 16) < 0
                    || c > 0x7f || text.charAt(i + 1) > 0x7f) {
                throw bad(text);
            }
            hex.append(Character.toLowerCase(c)).append(Character.toLowerCase(text.charAt(i + 1)));
            i += 2;
        }
        while (i < n) {
            if (!Character.isWhitespace(text.charAt(i))) {
                throw bad(text);
            }
            i++;
        }
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
    }

    private static InvalidValueException bad(String text) {
        return new InvalidValueException(text, "a UUID (32 hexadecimal digits, e.g. c7a5fdbd-edaf-9455-926a-d65c16db1809)");
    }
}
