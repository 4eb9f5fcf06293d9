package io.jtrader.core.model;

import java.time.ZonedDateTime;

/** A two-sided quote (vn.py {@code QuoteData}). */
public record QuoteData(
        String gatewayName,
        String symbol,
        Exchange exchange,
        String quoteId,
        double bidPrice,
        int bidVolume,
        double askPrice,
        int askVolume,
        Offset bidOffset,
        Offset askOffset,
        Status status,
        ZonedDateTime datetime,
        String reference) implements BaseData {

    public QuoteData {
        Checks.required(gatewayName, "QuoteData", "gatewayName");
        Checks.requiredText(symbol, "QuoteData", "symbol");
        Checks.required(exchange, "QuoteData", "exchange");
        Checks.requiredText(quoteId, "QuoteData", "quoteId");
        Checks.finite(bidPrice, "QuoteData", "bidPrice");
        Checks.finite(askPrice, "QuoteData", "askPrice");
        Checks.nonNegative(bidVolume, "QuoteData", "bidVolume");
        Checks.nonNegative(askVolume, "QuoteData", "askVolume");
        bidOffset = bidOffset == null ? Offset.NONE : bidOffset;
        askOffset = askOffset == null ? Offset.NONE : askOffset;
        status = status == null ? Status.SUBMITTING : status;
        reference = Checks.orEmpty(reference);
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    public String vtQuoteId() {
        return VtIds.qualified(gatewayName, quoteId);
    }

    public boolean isActive() {
        return OrderData.ACTIVE_STATUSES.contains(status);
    }

    public CancelRequest createCancelRequest() {
        return new CancelRequest(quoteId, symbol, exchange);
    }

    @Override
    public QuoteData withGatewayName(String gatewayName) {
        return new QuoteData(gatewayName, symbol, exchange, quoteId, bidPrice, bidVolume, askPrice, askVolume,
                bidOffset, askOffset, status, datetime, reference);
    }
}
