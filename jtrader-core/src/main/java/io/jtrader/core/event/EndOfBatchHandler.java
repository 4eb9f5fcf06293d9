package io.jtrader.core.event;

/**
 * Told when the {@link EventEngine} has dispatched a batch of events and is about to look for more, so that a
 * consumer that only needs the latest state (a UI table) can apply its accumulated changes once per batch
 * instead of once per event. Called on the {@code event-engine} thread only.
 */
@FunctionalInterface
public interface EndOfBatchHandler {
    /** @param batchSize how many events the batch held (at least 1) */
    void onEndOfBatch(int batchSize);
}
