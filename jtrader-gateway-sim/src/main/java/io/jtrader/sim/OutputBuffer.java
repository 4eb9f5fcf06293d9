package io.jtrader.sim;

import io.jtrader.sim.exchange.SimExchange;

import java.util.ArrayList;
import java.util.List;

/** What the exchange emitted during one pass of its thread. Exchange thread only. */
final class OutputBuffer implements SimExchange.Output {
    private List<Object> items = new ArrayList<>(64);

    @Override
    public void emit(Object item) {
        items.add(item);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** Hands over everything emitted so far and starts a fresh list. */
    List<Object> take() {
        List<Object> taken = items;
        items = new ArrayList<>(Math.max(16, taken.size()));
        return taken;
    }
}
