package io.jtrader.core.engine;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventType;
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

/**
 * The engine side of the gateway SPI (vn.py {@code BaseGateway.on_*}): puts each report on an
 * {@link EventEngine} as the general event and, for ticks, orders, trades, positions, accounts and quotes, the
 * specific one as well ({@code eTick.} + vt_symbol, {@code eOrder.} + vt_orderid, {@code eTrade.} + vt_symbol,
 * {@code ePosition.} + vt_symbol, {@code eAccount.} + vt_accountid, {@code eQuote.} + vt_symbol); contracts and
 * logs only the general one. Both events carry the same record.
 *
 * <p>Threading: called from gateway threads; never blocks (an event the engine refuses is counted and logged
 * by the engine) and never throws into the gateway: a null report is logged and dropped.
 */
public final class EventGatewayListener implements GatewayListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventGatewayListener.class);

    private final EventEngine eventEngine;

    public EventGatewayListener(EventEngine eventEngine) {
        if (eventEngine == null) {
            throw new IllegalArgumentException("eventEngine must not be null");
        }
        this.eventEngine = eventEngine;
    }

    @Override
    public void onTick(TickData tick) {
        if (present(tick, EventType.TICK)) {
            putPair(EventType.TICK, EventType.tickOf(tick.vtSymbol()), tick);
        }
    }

    @Override
    public void onOrder(OrderData order) {
        if (present(order, EventType.ORDER)) {
            putPair(EventType.ORDER, EventType.orderOf(order.vtOrderId()), order);
        }
    }

    @Override
    public void onTrade(TradeData trade) {
        if (present(trade, EventType.TRADE)) {
            putPair(EventType.TRADE, EventType.tradeOf(trade.vtSymbol()), trade);
        }
    }

    @Override
    public void onPosition(PositionData position) {
        if (present(position, EventType.POSITION)) {
            putPair(EventType.POSITION, EventType.positionOf(position.vtSymbol()), position);
        }
    }

    @Override
    public void onAccount(AccountData account) {
        if (present(account, EventType.ACCOUNT)) {
            putPair(EventType.ACCOUNT, EventType.accountOf(account.vtAccountId()), account);
        }
    }

    @Override
    public void onQuote(QuoteData quote) {
        if (present(quote, EventType.QUOTE)) {
            putPair(EventType.QUOTE, EventType.quoteOf(quote.vtSymbol()), quote);
        }
    }

    @Override
    public void onContract(ContractData contract) {
        if (present(contract, EventType.CONTRACT)) {
            eventEngine.put(new Event(EventType.CONTRACT, contract));
        }
    }

    @Override
    public void onLog(LogData log) {
        if (present(log, EventType.LOG)) {
            eventEngine.put(new Event(EventType.LOG, log));
        }
    }

    /** Puts {@code event} on the event engine unchanged. */
    @Override
    public void onEvent(Event event) {
        if (event == null) {
            LOG.error("a gateway reported a null event; dropped (gateway bug)");
            return;
        }
        eventEngine.put(event);
    }

    private void putPair(String generalType, String specificType, Object data) {
        eventEngine.put(new Event(generalType, data));
        eventEngine.put(new Event(specificType, data));
    }

    private static boolean present(Object data, String type) {
        if (data == null) {
            LOG.error("a gateway reported null as '{}' data; dropped (gateway bug)", type);
            return false;
        }
        return true;
    }
}
