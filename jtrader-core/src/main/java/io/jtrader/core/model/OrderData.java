package io.jtrader.core.model;

import java.time.ZonedDateTime;
import java.util.Set;

/**
 * The state of one order as its gateway last reported it (vn.py {@code OrderData}). Immutable: a status
 * change is a new record ({@link #withProgress(double, Status)}).
 */
public record OrderData(
        String gatewayName,
        String symbol,
        Exchange exchange,
        String orderId,
        OrderType type,
        Direction direction,
        Offset offset,
        double price,
        double volume,
        double traded,
        Status status,
        ZonedDateTime datetime,
        String reference) implements BaseData {

    /** vn.py's {@code ACTIVE_STATUSES}. */
    public static final Set<Status> ACTIVE_STATUSES = Set.of(Status.SUBMITTING, Status.NOTTRADED, Status.PARTTRADED);

    public OrderData {
        Checks.required(gatewayName, "OrderData", "gatewayName");
        Checks.requiredText(symbol, "OrderData", "symbol");
        Checks.required(exchange, "OrderData", "exchange");
        Checks.requiredText(orderId, "OrderData", "orderId");
        type = type == null ? OrderType.LIMIT : type;
        offset = offset == null ? Offset.NONE : offset;
        status = status == null ? Status.SUBMITTING : status;
        reference = Checks.orEmpty(reference);
        Checks.finite(price, "OrderData", "price");
        Checks.nonNegative(volume, "OrderData", "volume");
        Checks.nonNegative(traded, "OrderData", "traded");
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    public String vtOrderId() {
        return VtIds.qualified(gatewayName, orderId);
    }

    /** True while the order can still trade: submitting, not traded or partly traded. */
    public boolean isActive() {
        return ACTIVE_STATUSES.contains(status);
    }

    /** The request that cancels this order (vn.py {@code create_cancel_request}). */
    public CancelRequest createCancelRequest() {
        return new CancelRequest(orderId, symbol, exchange);
    }

    /** This order with a new traded volume and status. */
    public OrderData withProgress(double traded, Status status) {
        return new OrderData(gatewayName, symbol, exchange, orderId, type, direction, offset, price, volume, traded,
                status, datetime, reference);
    }

    /** This order with a new status and time. */
    public OrderData withStatus(Status status, ZonedDateTime datetime) {
        return new OrderData(gatewayName, symbol, exchange, orderId, type, direction, offset, price, volume, traded,
                status, datetime, reference);
    }

    @Override
    public OrderData withGatewayName(String gatewayName) {
        return new OrderData(gatewayName, symbol, exchange, orderId, type, direction, offset, price, volume, traded,
                status, datetime, reference);
    }
}
