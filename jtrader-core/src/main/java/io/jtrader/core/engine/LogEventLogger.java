package io.jtrader.core.engine;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventHandler;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.LogData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the user-facing log events ({@code eLog}, {@code eRpcLog}: what gateways and apps report with vn.py's
 * {@code write_log}) to SLF4J, so they reach the console and the log file as well as the UI. The logger is
 * {@value #LOGGER_NAME}; each line starts with the reporting gateway or app, e.g. {@code [SIM] 连接成功}.
 * LogData levels map to SLF4J levels: ≥ 40 ERROR, ≥ 30 WARN, ≥ 20 INFO, else DEBUG.
 *
 * <p>Threading: {@link #onEvent} runs on the {@code event-engine} thread; {@code install}/{@code close} from any
 * thread.
 */
public final class LogEventLogger implements EventHandler, AutoCloseable {
    /** The SLF4J logger the messages go to. */
    public static final String LOGGER_NAME = "io.jtrader.log";

    private final Logger logger;
    private final EventEngine eventEngine;

    private LogEventLogger(EventEngine eventEngine, Logger logger) {
        this.eventEngine = eventEngine;
        this.logger = logger;
    }

    /** Registers a logger for {@code eLog} and {@code eRpcLog} on {@code eventEngine}; {@code close()} removes it. */
    public static LogEventLogger install(EventEngine eventEngine) {
        LogEventLogger handler = new LogEventLogger(eventEngine, LoggerFactory.getLogger(LOGGER_NAME));
        eventEngine.register(EventType.LOG, handler);
        eventEngine.register(EventType.RPC_LOG, handler);
        return handler;
    }

    @Override
    public void onEvent(Event event) {
        if (!(event.data() instanceof LogData log)) {
            logger.warn("[{}] event without LogData: {}", event.type(), event.data());
            return;
        }
        if (log.level() >= LogData.ERROR) {
            logger.error("[{}] {}", log.gatewayName(), log.msg());
        } else if (log.level() >= LogData.WARNING) {
            logger.warn("[{}] {}", log.gatewayName(), log.msg());
        } else if (log.level() >= LogData.INFO) {
            logger.info("[{}] {}", log.gatewayName(), log.msg());
        } else {
            logger.debug("[{}] {}", log.gatewayName(), log.msg());
        }
    }

    @Override
    public void close() {
        eventEngine.unregister(EventType.LOG, this);
        eventEngine.unregister(EventType.RPC_LOG, this);
    }

    @Override
    public String toString() {
        return "LogEventLogger(" + LOGGER_NAME + ")";
    }
}
