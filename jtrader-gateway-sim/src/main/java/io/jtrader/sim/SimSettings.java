package io.jtrader.sim;

import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewaySettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SIM gateway's connect settings, validated once: every error names the key, the value and the rule.
 *
 * @param randomSeed          seeds every market path and history series
 * @param tickIntervalMs      milliseconds between two ticks of each contract (500 = 2 per second, like CTP)
 * @param initialCapital      the account's money when its journal is new
 * @param orderAckLatencyMs   delay between SUBMITTING and the exchange's answer (simulated network), 0 allowed
 * @param journal             whether exchange-side state survives restarts
 * @param instrumentFile      optional JSON file of extra instruments, or null
 */
public record SimSettings(long randomSeed, long tickIntervalMs, double initialCapital, long orderAckLatencyMs,
        boolean journal, Path instrumentFile) {

    public static final String RANDOM_SEED = "random seed";
    public static final String TICK_INTERVAL_MS = "tick interval ms";
    public static final String INITIAL_CAPITAL = "initial capital";
    public static final String ORDER_ACK_LATENCY_MS = "order ack latency ms";
    public static final String JOURNAL = "journal";
    public static final String INSTRUMENT_FILE = "instrument file";

    public static final long DEFAULT_RANDOM_SEED = 42;
    public static final long DEFAULT_TICK_INTERVAL_MS = 500;
    public static final double DEFAULT_INITIAL_CAPITAL = 10_000_000.0;
    public static final long DEFAULT_ORDER_ACK_LATENCY_MS = 1;

    /** The defaults in display order (vn.py's {@code default_setting}). */
    public static Map<String, Object> defaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(RANDOM_SEED, DEFAULT_RANDOM_SEED);
        m.put(TICK_INTERVAL_MS, DEFAULT_TICK_INTERVAL_MS);
        m.put(INITIAL_CAPITAL, DEFAULT_INITIAL_CAPITAL);
        m.put(ORDER_ACK_LATENCY_MS, DEFAULT_ORDER_ACK_LATENCY_MS);
        m.put(JOURNAL, Boolean.TRUE);
        m.put(INSTRUMENT_FILE, "");
        return Collections.unmodifiableMap(m);
    }

    /**
     * Validates settings over the defaults; relative instrument file paths resolve against {@code homeDir}.
     *
     * @throws GatewayException naming the key, the value and the rule
     */
    public static SimSettings from(GatewaySettings settings, Path homeDir) {
        GatewaySettings s = settings.withDefaults(defaults());
        for (String key : s.asMap().keySet()) {
            if (!defaults().containsKey(key)) {
                throw new GatewayException("SIM setting '" + key + "' is unknown; SIM takes " + defaults().keySet());
            }
        }
        try {
            long seed = s.getLong(RANDOM_SEED);
            long tick = s.getLong(TICK_INTERVAL_MS);
            if (tick < 1 || tick > 3_600_000) {
                throw new GatewayException("SIM setting '" + TICK_INTERVAL_MS + "' must be 1..3600000 ms, got " + tick);
            }
            double capital = s.getDouble(INITIAL_CAPITAL);
            if (!(capital > 0) || !Double.isFinite(capital)) {
                throw new GatewayException("SIM setting '" + INITIAL_CAPITAL + "' must be a positive amount, got " + capital);
            }
            long latency = s.getLong(ORDER_ACK_LATENCY_MS);
            if (latency < 0 || latency > 60_000) {
                throw new GatewayException("SIM setting '" + ORDER_ACK_LATENCY_MS + "' must be 0..60000 ms, got " + latency);
            }
            boolean journal = s.getBoolean(JOURNAL);
            String file = s.getString(INSTRUMENT_FILE).trim();
            Path path = null;
            if (!file.isEmpty()) {
                path = homeDir.resolve(file);
                if (!Files.isRegularFile(path)) {
                    throw new GatewayException("SIM setting '" + INSTRUMENT_FILE + "' names " + path
                            + ", which is not a readable file");
                }
            }
            return new SimSettings(seed, tick, capital, latency, journal, path);
        } catch (IllegalArgumentException e) {
            throw new GatewayException("invalid SIM settings: " + e.getMessage(), e);
        }
    }
}
