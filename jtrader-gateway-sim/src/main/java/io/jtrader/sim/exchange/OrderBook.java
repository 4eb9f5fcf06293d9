package io.jtrader.sim.exchange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resting client orders of one instrument in price-time priority: bids best (highest) price first, asks
 * lowest first, and within a price level the earliest order first. Exchange thread only.
 */
final class OrderBook {
    private final TreeMap<Long, ArrayDeque<SimOrder>> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, ArrayDeque<SimOrder>> asks = new TreeMap<>();
    private int size;

    void add(SimOrder order) {
        (order.isBuy() ? bids : asks).computeIfAbsent(order.priceTicks, p -> new ArrayDeque<>()).addLast(order);
        size++;
    }

    boolean remove(SimOrder order) {
        TreeMap<Long, ArrayDeque<SimOrder>> side = order.isBuy() ? bids : asks;
        ArrayDeque<SimOrder> level = side.get(order.priceTicks);
        if (level == null || !level.remove(order)) {
            return false;
        }
        if (level.isEmpty()) {
            side.remove(order.priceTicks);
        }
        size--;
        return true;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Buy orders priced at or above {@code askTicks}, in priority order. */
    List<SimOrder> bidsAtOrAbove(long askTicks) {
        return collect(bids.headMap(askTicks, true));
    }

    /** Sell orders priced at or below {@code bidTicks}, in priority order. */
    List<SimOrder> asksAtOrBelow(long bidTicks) {
        return collect(asks.headMap(bidTicks, true));
    }

    private static List<SimOrder> collect(Map<Long, ArrayDeque<SimOrder>> levels) {
        if (levels.isEmpty()) {
            return List.of();
        }
        List<SimOrder> out = new ArrayList<>();
        for (ArrayDeque<SimOrder> level : levels.values()) {
            for (Iterator<SimOrder> it = level.iterator(); it.hasNext(); ) {
                out.add(it.next());
            }
        }
        return out;
    }
}
