package io.jtrader.core.model;

/**
 * What a gateway reports (vn.py {@code BaseData}): every payload carries the name of the gateway it came from.
 * {@link #withGatewayName(String)} is how a relaying gateway (the RPC client) re-labels data as its own.
 */
public sealed interface BaseData
        permits TickData, BarData, OrderData, TradeData, PositionData, AccountData, ContractData, QuoteData, LogData {

    String gatewayName();

    /** The same data reported under another gateway name; derived ids follow. */
    BaseData withGatewayName(String gatewayName);
}
