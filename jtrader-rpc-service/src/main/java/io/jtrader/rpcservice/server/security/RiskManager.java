package io.jtrader.rpcservice.server.security;

import io.jtrader.core.model.OrderRequest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The pre-trade checks of {@link RiskSettings}, run in the server before any gateway sees an order. Each check
 * returns null (pass) or a {@link Refusal} naming the rule. Passing orders and cancels are counted at once, so two
 * clients racing for the last slot cannot both get it.
 *
 * <p>Threading: safe from any thread (the RPC workers); one lock guards the counters.
 */
public final class RiskManager {
    /** Why an order or cancel was refused: {@code rule} is the settings key, e.g. {@code max_order_volume}. */
    public record Refusal(String rule, String message) {
        @Override
        public String toString() {
            return "risk rule " + rule + ": " + message;
        }
    }

    private static final long WINDOW_NS = 1_000_000_000L;

    private final RiskSettings settings;
    private final IntSupplier activeOrders;
    private final Clock clock;
    private final Object lock = new Object();
    private final ArrayDeque<Long> allOrderTimes = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Long>> clientOrderTimes = new HashMap<>();
    private volatile boolean killSwitch;
    private LocalDate cancelDay;
    private int cancelsToday;

    /**
     * @param activeOrders how many orders are active now (the OMS)
     */
    public RiskManager(RiskSettings settings, IntSupplier activeOrders, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.activeOrders = Objects.requireNonNull(activeOrders, "activeOrders");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.killSwitch = settings.killSwitch();
    }

    public RiskSettings settings() {
        return settings;
    }

    public boolean killSwitch() {
        return killSwitch;
    }

    /** Turns the kill switch on (every new order is refused) or off. */
    public void killSwitch(boolean on) {
        killSwitch = on;
    }

    /**
     * Checks one order of {@code client} (its identity) at {@code nowNs} ({@link System#nanoTime()} scale) and, when
     * it passes, counts it against the rate limits.
     */
    public Refusal checkOrder(String client, OrderRequest request, long nowNs) {
        if (killSwitch) {
            return new Refusal(RiskSettings.KILL_SWITCH, "the kill switch is on: no new orders are accepted");
        }
        double max = settings.maxOrderVolume();
        if (max > 0 && request.volume() > max) {
            return new Refusal(RiskSettings.MAX_ORDER_VOLUME, "order volume " + fmt(request.volume())
                    + " exceeds the limit of " + fmt(max));
        }
        if (settings.maxActiveOrders() > 0) {
            int active = activeOrders.getAsInt();
            if (active >= settings.maxActiveOrders()) {
                return new Refusal(RiskSettings.MAX_ACTIVE_ORDERS, active + " orders are active, the limit is "
                        + settings.maxActiveOrders());
            }
        }
        synchronized (lock) {
            int perClient = settings.maxOrdersPerSecondPerClient();
            ArrayDeque<Long> mine = null;
            if (perClient > 0) {
                mine = clientOrderTimes.computeIfAbsent(client, c -> new ArrayDeque<>());
                expire(mine, nowNs);
                if (mine.size() >= perClient) {
                    return new Refusal(RiskSettings.MAX_ORDERS_PER_SECOND_PER_CLIENT, "this client sent " + mine.size()
                            + " orders in the last second, the limit is " + perClient);
                }
            }
            int total = settings.maxOrdersPerSecond();
            if (total > 0) {
                expire(allOrderTimes, nowNs);
                if (allOrderTimes.size() >= total) {
                    return new Refusal(RiskSettings.MAX_ORDERS_PER_SECOND, "all clients sent " + allOrderTimes.size()
                            + " orders in the last second, the limit is " + total);
                }
                allOrderTimes.addLast(nowNs);
            }
            if (mine != null) {
                mine.addLast(nowNs);
            }
            if (clientOrderTimes.size() > 10_000) {   // forget idle clients (connections come and go)
                clientOrderTimes.values().removeIf(times -> {
                    expire(times, nowNs);
                    return times.isEmpty();
                });
            }
        }
        return null;
    }

    /** Checks one cancel request and, when it passes, counts it for the day. */
    public Refusal checkCancel() {
        int max = settings.maxCancelsPerDay();
        if (max <= 0) {
            return null;
        }
        synchronized (lock) {
            LocalDate today = LocalDate.now(clock);
            if (!today.equals(cancelDay)) {
                cancelDay = today;
                cancelsToday = 0;
            }
            if (cancelsToday >= max) {
                return new Refusal(RiskSettings.MAX_CANCELS_PER_DAY, cancelsToday + " cancels were sent today ("
                        + today + "), the limit is " + max);
            }
            cancelsToday++;
            return null;
        }
    }

    private static void expire(ArrayDeque<Long> times, long nowNs) {
        while (!times.isEmpty() && nowNs - times.peekFirst() >= WINDOW_NS) {
            times.pollFirst();
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
