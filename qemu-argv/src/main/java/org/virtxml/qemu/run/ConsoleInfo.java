package org.virtxml.qemu.run;

import java.util.Map;
import org.virtxml.json.Json;

/**
 * A character device of a running domain that {@code virtxml console} can attach to.
 *
 * @param device  the device alias as {@code virsh console --devname} names it ({@code serial0}, {@code console0})
 * @param chardev the QEMU chardev id ({@code charserial0})
 * @param type    {@code pty} or {@code unix}
 * @param path    the pty ({@code /dev/pts/3}) or the socket path
 */
public record ConsoleInfo(String device, String chardev, String type, String path) {

    Map<String, Object> toJson() {
        return Json.obj("device", device, "chardev", chardev, "type", type, "path", path);
    }

    static ConsoleInfo fromJson(Object o) {
        Map<String, Object> m = Json.asObject(o, "console");
        return new ConsoleInfo(Json.string(m, "device", "console"), Json.string(m, "chardev", "console"),
                Json.string(m, "type", "console"), Json.string(m, "path", "console"));
    }
}
