package io.jtrader.core.model;

import java.time.ZonedDateTime;

/** Place one order (vn.py {@code OrderRequest}); {@code reference} is free text for the sender's bookkeeping. */
public record OrderRequest(
        String symbol,
        Exchange exchange,
        Direction direction,
        OrderType type,
        double volume,
        double price,
        Offset offset,
        String reference) {

    public OrderRequest {
        Checks.requiredText(symbol, "OrderRequest", "symbol");
        Checks.required(exchange, "OrderRequest", "exchange");
        Checks.required(direction, "OrderRequest", "direction");
        Checks.required(type, "OrderRequest", "type");
        Checks.nonNegative(volume, "OrderRequest", "volume");
        Checks.finite(price, "OrderRequest", "price");
        offset = offset == null ? Offset.NONE : offset;
        reference = Checks.orEmpty(reference);
    }

    /** A limit order with no reference. */
    public static OrderRequest limit(String symbol, Exchange exchange, Direction direction, Offset offset,
            double price, double volume) {
        return new OrderRequest(symbol, exchange, direction, OrderType.LIMIT, volume, price, offset, "");
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    /** The order this request becomes at a gateway, SUBMITTING (vn.py {@code create_order_data}). */
    public OrderData createOrderData(String orderId, String gatewayName, ZonedDateTime datetime) {
        return new OrderData(gatewayName, symbol, exchange, orderId, type, direction, offset, price, volume, 0,
                Status.SUBMITTING, datetime, reference);
    }
}
