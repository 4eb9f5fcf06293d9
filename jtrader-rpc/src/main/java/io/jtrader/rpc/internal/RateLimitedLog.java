package io.jtrader.rpc.internal;

import org.slf4j.Logger;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * WARN lines for a kind of bad input that a hostile or broken peer can send at line rate: the first
 * {@code burst} lines of each window are logged as they come, the rest are counted and summed up in one line
 * when the window is over ({@code 4,812 more undecodable request(s) in the last 1000 ms not logged; last: ...}).
 * A flood therefore costs at most {@code burst + 1} lines per window, and nothing is hidden: the summary names the
 * count and the last message. The summary is written by the next {@link #warn} or {@link #flush} after the window
 * ends; the owner calls {@code flush} periodically (the rpc-server thread does it with each heartbeat).
 *
 * <p>Thread-safe: any thread may call {@link #warn} and {@link #flush}.
 */
public final class RateLimitedLog {
    /** Lines logged per window before suppression starts. */
    public static final int BURST_DEFAULT = 10;
    public static final long WINDOW_MS_DEFAULT = 1_000;

    private final Logger log;
    private final String what;
    private final int burst;
    private final long windowNs;
    private final LongSupplier nanoClock;

    private long windowStartNs;      // guarded by this
    private int loggedInWindow;      // guarded by this
    private long suppressed;         // guarded by this
    private String lastSuppressed;   // guarded by this

    /**
     * @param log  where the lines go
     * @param what the kind of event in plural form for the summary, e.g. {@code "undecodable request(s)"}
     */
    public RateLimitedLog(Logger log, String what) {
        this(log, what, BURST_DEFAULT, WINDOW_MS_DEFAULT, System::nanoTime);
    }

    public RateLimitedLog(Logger log, String what, int burst, long windowMs, LongSupplier nanoClock) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
        if (burst < 1 || windowMs < 1) {
            throw new IllegalArgumentException("burst and windowMs must be >= 1, got " + burst + " and " + windowMs);
        }
        this.burst = burst;
        this.windowNs = TimeUnit.MILLISECONDS.toNanos(windowMs);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.windowStartNs = nanoClock.getAsLong();
    }

    /** Logs {@code message} at WARN unless this window's burst is spent (then it is counted for the summary). */
    public void warn(String message) {
        warn(message, null);
    }

    /** As {@link #warn(String)}, with the failure's stack trace when the line is logged. */
    public void warn(String message, Throwable failure) {
        boolean logNow;
        synchronized (this) {
            rollWindow(nanoClock.getAsLong());
            logNow = loggedInWindow < burst;
            if (logNow) {
                loggedInWindow++;
                if (loggedInWindow == burst) {
                    message = message + " (further " + what + " in this " + TimeUnit.NANOSECONDS.toMillis(windowNs)
                            + " ms window are counted, not logged)";
                }
            } else {
                suppressed++;
                lastSuppressed = message;
            }
        }
        if (logNow) {
            if (failure == null) {
                log.warn(message);
            } else {
                log.warn(message, failure);
            }
        }
    }

    /** Writes the summary of a finished window, if it suppressed anything. */
    public void flush() {
        synchronized (this) {
            rollWindow(nanoClock.getAsLong());
        }
    }

    /** Lines suppressed in the current window so far (not yet summed up). */
    public synchronized long pendingSuppressed() {
        return suppressed;
    }

    private void rollWindow(long nowNs) {
        long elapsedNs = nowNs - windowStartNs;
        if (elapsedNs < windowNs) {
            return;
        }
        if (suppressed > 0) {
            log.warn("{} more {} in the last {} ms not logged; last: {}", suppressed, what,
                    TimeUnit.NANOSECONDS.toMillis(elapsedNs), lastSuppressed);
        }
        windowStartNs = nowNs;
        loggedInWindow = 0;
        suppressed = 0;
        lastSuppressed = null;
    }
}
