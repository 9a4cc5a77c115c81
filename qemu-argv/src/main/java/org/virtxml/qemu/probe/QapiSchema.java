package org.virtxml.qemu.probe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.json.Json;

/**
 * QEMU's introspected QAPI schema ({@code query-qmp-schema}) and the path queries libvirt asks of it.
 *
 * <p>A query is {@code /}-separated. The first step names a command or event; each later step descends according to
 * the kind of the current entity: a command's or event's {@code arg-type}/{@code ret-type}; an object member by
 * name, a variant with {@code +case}, a member that has a default with {@code *name}; an enum value with
 * {@code ^value}; a builtin's JSON type with {@code !type}; a feature flag with {@code $feature} (last step only).
 * Arrays are looked through, and an alternate matches when any of its branches does.
 */
final class QapiSchema {
    /** Guards against cycles in a malformed schema. */
    private static final int MAX_STEPS = 1000;

    private final Map<String, Map<String, Object>> byName = new HashMap<>();

    QapiSchema(List<Object> entities) {
        for (Object o : entities) {
            Map<String, Object> e = Json.asObject(o, "query-qmp-schema");
            byName.put(Json.string(e, "name", "query-qmp-schema"), e);
        }
    }

    /** Names of all events the schema declares. */
    List<String> events() {
        return byName.values().stream().filter(e -> "event".equals(e.get("meta-type")))
                .map(e -> (String) e.get("name")).sorted().toList();
    }

    /** True when the query matches. */
    boolean matches(String query) {
        String[] steps = query.split("/");
        Map<String, Object> top = byName.get(steps[0]);
        if (top == null) {
            return false;
        }
        return walk(top, steps, 1, new int[] {0});
    }

    private boolean walk(Map<String, Object> cur, String[] steps, int i, int[] budget) {
        if (++budget[0] > MAX_STEPS) {
            return false;
        }
        if (i == steps.length) {
            return true;
        }
        String metaType = String.valueOf(cur.get("meta-type"));
        String step = steps[i];
        char mod = step.isEmpty() ? '\0' : step.charAt(0);
        boolean plain = Character.isLetter(mod);
        String name = plain ? step : step.substring(1);
        boolean last = i == steps.length - 1;
        switch (metaType) {
            case "command", "event" -> {
                if (mod == '$') {
                    return last && hasFeature(cur, name);
                }
                if (!plain) {
                    return false;
                }
                return descend(cur.get(name), steps, i + 1, budget);
            }
            case "object" -> {
                if (mod == '$') {
                    return last && hasFeature(cur, name);
                }
                if (mod == '^' || mod == '!') {
                    return false;
                }
                Map<String, Object> member = mod == '+' ? find(cur, "variants", "case", name)
                        : find(cur, "members", "name", name);
                if (member == null || (mod == '*' && !member.containsKey("default"))) {
                    return false;
                }
                return descend(member.get("type"), steps, i + 1, budget);
            }
            case "array" -> {
                // arrays are transparent: the same step applies to the element type
                Map<String, Object> elem = byName.get(String.valueOf(cur.get("element-type")));
                return elem != null && walk(elem, steps, i, budget);
            }
            case "enum" -> {
                if (mod != '^') {
                    return false;
                }
                String feature = null;
                if (!last) {
                    if (i + 2 != steps.length || !steps[i + 1].startsWith("$")) {
                        return false;
                    }
                    feature = steps[i + 1].substring(1);
                }
                Object members = cur.get("members");
                if (members instanceof List<?> list) {
                    for (Object o : list) {
                        Map<String, Object> m = Json.asObject(o, "enum member");
                        if (name.equals(m.get("name"))) {
                            return feature == null || hasFeature(m, feature);
                        }
                    }
                    return false;
                }
                // schemas before QEMU 6.2 list plain values without features
                return feature == null && cur.get("values") instanceof List<?> values && values.contains(name);
            }
            case "builtin" -> {
                return mod == '!' && last && name.equals(cur.get("json-type"));
            }
            case "alternate" -> {
                if (!(cur.get("members") instanceof List<?> list)) {
                    return false;
                }
                for (Object o : list) {
                    Object t = Json.asObject(o, "alternate member").get("type");
                    if (descendSame(t, steps, i, budget)) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean descend(Object typeName, String[] steps, int next, int[] budget) {
        if (!(typeName instanceof String t)) {
            return false;
        }
        Map<String, Object> e = byName.get(t);
        return e != null && walk(e, steps, next, budget);
    }

    private boolean descendSame(Object typeName, String[] steps, int i, int[] budget) {
        return descend(typeName, steps, i, budget);
    }

    private static Map<String, Object> find(Map<String, Object> cur, String listKey, String nameKey, String name) {
        if (!(cur.get(listKey) instanceof List<?> list)) {
            return null;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && name.equals(m.get(nameKey))) {
                return Json.asObject(m, listKey);
            }
        }
        return null;
    }

    private static boolean hasFeature(Map<String, Object> e, String feature) {
        return e.get("features") instanceof List<?> f && f.contains(feature);
    }
}
