package org.virtxml.model.bind;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/**
 * A MAC address as libvirt reads it ({@code virMacAddrParse}: six groups of one or two hex digits separated by
 * colons) and prints it (lower case, two digits per group).
 */
public final class MacAdapter extends XmlAdapter<String, String> {

    @Override
    public String unmarshal(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(":", -1);
        StringBuilder b = new StringBuilder(17);
        boolean ok = parts.length == 6;
        for (int i = 0; ok && i < 6; i++) {
            String p = i == 5 ? parts[i].stripTrailing() : parts[i];
            ok = !p.isEmpty() && p.length() <= 2 && p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80);
            if (ok) {
                b.append(i == 0 ? "" : ":").append(String.format("%02x", Integer.parseInt(p, 16)));
            }
        }
        if (!ok) {
            throw new InvalidValueException(text, "a MAC address such as 52:54:00:12:34:56");
        }
        return b.toString();
    }

    @Override
    public String marshal(String value) {
        return value;
    }
}
