package io.jtrader.core.event;

import java.util.concurrent.locks.LockSupport;

/**
 * Backs off in three steps while a loop stays idle: {@code maxSpins} spins, then {@code maxYields}
 * {@link Thread#yield()}s, then parks for {@code minParkNs}, doubling up to {@code maxParkNs}. The default is
 * gentle on a 2-core machine running several JVMs: a loop idle for more than a few microseconds costs about a
 * thousand wake-ups a second. A parked loop can be woken early with {@link LockSupport#unpark(Thread)}; the
 * {@link EventEngine} does so when an event arrives, so parking does not add latency to the next event.
 */
public final class BackoffIdleStrategy implements IdleStrategy {
    public static final int MAX_SPINS_DEFAULT = 100;
    public static final int MAX_YIELDS_DEFAULT = 10;
    public static final long MIN_PARK_NS_DEFAULT = 1_000;
    public static final long MAX_PARK_NS_DEFAULT = 1_000_000;

    private final int maxSpins;
    private final int maxYields;
    private final long minParkNs;
    private final long maxParkNs;

    private int spins;
    private int yields;
    private long parkNs;

    public BackoffIdleStrategy() {
        this(MAX_SPINS_DEFAULT, MAX_YIELDS_DEFAULT, MIN_PARK_NS_DEFAULT, MAX_PARK_NS_DEFAULT);
    }

    public BackoffIdleStrategy(int maxSpins, int maxYields, long minParkNs, long maxParkNs) {
        if (maxSpins < 0 || maxYields < 0) {
            throw new IllegalArgumentException("maxSpins and maxYields must be >= 0, got " + maxSpins + " and " + maxYields);
        }
        if (minParkNs < 1 || maxParkNs < minParkNs) {
            throw new IllegalArgumentException("need 1 <= minParkNs <= maxParkNs, got minParkNs=" + minParkNs
                    + " maxParkNs=" + maxParkNs);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
        this.parkNs = minParkNs;
    }

    @Override
    public void idle() {
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields) {
            yields++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNs);
            parkNs = Math.min(parkNs << 1, maxParkNs);
        }
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
        parkNs = minParkNs;
    }

    /** The longest single park, i.e. the worst extra delay before a loop notices work nobody woke it for. */
    public long maxParkNs() {
        return maxParkNs;
    }

    @Override
    public String name() {
        return "backoff(spins=" + maxSpins + ",yields=" + maxYields + ",park=" + minParkNs + ".." + maxParkNs + "ns)";
    }
}
