package io.jtrader.sim;

import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Hands the exchange's reports to the gateway listener; a throwing listener is logged and skipped. */
final class Reports {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private Reports() {
    }

    /** Delivers every report in {@code items} in order; journal records are skipped. */
    static void deliver(GatewayListener listener, List<Object> items) {
        for (int i = 0, n = items.size(); i < n; i++) {
            deliver(listener, items.get(i));
        }
    }

    static void deliver(GatewayListener listener, Object item) {
        try {
            if (item instanceof OrderData o) {
                listener.onOrder(o);
            } else if (item instanceof TradeData t) {
                listener.onTrade(t);
            } else if (item instanceof TickData t) {
                listener.onTick(t);
            } else if (item instanceof PositionData p) {
                listener.onPosition(p);
            } else if (item instanceof AccountData a) {
                listener.onAccount(a);
            } else if (item instanceof ContractData c) {
                listener.onContract(c);
            } else if (item instanceof LogData l) {
                listener.onLog(l);
            } else if (item instanceof QuoteData q) {
                listener.onQuote(q);
            }
        } catch (RuntimeException e) {
            LOG.error("gateway listener failed on {}; the report is skipped and the simulator goes on", item, e);
        }
    }
}
