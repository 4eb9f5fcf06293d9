package io.jtrader.core.event.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether a repeated problem should be logged now: at most once per {@code intervalNs}, telling how many
 * occurrences were not logged since the last time. Safe from any thread.
 */
public final class RateLimitedLog {
    private final long intervalNs;
    private final AtomicLong nextLogNs;
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(long intervalNs) {
        this.intervalNs = intervalNs;
        this.nextLogNs = new AtomicLong(System.nanoTime() - intervalNs);
    }

    /**
     * Returns -1 when this occurrence should not be logged (it is counted), else the number of occurrences
     * suppressed since the last logged one (0 or more).
     */
    public long tryAcquire() {
        long now = System.nanoTime();
        long next = nextLogNs.get();
        if (now - next >= 0 && nextLogNs.compareAndSet(next, now + intervalNs)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}
