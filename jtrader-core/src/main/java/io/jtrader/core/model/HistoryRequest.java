package io.jtrader.core.model;

import java.time.ZonedDateTime;

/** Ask for bars of one contract over {@code [start, end]} (vn.py {@code HistoryRequest}); {@code end} may be null (now). */
public record HistoryRequest(String symbol, Exchange exchange, ZonedDateTime start, ZonedDateTime end, Interval interval) {
    public HistoryRequest {
        Checks.requiredText(symbol, "HistoryRequest", "symbol");
        Checks.required(exchange, "HistoryRequest", "exchange");
        Checks.required(start, "HistoryRequest", "start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("HistoryRequest.end " + end + " is before start " + start);
        }
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }
}
