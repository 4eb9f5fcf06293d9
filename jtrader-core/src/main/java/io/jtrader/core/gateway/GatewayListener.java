package io.jtrader.core.gateway;

import io.jtrader.core.event.Event;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;

/**
 * What a gateway reports (vn.py {@code BaseGateway.on_*}). The engine side provides the implementation; it
 * puts the general and the specific event on the event engine. Called from gateway threads; implementations
 * must not block.
 */
public interface GatewayListener {
    void onTick(TickData tick);

    void onOrder(OrderData order);

    void onTrade(TradeData trade);

    void onPosition(PositionData position);

    void onAccount(AccountData account);

    void onContract(ContractData contract);

    void onQuote(QuoteData quote);

    void onLog(LogData log);

    /**
     * Any other event, passed on unchanged (vn.py {@code BaseGateway.on_event}): a relaying gateway (the RPC client)
     * forwards the server's {@code eRpcLog} and other apps' events this way. The engine-side listener puts it on the
     * event engine; a listener that relays nothing (a test recorder) may ignore it, which this default does.
     */
    default void onEvent(Event event) {
    }

    /** A user-facing message at INFO (vn.py {@code write_log}). */
    default void writeLog(String gatewayName, String msg) {
        onLog(new LogData(gatewayName, msg));
    }

    /** A user-facing message at the given level (see {@link LogData} constants). */
    default void writeLog(String gatewayName, int level, String msg) {
        onLog(LogData.of(gatewayName, level, msg));
    }
}
