package io.jtrader.rpc.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.rate-limited." + System.nanoTime());
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong nowNs = new AtomicLong(1_000_000_000L);
    private final RateLimitedLog log = new RateLimitedLog(logger, "bad request(s)", 3, 1_000, nowNs::get);

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void advanceMs(long ms) {
        nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void shouldLogTheFirstBurstOfAWindowThenCountTheRest() {
        for (int i = 0; i < 1_000; i++) {
            log.warn("bad frame " + i);
        }
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).isEqualTo("bad frame 0");
        assertThat(lines().get(2)).startsWith("bad frame 2 (further bad request(s) in this 1000 ms window are counted");
        assertThat(log.pendingSuppressed()).isEqualTo(997);
    }

    @Test
    void shouldSumUpTheSuppressedLinesWhenTheWindowEndsOnFlush() {
        for (int i = 0; i < 10; i++) {
            log.warn("bad frame " + i);
        }
        advanceMs(999);
        log.flush();
        assertThat(lines()).hasSize(3);
        advanceMs(1);
        log.flush();
        assertThat(lines()).hasSize(4);
        assertThat(lines().get(3)).isEqualTo("7 more bad request(s) in the last 1000 ms not logged; last: bad frame 9");
        log.flush();
        assertThat(lines()).as("nothing suppressed since: no second summary").hasSize(4);
    }

    @Test
    void shouldStartANewBurstInTheNextWindowAfterTheSummary() {
        for (int i = 0; i < 5; i++) {
            log.warn("a" + i);
        }
        advanceMs(1_500);
        log.warn("b0");
        assertThat(lines()).containsExactly("a0", "a1",
                "a2 (further bad request(s) in this 1000 ms window are counted, not logged)",
                "2 more bad request(s) in the last 1500 ms not logged; last: a4", "b0");
    }

    @Test
    void shouldKeepTheStackTraceOfLoggedFailures() {
        log.warn("function f failed", new IllegalStateException("boom"));
        assertThat(appender.list.get(0).getThrowableProxy().getMessage()).isEqualTo("boom");
    }
}
