package io.jtrader.core.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.LogData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class LogEventLoggerTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(LogEventLogger.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final EventEngine eventEngine = new EventEngine(new EventEngine.Context().timerIntervalMs(0));
    private Level previousLevel;

    @BeforeEach
    void setUp() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
        eventEngine.start();
    }

    @AfterEach
    void tearDown() {
        eventEngine.stop();
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
    }

    @Test
    void shouldWriteLogAndRpcLogEventsToSlf4jWithTheirSourceAndLevel() {
        LogEventLogger installed = LogEventLogger.install(eventEngine);
        eventEngine.put(new Event(EventType.LOG, new LogData("SIM", "连接成功")));
        eventEngine.put(new Event(EventType.RPC_LOG, LogData.of("RpcService", LogData.ERROR, "RPC服务启动失败")));
        eventEngine.put(new Event(EventType.LOG, LogData.of("SIM", LogData.WARNING, "slow")));
        eventEngine.put(new Event(EventType.LOG, LogData.of("SIM", LogData.DEBUG, "detail")));

        await().atMost(Duration.ofSeconds(5)).until(() -> appender.list.size() == 4);
        assertThat(appender.list).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).containsExactly(
                "INFO [SIM] 连接成功", "ERROR [RpcService] RPC服务启动失败", "WARN [SIM] slow", "DEBUG [SIM] detail");

        installed.close();
        eventEngine.put(new Event(EventType.LOG, new LogData("SIM", "after close")));
        CountDownLatchMarker.await(eventEngine);
        assertThat(appender.list).hasSize(4);
    }

    /** Waits until everything put before has been dispatched. */
    static final class CountDownLatchMarker {
        static void await(EventEngine engine) {
            java.util.concurrent.CountDownLatch marker = new java.util.concurrent.CountDownLatch(1);
            engine.register("test-marker", e -> marker.countDown());
            engine.put(new Event("test-marker", null));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> marker.getCount() == 0);
        }
    }
}
