package org.virtxml.qemu.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtxml.json.Json;

class QapiSchemaTest {
    /** A miniature of QEMU's introspection output covering every entity kind the queries walk. */
    private static final String SCHEMA = """
            [
             {"name": "blockdev-add", "meta-type": "command", "arg-type": "1", "ret-type": "0"},
             {"name": "device_add", "meta-type": "command", "arg-type": "0", "ret-type": "0",
              "features": ["json-cli-hotplug"]},
             {"name": "query-things", "meta-type": "command", "arg-type": "0", "ret-type": "[5]"},
             {"name": "SHUTDOWN", "meta-type": "event", "arg-type": "0"},
             {"name": "0", "meta-type": "object", "members": []},
             {"name": "1", "meta-type": "object", "members": [{"name": "driver", "type": "2"}],
              "tag": "driver", "variants": [{"case": "file", "type": "3"}, {"case": "nbd", "type": "0"}]},
             {"name": "2", "meta-type": "enum", "members": [{"name": "file"}, {"name": "nbd", "features": ["new"]}]},
             {"name": "3", "meta-type": "object", "members": [{"name": "aio", "type": "4", "default": null},
              {"name": "filename", "type": "str"}, {"name": "size", "type": "6"}]},
             {"name": "4", "meta-type": "enum", "values": ["threads", "native", "io_uring"]},
             {"name": "[5]", "meta-type": "array", "element-type": "5"},
             {"name": "5", "meta-type": "object", "members": [{"name": "die-id", "type": "int"}]},
             {"name": "6", "meta-type": "alternate", "members": [{"type": "int"}, {"type": "str"}]},
             {"name": "str", "meta-type": "builtin", "json-type": "string"},
             {"name": "int", "meta-type": "builtin", "json-type": "int"}
            ]""";

    private final QapiSchema schema = new QapiSchema(Json.asArray(Json.parse(SCHEMA), "schema"));

    @Test
    void walksMembersVariantsEnumsArraysAlternatesAndBuiltins() {
        assertTrue(schema.matches("blockdev-add"));
        assertTrue(schema.matches("blockdev-add/arg-type/+file/aio/^io_uring"));
        assertFalse(schema.matches("blockdev-add/arg-type/+file/aio/^uring"));
        assertTrue(schema.matches("blockdev-add/arg-type/+file/*aio"), "aio has a default");
        assertFalse(schema.matches("blockdev-add/arg-type/+file/*filename"), "filename has none");
        assertFalse(schema.matches("blockdev-add/arg-type/+vxhs"));
        assertTrue(schema.matches("blockdev-add/arg-type/driver/^nbd/$new"));
        assertFalse(schema.matches("blockdev-add/arg-type/driver/^file/$new"));
        assertTrue(schema.matches("query-things/ret-type/die-id"), "arrays are looked through");
        assertTrue(schema.matches("blockdev-add/arg-type/+file/size/!string"), "any alternate branch");
        assertTrue(schema.matches("blockdev-add/arg-type/+file/size/!int"));
        assertFalse(schema.matches("blockdev-add/arg-type/+file/size/!boolean"));
        assertTrue(schema.matches("device_add/$json-cli-hotplug"));
        assertFalse(schema.matches("device_add/$nope"));
        assertFalse(schema.matches("no-such-command/arg-type"));
        assertFalse(schema.matches("blockdev-add/no-such-field"));
    }

    @Test
    void listsEvents() {
        assertEquals(List.of("SHUTDOWN"), schema.events());
    }
}
