package io.jtrader.core.model;

import java.time.ZonedDateTime;

/** Place a two-sided quote (vn.py {@code QuoteRequest}). */
public record QuoteRequest(
        String symbol,
        Exchange exchange,
        double bidPrice,
        int bidVolume,
        double askPrice,
        int askVolume,
        Offset bidOffset,
        Offset askOffset,
        String reference) {

    public QuoteRequest {
        Checks.requiredText(symbol, "QuoteRequest", "symbol");
        Checks.required(exchange, "QuoteRequest", "exchange");
        Checks.finite(bidPrice, "QuoteRequest", "bidPrice");
        Checks.finite(askPrice, "QuoteRequest", "askPrice");
        Checks.nonNegative(bidVolume, "QuoteRequest", "bidVolume");
        Checks.nonNegative(askVolume, "QuoteRequest", "askVolume");
        bidOffset = bidOffset == null ? Offset.NONE : bidOffset;
        askOffset = askOffset == null ? Offset.NONE : askOffset;
        reference = Checks.orEmpty(reference);
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    /** The quote this request becomes at a gateway, SUBMITTING. */
    public QuoteData createQuoteData(String quoteId, String gatewayName, ZonedDateTime datetime) {
        return new QuoteData(gatewayName, symbol, exchange, quoteId, bidPrice, bidVolume, askPrice, askVolume,
                bidOffset, askOffset, Status.SUBMITTING, datetime, reference);
    }
}
