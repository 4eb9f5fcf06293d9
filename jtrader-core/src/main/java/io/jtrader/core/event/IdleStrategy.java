package io.jtrader.core.event;

/**
 * What a duty-cycle loop does when a cycle found no work (Agrona's {@code IdleStrategy}). An instance belongs to
 * one loop thread and may keep state between calls.
 */
public interface IdleStrategy {

    /** Called after a cycle that did {@code workCount} units of work; idles only when {@code workCount == 0}. */
    default void idle(int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    /** Idles once (spin, yield or park, depending on the strategy and how long the loop has been idle). */
    void idle();

    /** Work was found: the next idle period starts from the cheapest step again. */
    void reset();

    /** Short name for logs and benchmark reports. */
    String name();

    /** The default: spin a little, then yield, then park for exponentially longer up to {@code maxParkNs}. */
    static IdleStrategy backoff() {
        return new BackoffIdleStrategy();
    }

    /** Burns a core while idle; lowest latency, for benchmarks and dedicated machines only. */
    static IdleStrategy busySpin() {
        return BusySpinIdleStrategy.INSTANCE;
    }
}
