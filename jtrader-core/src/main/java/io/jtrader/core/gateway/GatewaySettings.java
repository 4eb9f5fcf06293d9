package io.jtrader.core.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a gateway connects with (vn.py's {@code setting} dict, e.g. from {@code connect_sim.json}).
 * Typed getters fall back to the gateway's default settings and fail with the key, the value and the expected
 * type when a value does not fit.
 */
public final class GatewaySettings {
    private final Map<String, Object> values;

    private GatewaySettings(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static GatewaySettings of(Map<String, ?> values) {
        return new GatewaySettings(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    public static GatewaySettings empty() {
        return new GatewaySettings(Map.of());
    }

    /** These settings over the defaults: keys missing here take the default (the first choice of a list). */
    public GatewaySettings withDefaults(Map<String, Object> defaults) {
        Map<String, Object> merged = new LinkedHashMap<>();
        defaults.forEach((k, v) -> merged.put(k, v instanceof List<?> choices && !choices.isEmpty() ? choices.get(0) : v));
        merged.putAll(values);
        return new GatewaySettings(merged);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public String getString(String key) {
        Object v = require(key);
        return v instanceof String s ? s : String.valueOf(v);
    }

    public long getLong(String key) {
        Object v = require(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(key, v, "a whole number");
            }
        }
        throw invalid(key, v, "a whole number");
    }

    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(key, v, "a whole number within int range");
        }
        return (int) v;
    }

    public double getDouble(String key) {
        Object v = require(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(key, v, "a number");
            }
        }
        throw invalid(key, v, "a number");
    }

    public boolean getBoolean(String key) {
        Object v = require(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("true") || t.equals("yes") || t.equals("1") || t.equals("on") || t.equals("是")) {
                return true;
            }
            if (t.equals("false") || t.equals("no") || t.equals("0") || t.equals("off") || t.equals("否")) {
                return false;
            }
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        throw invalid(key, v, "true or false");
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("gateway setting '" + key + "' is missing");
        }
        return v;
    }

    private static IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException("gateway setting '" + key + "' must be " + expected + ", got '" + value + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewaySettings s && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
