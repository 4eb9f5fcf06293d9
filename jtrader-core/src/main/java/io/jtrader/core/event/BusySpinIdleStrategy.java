package io.jtrader.core.event;

/** Spins with {@link Thread#onSpinWait()}; never gives up the core. For benchmarks, not for shared machines. */
public final class BusySpinIdleStrategy implements IdleStrategy {
    /** Stateless, so one instance serves every loop. */
    public static final BusySpinIdleStrategy INSTANCE = new BusySpinIdleStrategy();

    private BusySpinIdleStrategy() {
    }

    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {
        // nothing to reset: every idle period is the same spin
    }

    @Override
    public String name() {
        return "busy-spin";
    }
}
