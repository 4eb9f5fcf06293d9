package io.jtrader.rpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.jtrader.rpc.pickle.PyEnum;
import io.jtrader.rpc.pickle.PyObject;
import io.jtrader.rpc.pickle.PyTuple;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares a decoded value with the golden "typed JSON" of {@code cases.json} (str, int without decimal
 * point, float with one, {@code $tuple}, {@code $dict}, {@code $enum}, {@code $datetime}, {@code $object}),
 * reporting the first difference with its path. Generic form: objects are {@link PyObject}, enums
 * {@link PyEnum} (by value compares the value, by name the name).
 */
public final class TypedJson {

    private TypedJson() {
    }

    /** Throws AssertionError naming the path of the first difference. */
    public static void assertMatches(JsonNode expected, Object actual) {
        List<String> problems = new ArrayList<>();
        compare("$", expected, actual, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    private static void compare(String path, JsonNode e, Object a, List<String> problems) {
        if (e.has("summary_only")) {
            compareSummary(path, e, a, problems);
        } else if (e.isNull()) {
            check(a == null, path, "None", a, problems);
        } else if (e.isTextual()) {
            check(e.asText().equals(a), path, '"' + e.asText() + '"', a, problems);
        } else if (e.isBoolean()) {
            check(Boolean.valueOf(e.asBoolean()).equals(a), path, e, a, problems);
        } else if (e.isIntegralNumber()) {
            boolean ok = a instanceof Long l ? e.bigIntegerValue().equals(BigInteger.valueOf(l))
                    : a instanceof BigInteger b && e.bigIntegerValue().equals(b);
            check(ok, path, "int " + e, a, problems);
        } else if (e.isFloatingPointNumber()) {
            check(a instanceof Double d && d == e.doubleValue(), path, "float " + e, a, problems);
        } else if (e.isArray()) {
            if (!(a instanceof List<?> list)) {
                problems.add(path + ": expected a list, got " + describe(a));
                return;
            }
            compareSequence(path, e, list, problems);
        } else if (e.has("$tuple")) {
            if (!(a instanceof PyTuple t)) {
                problems.add(path + ": expected a tuple, got " + describe(a));
                return;
            }
            compareSequence(path, e.get("$tuple"), t.asList(), problems);
        } else if (e.has("$dict")) {
            if (!(a instanceof Map<?, ?> m)) {
                problems.add(path + ": expected a dict, got " + describe(a));
                return;
            }
            compareMap(path, e.get("$dict"), m, problems);
        } else if (e.has("$object")) {
            if (!(a instanceof PyObject o)) {
                problems.add(path + ": expected object " + e.get("$object").asText() + ", got " + describe(a));
                return;
            }
            check(e.get("$object").asText().equals(o.qualifiedName()), path + ".__class__", e.get("$object"), o.qualifiedName(), problems);
            compareMap(path, e.get("state"), o.state(), problems);
        } else if (e.has("$enum")) {
            if (!(a instanceof PyEnum en)) {
                problems.add(path + ": expected enum " + e.get("$enum").asText() + ", got " + describe(a));
                return;
            }
            check(e.get("$enum").asText().equals(en.module() + "." + en.name()), path, e.get("$enum"), en, problems);
            String want = en.byName() ? e.get("name").asText() : e.get("value").asText();
            check(want.equals(en.valueOrName()), path, (en.byName() ? "name " : "value ") + want, en.valueOrName(), problems);
        } else if (e.has("$datetime")) {
            String iso = e.get("$datetime").asText();
            JsonNode tz = e.get("tz");
            if (tz.isNull()) {
                check(a instanceof LocalDateTime t && t.equals(LocalDateTime.parse(iso)), path, "naive " + iso, a, problems);
            } else {
                String zone = tz.asText().replaceFirst("^zoneinfo:", "");
                boolean ok = a instanceof ZonedDateTime z && z.toOffsetDateTime().equals(OffsetDateTime.parse(iso))
                        && z.getZone().getId().equals(zone)
                        && (e.path("fold").asInt(0) == 1) == isLater(z);
                check(ok, path, iso + " " + tz.asText() + " fold=" + e.path("fold").asInt(0), a, problems);
            }
        } else {
            problems.add(path + ": unknown typed JSON " + e);
        }
    }

    /**
     * {@code rep_get_all_contracts_large.pkl}: a reply {@code [ok, list]} described by its count, first and
     * last item and a rule for item i: symbol x{i:04d}, exchange [SHFE,DCE,CZCE,INE,GFEX,CFFEX][i%6],
     * name 合约{i:04d}, size (i%3+1)*5 (int), pricetick ((i%4)+1)/2 (float), gateway CTP.
     */
    private static void compareSummary(String path, JsonNode e, Object a, List<String> problems) {
        if (!(a instanceof List<?> reply) || reply.size() != 2 || !(reply.get(1) instanceof List<?> items)) {
            problems.add(path + ": expected a reply [ok, list], got " + describe(a));
            return;
        }
        check(Boolean.valueOf(e.get("ok").asBoolean()).equals(reply.get(0)), path + "[0]", e.get("ok"), reply.get(0), problems);
        if (items.size() != e.get("count").asInt()) {
            problems.add(path + "[1]: expected " + e.get("count") + " items, got " + items.size());
            return;
        }
        compare(path + "[1][0]", e.get("first"), items.get(0), problems);
        compare(path + "[1][-1]", e.get("last"), items.get(items.size() - 1), problems);
        String[] exchanges = {"SHFE", "DCE", "CZCE", "INE", "GFEX", "CFFEX"};
        for (int i = 0; i < items.size() && problems.isEmpty(); i++) {
            String p = path + "[1][" + i + "]";
            if (!(items.get(i) instanceof PyObject o)) {
                problems.add(p + ": expected a ContractData, got " + describe(items.get(i)));
                return;
            }
            Map<String, Object> st = o.state();
            check(String.format("x%04d", i).equals(st.get("symbol")), p + ".symbol", String.format("x%04d", i), st.get("symbol"), problems);
            check(st.get("exchange") instanceof PyEnum en && exchanges[i % 6].equals(en.valueOrName()), p + ".exchange", exchanges[i % 6], st.get("exchange"), problems);
            check(String.format("合约%04d", i).equals(st.get("name")), p + ".name", String.format("合约%04d", i), st.get("name"), problems);
            check(Long.valueOf((i % 3 + 1) * 5L).equals(st.get("size")), p + ".size", (i % 3 + 1) * 5, st.get("size"), problems);
            check(Double.valueOf(((i % 4) + 1) / 2.0).equals(st.get("pricetick")), p + ".pricetick", ((i % 4) + 1) / 2.0, st.get("pricetick"), problems);
            check("CTP".equals(st.get("gateway_name")), p + ".gateway_name", "CTP", st.get("gateway_name"), problems);
        }
    }

    private static boolean isLater(ZonedDateTime z) {
        var t = z.getZone().getRules().getTransition(z.toLocalDateTime());
        return t != null && t.isOverlap() && z.getOffset().equals(t.getOffsetAfter());
    }

    private static void compareSequence(String path, JsonNode e, List<?> a, List<String> problems) {
        if (e.size() != a.size()) {
            problems.add(path + ": expected " + e.size() + " items, got " + a.size());
            return;
        }
        for (int i = 0; i < e.size(); i++) {
            compare(path + "[" + i + "]", e.get(i), a.get(i), problems);
        }
    }

    private static void compareMap(String path, JsonNode e, Map<?, ?> a, List<String> problems) {
        List<String> expectedKeys = new ArrayList<>();
        e.fieldNames().forEachRemaining(expectedKeys::add);
        List<Object> actualKeys = new ArrayList<>(a.keySet());
        if (!expectedKeys.equals(actualKeys)) {
            problems.add(path + ": keys (in order) expected " + expectedKeys + ", got " + actualKeys);
            return;
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            compare(path + "." + k, e.get(k), a.get(k), problems);
        }
    }

    private static void check(boolean ok, String path, Object expected, Object actual, List<String> problems) {
        if (!ok) {
            problems.add(path + ": expected " + expected + ", got " + describe(actual));
        }
    }

    private static String describe(Object a) {
        return a == null ? "None" : a.getClass().getSimpleName() + " " + a;
    }
}
