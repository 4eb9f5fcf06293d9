package io.jtrader.rpcservice.server.security;

import io.jtrader.core.settings.SettingsException;
import io.jtrader.core.settings.SettingsStore;
import io.jtrader.rpcservice.server.RpcServiceException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Pre-trade limits from {@code .jtrader/risk_setting.json}. Every key is optional; 0 (the default) means no limit.
 * <pre>{@code
 * {
 *   "max_order_volume": 100,                  // largest volume of one order
 *   "max_orders_per_second_per_client": 20,   // orders one client may send in any 1-second window
 *   "max_orders_per_second": 50,              // orders all clients together may send in any 1-second window
 *   "max_active_orders": 50,                  // active orders (all clients) before new orders are refused
 *   "max_cancels_per_day": 500,               // cancel requests (all clients) per calendar day
 *   "kill_switch": false                      // true: refuse every new order from start-up on
 * }
 * }</pre>
 */
public record RiskSettings(double maxOrderVolume, int maxOrdersPerSecondPerClient, int maxOrdersPerSecond,
                           int maxActiveOrders, int maxCancelsPerDay, boolean killSwitch) {
    public static final String FILE_NAME = "risk_setting.json";
    public static final String MAX_ORDER_VOLUME = "max_order_volume";
    public static final String MAX_ORDERS_PER_SECOND_PER_CLIENT = "max_orders_per_second_per_client";
    public static final String MAX_ORDERS_PER_SECOND = "max_orders_per_second";
    public static final String MAX_ACTIVE_ORDERS = "max_active_orders";
    public static final String MAX_CANCELS_PER_DAY = "max_cancels_per_day";
    public static final String KILL_SWITCH = "kill_switch";
    private static final Set<String> KEYS = Set.of(MAX_ORDER_VOLUME, MAX_ORDERS_PER_SECOND_PER_CLIENT,
            MAX_ORDERS_PER_SECOND, MAX_ACTIVE_ORDERS, MAX_CANCELS_PER_DAY, KILL_SWITCH);

    public RiskSettings {
        if (!(maxOrderVolume >= 0) || Double.isInfinite(maxOrderVolume)) {
            throw new RpcServiceException(MAX_ORDER_VOLUME + " must be a number >= 0 (0 = no limit), got " + maxOrderVolume);
        }
        nonNegative(MAX_ORDERS_PER_SECOND_PER_CLIENT, maxOrdersPerSecondPerClient);
        nonNegative(MAX_ORDERS_PER_SECOND, maxOrdersPerSecond);
        nonNegative(MAX_ACTIVE_ORDERS, maxActiveOrders);
        nonNegative(MAX_CANCELS_PER_DAY, maxCancelsPerDay);
    }

    /** No limits, kill switch off. */
    public static RiskSettings unlimited() {
        return new RiskSettings(0, 0, 0, 0, 0, false);
    }

    public boolean hasLimits() {
        return maxOrderVolume > 0 || maxOrdersPerSecondPerClient > 0 || maxOrdersPerSecond > 0 || maxActiveOrders > 0
                || maxCancelsPerDay > 0 || killSwitch;
    }

    /**
     * Reads {@code risk_setting.json} from {@code store}; {@link #unlimited()} when the file does not exist.
     *
     * @throws RpcServiceException naming the file, key and value when the file is invalid
     */
    public static RiskSettings load(SettingsStore store) {
        Map<String, Object> raw;
        try {
            raw = store.load(FILE_NAME);
        } catch (SettingsException e) {
            throw new RpcServiceException(e.getMessage(), e);
        }
        return fromMap(raw, store.path(FILE_NAME).toString());
    }

    /** @param where names the source in error messages */
    public static RiskSettings fromMap(Map<String, Object> raw, String where) {
        for (String key : raw.keySet()) {
            if (!KEYS.contains(key)) {
                throw new RpcServiceException(where + ": unknown key '" + key + "' (known: " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        try {
            return new RiskSettings(number(raw, MAX_ORDER_VOLUME, where),
                    integer(raw, MAX_ORDERS_PER_SECOND_PER_CLIENT, where), integer(raw, MAX_ORDERS_PER_SECOND, where),
                    integer(raw, MAX_ACTIVE_ORDERS, where), integer(raw, MAX_CANCELS_PER_DAY, where),
                    bool(raw, KILL_SWITCH, where));
        } catch (RpcServiceException e) {
            throw e.getMessage().startsWith(where) ? e : new RpcServiceException(where + ": " + e.getMessage(), e);
        }
    }

    /** The settings as the file's JSON object. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MAX_ORDER_VOLUME, maxOrderVolume);
        m.put(MAX_ORDERS_PER_SECOND_PER_CLIENT, maxOrdersPerSecondPerClient);
        m.put(MAX_ORDERS_PER_SECOND, maxOrdersPerSecond);
        m.put(MAX_ACTIVE_ORDERS, maxActiveOrders);
        m.put(MAX_CANCELS_PER_DAY, maxCancelsPerDay);
        m.put(KILL_SWITCH, killSwitch);
        return m;
    }

    private static double number(Map<String, Object> raw, String key, String where) {
        Object v = raw.get(key);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n)) {
            throw new RpcServiceException(where + ": '" + key + "' must be a number >= 0 (0 = no limit), got " + v);
        }
        return n.doubleValue();
    }

    private static int integer(Map<String, Object> raw, String key, String where) {
        Object v = raw.get(key);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() > Integer.MAX_VALUE) {
            throw new RpcServiceException(where + ": '" + key + "' must be a whole number >= 0 (0 = no limit), got " + v);
        }
        return ((Number) v).intValue();
    }

    private static boolean bool(Map<String, Object> raw, String key, String where) {
        Object v = raw.get(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new RpcServiceException(where + ": '" + key + "' must be true or false, got " + v);
        }
        return b;
    }

    private static void nonNegative(String key, int value) {
        if (value < 0) {
            throw new RpcServiceException(key + " must be >= 0 (0 = no limit), got " + value);
        }
    }
}
