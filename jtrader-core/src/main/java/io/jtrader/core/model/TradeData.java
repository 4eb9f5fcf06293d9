package io.jtrader.core.model;

import java.time.ZonedDateTime;

/** One fill (vn.py {@code TradeData}). */
public record TradeData(
        String gatewayName,
        String symbol,
        Exchange exchange,
        String orderId,
        String tradeId,
        Direction direction,
        Offset offset,
        double price,
        double volume,
        ZonedDateTime datetime) implements BaseData {

    public TradeData {
        Checks.required(gatewayName, "TradeData", "gatewayName");
        Checks.requiredText(symbol, "TradeData", "symbol");
        Checks.required(exchange, "TradeData", "exchange");
        Checks.required(orderId, "TradeData", "orderId");
        Checks.requiredText(tradeId, "TradeData", "tradeId");
        offset = offset == null ? Offset.NONE : offset;
        Checks.finite(price, "TradeData", "price");
        Checks.nonNegative(volume, "TradeData", "volume");
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    public String vtOrderId() {
        return VtIds.qualified(gatewayName, orderId);
    }

    public String vtTradeId() {
        return VtIds.qualified(gatewayName, tradeId);
    }

    @Override
    public TradeData withGatewayName(String gatewayName) {
        return new TradeData(gatewayName, symbol, exchange, orderId, tradeId, direction, offset, price, volume, datetime);
    }
}
