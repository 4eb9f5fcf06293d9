package io.jtrader.ui.viewmodel;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.SubscribeRequest;

/**
 * What the trading panel and the order monitors ask of the engine. {@link #of(MainEngine)} routes to the main
 * engine; tests pass a recorder. Called on the {@code ui-command} thread (an RPC gateway may wait for its server).
 */
public interface TradingCommands {
    /** @return the vt_orderid, or "" when the order could not be sent (the reason is in the log) */
    String sendOrder(OrderRequest request, String gatewayName);

    void cancelOrder(CancelRequest request, String gatewayName);

    void subscribe(SubscribeRequest request, String gatewayName);

    static TradingCommands of(MainEngine mainEngine) {
        return new TradingCommands() {
            @Override
            public String sendOrder(OrderRequest request, String gatewayName) {
                return mainEngine.sendOrder(request, gatewayName);
            }

            @Override
            public void cancelOrder(CancelRequest request, String gatewayName) {
                mainEngine.cancelOrder(request, gatewayName);
            }

            @Override
            public void subscribe(SubscribeRequest request, String gatewayName) {
                mainEngine.subscribe(request, gatewayName);
            }
        };
    }
}
