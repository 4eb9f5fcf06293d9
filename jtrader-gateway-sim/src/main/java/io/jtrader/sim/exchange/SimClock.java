package io.jtrader.sim.exchange;

import java.time.ZonedDateTime;

/** Time as the exchange sees it: wall time in Asia/Shanghai for stamps and monotonic nanos for deadlines. */
public interface SimClock {
    ZonedDateTime now();

    long nanoTime();

    /** The system clock. */
    static SimClock system() {
        return new SimClock() {
            @Override
            public ZonedDateTime now() {
                return ZonedDateTime.now(JournalCodec.CHINA);
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }
}
