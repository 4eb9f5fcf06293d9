package io.jtrader.sim.exchange;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * A clock whose date and time the test sets by hand. Its monotonic time is manual too, unless made with
 * {@link #withSystemNanos()} for tests of the threaded gateway, whose deadlines (latency, ticks) must pass.
 */
public final class ManualClock implements SimClock {
    private ZonedDateTime now;
    private long nanos;
    private boolean systemNanos;

    public ManualClock withSystemNanos() {
        systemNanos = true;
        return this;
    }

    public ManualClock(ZonedDateTime now) {
        this.now = now;
    }

    public static ManualClock at(String isoLocal) {
        return new ManualClock(java.time.LocalDateTime.parse(isoLocal).atZone(JournalCodec.CHINA));
    }

    @Override
    public synchronized ZonedDateTime now() {
        return now;
    }

    @Override
    public synchronized long nanoTime() {
        return systemNanos ? System.nanoTime() : nanos;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
        nanos += d.toNanos();
    }

    public synchronized void set(ZonedDateTime time) {
        now = time;
    }
}
