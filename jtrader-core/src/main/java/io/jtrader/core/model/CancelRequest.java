package io.jtrader.core.model;

/** Cancel one order or quote (vn.py {@code CancelRequest}); {@code orderId} is the gateway-local id. */
public record CancelRequest(String orderId, String symbol, Exchange exchange) {
    public CancelRequest {
        Checks.requiredText(orderId, "CancelRequest", "orderId");
        Checks.requiredText(symbol, "CancelRequest", "symbol");
        Checks.required(exchange, "CancelRequest", "exchange");
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }
}
