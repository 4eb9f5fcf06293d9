package io.jtrader.core.model;

import java.time.ZonedDateTime;

/** One OHLC bar (vn.py {@code BarData}); {@code datetime} is the bar's start. */
public record BarData(
        String gatewayName,
        String symbol,
        Exchange exchange,
        ZonedDateTime datetime,
        Interval interval,
        double volume,
        double turnover,
        double openInterest,
        double openPrice,
        double highPrice,
        double lowPrice,
        double closePrice) implements BaseData {

    public BarData {
        Checks.required(gatewayName, "BarData", "gatewayName");
        Checks.requiredText(symbol, "BarData", "symbol");
        Checks.required(exchange, "BarData", "exchange");
        Checks.required(datetime, "BarData", "datetime");
        Checks.nonNegative(volume, "BarData", "volume");
        Checks.nonNegative(turnover, "BarData", "turnover");
        Checks.nonNegative(openInterest, "BarData", "openInterest");
        Checks.finite(openPrice, "BarData", "openPrice");
        Checks.finite(highPrice, "BarData", "highPrice");
        Checks.finite(lowPrice, "BarData", "lowPrice");
        Checks.finite(closePrice, "BarData", "closePrice");
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    @Override
    public BarData withGatewayName(String gatewayName) {
        return new BarData(gatewayName, symbol, exchange, datetime, interval, volume, turnover, openInterest,
                openPrice, highPrice, lowPrice, closePrice);
    }
}
