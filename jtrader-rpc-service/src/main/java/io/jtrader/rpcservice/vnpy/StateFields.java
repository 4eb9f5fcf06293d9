package io.jtrader.rpcservice.vnpy;

import io.jtrader.rpc.pickle.PickleFields;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Function;

/**
 * Converts pickled state values to the Java field types, with a clear message naming class and field. The
 * {@link PickleFields} forms take the value of one slot, or {@code absent} when the key was not sent.
 */
final class StateFields {
    /** vn.py's CHINA_TZ: the zone a naive datetime in an aware field (vn.py 2.x frames) is read in. */
    static final ZoneId NAIVE_ZONE = ZoneId.of("Asia/Shanghai");

    private StateFields() {
    }

    static double number(Object v, String cls, String field) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof BigInteger b) {
            return b.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw bad(cls, field, "a number", v);
    }

    static Double optionalNumber(Object v, String cls, String field) {
        return v == null ? null : number(v, cls, field);
    }

    static int integer(Object v, String cls, String field) {
        double d = number(v, cls, field);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw bad(cls, field, "an int", v);
        }
        return (int) d;
    }

    static boolean bool(Object v, String cls, String field) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        throw bad(cls, field, "a bool", v);
    }

    static String string(Object v, String cls, String field) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw bad(cls, field, "a str", v);
    }

    static <E extends Enum<E>> E enumValue(Object v, Class<E> type, Function<String, E> parse, String cls, String field) {
        if (v == null) {
            return null;
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        if (v instanceof String s) {
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw bad(cls, field, "a " + type.getSimpleName(), v);
            }
        }
        throw bad(cls, field, "a " + type.getSimpleName(), v);
    }

    static ZonedDateTime zoned(Object v, String cls, String field) {
        if (v == null || v instanceof ZonedDateTime) {
            return (ZonedDateTime) v;
        }
        if (v instanceof LocalDateTime t) {
            return t.atZone(NAIVE_ZONE);
        }
        throw bad(cls, field, "a datetime", v);
    }

    static LocalDateTime local(Object v, String cls, String field) {
        if (v == null || v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof ZonedDateTime z) {
            return z.toLocalDateTime();
        }
        throw bad(cls, field, "a datetime", v);
    }

    static String string(PickleFields f, int slot, String absent, String cls, String field) {
        return f.has(slot) ? string(f.get(slot), cls, field) : absent;
    }

    static double number(PickleFields f, int slot, double absent, String cls, String field) {
        if (f.isNumber(slot)) {
            return f.number(slot);
        }
        return f.has(slot) ? number(f.get(slot), cls, field) : absent;
    }

    static Double optionalNumber(PickleFields f, int slot, String cls, String field) {
        return f.has(slot) ? optionalNumber(f.get(slot), cls, field) : null;
    }

    static int integer(PickleFields f, int slot, int absent, String cls, String field) {
        return f.has(slot) ? integer(f.get(slot), cls, field) : absent;
    }

    static boolean bool(PickleFields f, int slot, boolean absent, String cls, String field) {
        return f.has(slot) ? bool(f.get(slot), cls, field) : absent;
    }

    static <E extends Enum<E>> E enumValue(PickleFields f, int slot, E absent, Class<E> type, Function<String, E> parse,
            String cls, String field) {
        return f.has(slot) ? enumValue(f.get(slot), type, parse, cls, field) : absent;
    }

    static ZonedDateTime zoned(PickleFields f, int slot, String cls, String field) {
        return zoned(f.get(slot), cls, field);
    }

    static LocalDateTime local(PickleFields f, int slot, String cls, String field) {
        return local(f.get(slot), cls, field);
    }

    static IllegalArgumentException bad(String cls, String field, String expected, Object v) {
        String shown = v == null ? "None" : v.getClass().getSimpleName() + " " + v;
        if (shown.length() > 100) {
            shown = shown.substring(0, 100) + "...";
        }
        return new IllegalArgumentException(cls + "." + field + ": expected " + expected + ", got " + shown);
    }
}
