package org.virtxml.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.virtxml.json.Json;

/**
 * A command line with the options built by the storage and front-end halves of the argv backend removed, so the
 * platform half can be measured alone: blockdevs, drives, netdevs, audiodevs, display backends, chardevs other
 * than the monitor's and the TPM's, secrets and TLS objects of disks, and the devices whose ids name a disk,
 * interface, chardev, input, video, sound, redirdev, hostdev, filesystem or smartcard.
 */
final class ArgvPlatformView {
    private static final Set<String> FOREIGN_FLAGS = Set.of("-blockdev", "-drive", "-netdev", "-audiodev", "-spice",
            "-vnc", "-fsdev", "-add-fd", "-iscsi", "-sdl");
    private static final Pattern FOREIGN_ID = Pattern.compile("^(ide|sata|scsi\\d|virtio-disk|usb-disk|fdc|xenbus"
            + "|sd-disk|net|hostnet|serial|parallel|channel|console|input|video|sound|redir|hostdev|fs|smartcard|ua-"
            + "|vhost-user)");
    private static final Set<String> FOREIGN_OBJECTS = Set.of("secret", "tls-creds-x509", "tls-cipher-suites",
            "pr-manager-helper", "throttle-group");

    private ArgvPlatformView() {
    }

    /** The words without the options of the other halves. */
    static List<String> of(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String flag = words.get(i);
            String value = i + 1 < words.size() ? words.get(i + 1) : "";
            if (foreign(flag, value)) {
                i++;
            } else {
                out.add(flag);
            }
        }
        return out;
    }

    private static boolean foreign(String flag, String value) {
        if (FOREIGN_FLAGS.contains(flag)) {
            return true;
        }
        if (flag.equals("-display")) {
            return !value.equals("none");
        }
        if (flag.equals("-chardev")) {
            return !value.contains("id=charmonitor") && !value.contains("id=chrtpm");
        }
        if (flag.equals("-global")) {
            return value.startsWith("isa-fdc") || value.startsWith("qxl") || value.startsWith("isa-debugcon");
        }
        if ((flag.equals("-device") || flag.equals("-object")) && value.startsWith("{")) {
            Map<String, Object> o = Json.parseObject(value);
            String id = o.get("id") instanceof String s ? s : "";
            if (flag.equals("-object")) {
                return FOREIGN_OBJECTS.contains(String.valueOf(o.get("qom-type"))) && !id.equals("masterKey0");
            }
            String driver = String.valueOf(o.get("driver"));
            return FOREIGN_ID.matcher(id).find() || driver.startsWith("hda-") || driver.equals("ich9-intel-hda")
                    || driver.equals("intel-hda") || driver.equals("AC97") || driver.equals("ES1370")
                    || driver.equals("sb16") || driver.equals("usb-audio") || driver.equals("isa-fdc");
        }
        return false;
    }
}
