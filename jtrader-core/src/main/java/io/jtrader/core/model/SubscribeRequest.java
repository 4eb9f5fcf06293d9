package io.jtrader.core.model;

/** Ask a gateway for market data of one contract (vn.py {@code SubscribeRequest}). */
public record SubscribeRequest(String symbol, Exchange exchange) {
    public SubscribeRequest {
        Checks.requiredText(symbol, "SubscribeRequest", "symbol");
        Checks.required(exchange, "SubscribeRequest", "exchange");
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }
}
