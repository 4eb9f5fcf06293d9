package io.jtrader.core.model;

import java.time.LocalDateTime;

/** A message for the user (vn.py {@code LogData}); {@code time} is naive local time as vn.py sends it. */
public record LogData(String gatewayName, String msg, int level, LocalDateTime time) implements BaseData {
    public static final int DEBUG = 10;
    public static final int INFO = 20;
    public static final int WARNING = 30;
    public static final int ERROR = 40;
    public static final int CRITICAL = 50;

    public LogData {
        Checks.required(gatewayName, "LogData", "gatewayName");
        msg = Checks.orEmpty(msg);
        time = time == null ? LocalDateTime.now() : time;
    }

    /** An INFO message stamped now. */
    public LogData(String gatewayName, String msg) {
        this(gatewayName, msg, INFO, LocalDateTime.now());
    }

    public static LogData of(String gatewayName, int level, String msg) {
        return new LogData(gatewayName, msg, level, LocalDateTime.now());
    }

    @Override
    public LogData withGatewayName(String gatewayName) {
        return new LogData(gatewayName, msg, level, time);
    }
}
