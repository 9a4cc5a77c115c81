package org.virtxml.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryValueKindIntoPlainJavaTypes() {
        Object v = Json.parse(" {\"s\":\"x\",\"i\":-12,\"big\":18446744073709551615,\"d\":1.5e2,"
                + "\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"2\",[]],\"o\":{}} ");
        Map<String, Object> m = Json.asObject(v, "$");
        assertEquals("x", m.get("s"));
        assertEquals(-12L, m.get("i"));
        assertEquals(new BigDecimal("18446744073709551615"), m.get("big"));
        assertEquals(150.0, m.get("d"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertTrue(m.containsKey("n"));
        assertNull(m.get("n"));
        assertEquals(List.of(1L, "2", List.of()), m.get("a"));
        assertEquals(Map.of(), m.get("o"));
    }

    @Test
    void keepsMemberOrder() {
        Map<String, Object> m = Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}");
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(m.keySet()));
        assertEquals("{\"z\":1,\"a\":2,\"m\":3}", Json.write(m));
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() {
        assertEquals("a\"b\\c/d\b\f\n\r\t\u00e9\ud83d\ude00",
                Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"));
        assertEquals(3, e.line());
        assertEquals(7, e.column());
        assertTrue(e.getMessage().contains("expected ':'"), e.getMessage());
    }

    @Test
    void refusesWhatRfc8259Refuses() {
        for (String bad : List.of("", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "+1", "1e", "tru", "\"a",
                "\"\u0001\"", "'a'", "[1] [2]", "{a:1}", "\"\\x\"", "\"\\u12\"", "NaN", "[1 2]")) {
            assertThrows(JsonException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void refusesDuplicateMembersAsLibvirtDoes() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertTrue(e.getMessage().contains("duplicate member \"a\""), e.getMessage());
    }

    @Test
    void refusesExcessiveNesting() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 2) + "]".repeat(JsonParser.MAX_DEPTH + 2);
        assertThrows(JsonException.class, () -> Json.parse(deep));
        String ok = "[".repeat(100) + "]".repeat(100);
        assertInstanceOf(List.class, Json.parse(ok));
    }

    @Test
    void libvirtStyleIsCompactAndEscapesOnlyWhatYajlEscapes() {
        Map<String, Object> dev = Json.obj("driver", "virtio-blk-pci", "bus", "pci.0", "addr", "0x4",
                "drive", "libvirt-1-format", "id", "virtio-disk0", "bootindex", 1L, "share-rw", true);
        assertEquals("{\"driver\":\"virtio-blk-pci\",\"bus\":\"pci.0\",\"addr\":\"0x4\",\"drive\":\"libvirt-1-format\","
                + "\"id\":\"virtio-disk0\",\"bootindex\":1,\"share-rw\":true}", Json.write(dev));
        assertEquals("\"a/b \u00e9 \\\" \\\\ \\t\\n\\r\\b\\f \\u0001 \u007f\"",
                Json.write("a/b \u00e9 \" \\ \t\n\r\b\f \u0001 \u007f"));
    }

    @Test
    void qemuStyleUsesSpacesAndAsciiEscapes() {
        Map<String, Object> cmd = Json.obj("execute", "qmp_capabilities", "arguments", Json.obj("a", List.of(1L, 2L)),
                "id", "virtxml-1");
        assertEquals("{\"execute\": \"qmp_capabilities\", \"arguments\": {\"a\": [1, 2]}, \"id\": \"virtxml-1\"}",
                JsonWriter.qemu().write(cmd));
        assertEquals("\"\\u00E9\\u007F\\uD83D\\uDE00\"", JsonWriter.qemu().write("\u00e9\u007f\ud83d\ude00"));
    }

    @Test
    void prettyOutputIndentsAndCanInlineShortScalarArrays() {
        Map<String, Object> m = Json.obj("names", List.of("a", "b"), "empty", List.of(), "nested",
                Json.obj("x", 1L), "list", List.of(Json.obj("y", 2L)));
        assertEquals("{\n  \"names\": [\n    \"a\",\n    \"b\"\n  ],\n  \"empty\": [],\n  \"nested\": {\n"
                + "    \"x\": 1\n  },\n  \"list\": [\n    {\n      \"y\": 2\n    }\n  ]\n}", JsonWriter.pretty().write(m));
        assertEquals("{\n  \"names\": [\"a\", \"b\"],\n  \"empty\": [],\n  \"nested\": {\"x\": 1},\n"
                + "  \"list\": [\n    {\"y\": 2}\n  ]\n}",
                JsonWriter.pretty().withInlineScalarContainers(80).write(m));
        // too wide for the limit: one element per line again
        assertEquals("[\n  \"aaaa\",\n  \"bbbb\"\n]",
                JsonWriter.pretty().withInlineScalarContainers(8).write(List.of("aaaa", "bbbb")));
    }

    @Test
    void numberFormattingIsControllable() {
        assertEquals("[0.5,1.0E20,18446744073709551615,7]",
                Json.write(List.of(0.5, 1e20, new BigDecimal("18446744073709551615"), 7)));
        assertEquals("[0.500000,2.000000]",
                JsonWriter.compact().withDoubleFormat(JsonWriter.DoubleFormat.FIXED6).write(List.of(0.5, 2.0)));
        assertEquals("[0.5, 1e+20, 0.10000000000000001, 123]",
                JsonWriter.qemu().write(List.of(0.5, 1e20, 0.1, 123.0)));
        assertEquals("{\"size\":1.50}", Json.write(Json.obj("size", new JsonLiteral("1.50"))));
        assertThrows(IllegalArgumentException.class, () -> new JsonLiteral("0x10"));
        assertThrows(IllegalArgumentException.class, () -> new JsonLiteral("\"1\""));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    }

    @Test
    void writesNullAndRefusesUnknownTypesWithTheirPath() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", null);
        assertEquals("{\"n\":null}", Json.write(m));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.write(Json.obj("a", List.of(new Object()))));
        assertTrue(e.getMessage().contains("$.a[0]"), e.getMessage());
    }

    @Test
    void roundTripsParsedText() {
        String text = "{\"QMP\":{\"version\":{\"qemu\":{\"micro\":22,\"minor\":2,\"major\":7},"
                + "\"package\":\"Debian 1:7.2+dfsg-7+deb12u18+b3\"},\"capabilities\":[\"oob\"]}}";
        assertEquals(text, Json.write(Json.parse(text)));
        Object pretty = Json.parse(JsonWriter.pretty().withInlineScalarContainers(60).write(Json.parse(text)));
        assertEquals(text, Json.write(pretty));
    }

    @Test
    void typedGettersNameTheBadMember() {
        Map<String, Object> m = Json.parseObject("{\"a\":\"x\",\"b\":[1]}");
        assertEquals("x", Json.string(m, "a", "root"));
        assertNull(Json.optString(m, "zz", "root"));
        assertFalse(Json.optBoolean(m, "zz", false, "root"));
        JsonException e = assertThrows(JsonException.class, () -> Json.optStrings(m, "b", "root"));
        assertEquals("root.b[0]: expected a string, found a number", e.getMessage());
        e = assertThrows(JsonException.class, () -> Json.string(m, "c", "root"));
        assertEquals("root: member \"c\" is missing", e.getMessage());
    }
}
