package org.virtxml.caps;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.virtxml.json.JsonException;

/** A damaged or foreign profile is refused with a message naming what is wrong. */
class QemuCapsJsonTest {

    @Test
    void refusesOtherFormats() {
        JsonException e = assertThrows(JsonException.class,
                () -> QemuCaps.parse("{\"format\": \"something-else/9\"}"));
        assertTrue(e.getMessage().contains("unsupported format"), e.getMessage());
    }

    @Test
    void namesTheMissingMember() {
        String json = QemuCaps.builtin().toJson().replaceFirst("\"emulator\": \"[^\"]*\",", "");
        JsonException e = assertThrows(JsonException.class, () -> QemuCaps.parse(json));
        assertTrue(e.getMessage().contains("\"emulator\" is missing"), e.getMessage());
    }

    @Test
    void namesAWronglyTypedMember() {
        String json = QemuCaps.builtin().toJson().replaceFirst("\"cpu-max\": 255", "\"cpu-max\": \"255\"");
        JsonException e = assertThrows(JsonException.class, () -> QemuCaps.parse(json));
        assertTrue(e.getMessage().contains("cpu-max: expected an integer"), e.getMessage());
    }
}
