package io.jtrader.sim.exchange;

import java.time.Duration;
import java.time.ZonedDateTime;

/** A clock the test moves by hand. */
public final class ManualClock implements SimClock {
    private ZonedDateTime now;
    private long nanos;

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
        return nanos;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
        nanos += d.toNanos();
    }

    public synchronized void set(ZonedDateTime time) {
        now = time;
    }
}
