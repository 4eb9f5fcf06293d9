package io.jtrader.rpcservice.vnpy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jtrader.rpc.pickle.PyTuple;
import java.lang.reflect.Method;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a value decoded with {@link VnpyTypes} against golden typed JSON: {@code $object} of vn.py classes
 * against the core records (each pickled key read through the record's accessor: {@code bid_price_1} →
 * {@code bidPrice1()}, {@code vt_orderid} → {@code vtOrderId()}), Event against {@link VnpyEvent}, enums
 * against core enums by member name, numbers by value (ints arrive where floats are declared).
 */
final class TypedRecordJson {
    private final Set<String> skippedKeys;

    /** @param skippedKeys pickled keys not compared (e.g. vn.py 2.x derived keys that vn.py 4 computes differently) */
    TypedRecordJson(Set<String> skippedKeys) {
        this.skippedKeys = skippedKeys;
    }

    void assertMatches(JsonNode expected, Object actual) {
        List<String> problems = new ArrayList<>();
        compare("$", expected, actual, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    private void compare(String path, JsonNode e, Object a, List<String> p) {
        if (e.has("summary_only")) {
            List<?> reply = (List<?>) a;
            List<?> items = (List<?>) reply.get(1);
            check(items.size() == e.get("count").asInt(), path, "count " + e.get("count"), items.size(), p);
            compare(path + "[1][0]", e.get("first"), items.get(0), p);
            compare(path + "[1][-1]", e.get("last"), items.get(items.size() - 1), p);
        } else if (e.has("$int")) {
            check(a instanceof Number n && !(a instanceof Double) && n.longValue() == Long.parseLong(e.get("$int").asText()),
                    path, "int " + e.get("$int").asText(), a, p);
        } else if (e.has("$float")) {
            check(a instanceof Double d && d == Double.parseDouble(e.get("$float").asText()), path,
                    "float " + e.get("$float").asText(), a, p);
        } else if (e.isNull()) {
            check(a == null, path, "None", a, p);
        } else if (e.isTextual()) {
            check(e.asText().equals(a), path, e, a, p);
        } else if (e.isBoolean()) {
            check(Boolean.valueOf(e.asBoolean()).equals(a), path, e, a, p);
        } else if (e.isNumber()) {
            check(a instanceof Number n && n.doubleValue() == e.asDouble(), path, e, a, p);
        } else if (e.isArray()) {
            if (!(a instanceof List<?> l) || l.size() != e.size()) {
                p.add(path + ": expected list of " + e.size() + ", got " + a);
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                compare(path + "[" + i + "]", e.get(i), l.get(i), p);
            }
        } else if (e.has("$tuple")) {
            if (!(a instanceof PyTuple t) || t.size() != e.get("$tuple").size()) {
                p.add(path + ": expected tuple " + e + ", got " + a);
                return;
            }
            for (int i = 0; i < t.size(); i++) {
                compare(path + "[" + i + "]", e.get("$tuple").get(i), t.get(i), p);
            }
        } else if (e.has("$dict")) {
            if (!(a instanceof Map<?, ?> m) || m.size() != e.get("$dict").size()) {
                p.add(path + ": expected dict " + e + ", got " + a);
                return;
            }
            for (Iterator<String> it = e.get("$dict").fieldNames(); it.hasNext(); ) {
                String k = it.next();
                compare(path + "." + k, e.get("$dict").get(k), m.get(k), p);
            }
        } else if (e.has("$enum")) {
            check(a instanceof Enum<?> en && en.name().equals(e.get("name").asText())
                    && e.get("$enum").asText().endsWith("." + en.getDeclaringClass().getSimpleName()), path, e, a, p);
        } else if (e.has("$datetime")) {
            String iso = e.get("$datetime").asText();
            if (e.get("tz").isNull()) {
                boolean ok = a instanceof LocalDateTime t && t.equals(LocalDateTime.parse(iso))
                        || a instanceof ZonedDateTime z && z.toLocalDateTime().equals(LocalDateTime.parse(iso))
                        && z.getZone().equals(StateFields.NAIVE_ZONE);
                check(ok, path, "naive " + iso, a, p);
            } else {
                check(a instanceof ZonedDateTime z && z.toOffsetDateTime().equals(OffsetDateTime.parse(iso))
                        && ("zoneinfo:" + z.getZone().getId()).equals(e.get("tz").asText()), path, e, a, p);
            }
        } else if (e.has("$object")) {
            String cls = e.get("$object").asText();
            if (cls.equals("vnpy.event.engine.Event")) {
                if (!(a instanceof VnpyEvent ev)) {
                    p.add(path + ": expected a VnpyEvent, got " + a);
                    return;
                }
                compare(path + ".type", e.get("state").get("type"), ev.type(), p);
                compare(path + ".data", e.get("state").get("data"), ev.data(), p);
                check(ev.extra().isEmpty(), path + ".extra", "{}", ev.extra(), p);
                return;
            }
            if (e.has("$missing") && e.get("$missing").size() > 0) {
                p.add(path + ": Python's " + cls + " lacks attributes " + e.get("$missing"));
            }
            if (e.has("$order") && !e.get("$order").asBoolean()) {
                p.add(path + ": " + cls + " attributes are not in vn.py's order: " + e.get("state"));
            }
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            if (a == null || !a.getClass().getSimpleName().equals(simple)) {
                p.add(path + ": expected a " + simple + " record, got " + a);
                return;
            }
            for (Iterator<String> it = e.get("state").fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!skippedKeys.contains(key)) {
                    compare(path + "." + key, e.get("state").get(key), read(a, key), p);
                }
            }
        } else {
            p.add(path + ": unknown typed JSON " + e);
        }
    }

    static Object read(Object record, String pythonKey) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : pythonKey.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String accessor = name.toString();
        if (accessor.endsWith("id") && accessor.length() > 2) {
            accessor = accessor.substring(0, accessor.length() - 2) + "Id";
        }
        try {
            Method m = record.getClass().getMethod(accessor);
            return m.invoke(record);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(record.getClass().getSimpleName() + " has no accessor " + accessor + "() for " + pythonKey, ex);
        }
    }

    private static void check(boolean ok, String path, Object expected, Object actual, List<String> p) {
        if (!ok) {
            p.add(path + ": expected " + expected + ", got " + (actual == null ? "None" : actual.getClass().getSimpleName() + " " + actual));
        }
    }
}
