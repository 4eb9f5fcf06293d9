package io.jtrader.core.oms;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventHandler;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest state of everything the gateways reported (vn.py {@code OmsEngine}): ticks by vt_symbol, orders by
 * vt_orderid, trades by vt_tradeid, positions by vt_positionid, accounts by vt_accountid, contracts by vt_symbol,
 * quotes by vt_quoteid, and the active orders and quotes. It listens to the general events ({@code eTick.},
 * {@code eOrder.}, …) of its event engine.
 *
 * <h2>Active orders and stale updates</h2>
 * Gateways (and an RPC link after a resync) can deliver an older report of an order after a newer one. An order
 * update is applied unless it is <em>stale</em> compared with the order already kept:
 * <ol>
 * <li>the kept order is finished (ALLTRADED, CANCELLED, REJECTED) and the update is active: a finished order is
 * never resurrected;</li>
 * <li>the update reports less traded volume than the kept order: fills never go backwards;</li>
 * <li>both are active with equal traded volume and the update's status is earlier in the life cycle
 * (SUBMITTING &lt; NOTTRADED &lt; PARTTRADED), e.g. SUBMITTING arriving after NOTTRADED.</li>
 * </ol>
 * A stale update is dropped from the OMS state (logged at DEBUG and counted in {@link #staleUpdates()}); the
 * event itself still reaches every other handler. One finished report may replace another (a correction).
 * An order is in the active set exactly while its kept state is active. Quotes follow the same rules
 * (without traded volume).
 *
 * <h2>Threading</h2>
 * State is updated on the {@code event-engine} thread only. Every getter is safe from any thread while events
 * flow: maps are concurrent, single values are the latest complete record, and lists are snapshots (a copy;
 * later events do not change them).
 */
public final class OmsEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OmsEngine.class);

    private final EventEngine eventEngine;
    private final Map<String, TickData> ticks = new ConcurrentHashMap<>();
    private final Map<String, OrderData> orders = new ConcurrentHashMap<>();
    private final Map<String, TradeData> trades = new ConcurrentHashMap<>();
    private final Map<String, PositionData> positions = new ConcurrentHashMap<>();
    private final Map<String, AccountData> accounts = new ConcurrentHashMap<>();
    private final Map<String, ContractData> contracts = new ConcurrentHashMap<>();
    private final Map<String, QuoteData> quotes = new ConcurrentHashMap<>();
    private final Map<String, OrderData> activeOrders = new ConcurrentHashMap<>();
    private final Map<String, QuoteData> activeQuotes = new ConcurrentHashMap<>();
    private final LongAdder staleUpdates = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final EventHandler tickHandler = this::onTickEvent;
    private final EventHandler orderHandler = this::onOrderEvent;
    private final EventHandler tradeHandler = this::onTradeEvent;
    private final EventHandler positionHandler = this::onPositionEvent;
    private final EventHandler accountHandler = this::onAccountEvent;
    private final EventHandler contractHandler = this::onContractEvent;
    private final EventHandler quoteHandler = this::onQuoteEvent;

    /** Registers on {@code eventEngine} for the general tick, order, trade, position, account, contract and quote events. */
    public OmsEngine(EventEngine eventEngine) {
        if (eventEngine == null) {
            throw new IllegalArgumentException("eventEngine must not be null");
        }
        this.eventEngine = eventEngine;
        eventEngine.register(EventType.TICK, tickHandler);
        eventEngine.register(EventType.ORDER, orderHandler);
        eventEngine.register(EventType.TRADE, tradeHandler);
        eventEngine.register(EventType.POSITION, positionHandler);
        eventEngine.register(EventType.ACCOUNT, accountHandler);
        eventEngine.register(EventType.CONTRACT, contractHandler);
        eventEngine.register(EventType.QUOTE, quoteHandler);
    }

    /** Unregisters from the event engine; the state kept so far stays readable. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            eventEngine.unregister(EventType.TICK, tickHandler);
            eventEngine.unregister(EventType.ORDER, orderHandler);
            eventEngine.unregister(EventType.TRADE, tradeHandler);
            eventEngine.unregister(EventType.POSITION, positionHandler);
            eventEngine.unregister(EventType.ACCOUNT, accountHandler);
            eventEngine.unregister(EventType.CONTRACT, contractHandler);
            eventEngine.unregister(EventType.QUOTE, quoteHandler);
        }
    }

    // ------------------------------------------------------------------------------------ event handlers

    private void onTickEvent(Event event) {
        TickData tick = payload(event, TickData.class);
        ticks.put(tick.vtSymbol(), tick);
    }

    private void onOrderEvent(Event event) {
        OrderData order = payload(event, OrderData.class);
        String vtOrderId = order.vtOrderId();
        OrderData kept = orders.get(vtOrderId);
        if (kept != null && isStale(kept, order)) {
            staleUpdates.increment();
            LOG.debug("ignoring stale update of order {}: {} traded {} after {} traded {}", vtOrderId,
                    order.status(), order.traded(), kept.status(), kept.traded());
            return;
        }
        orders.put(vtOrderId, order);
        if (order.isActive()) {
            activeOrders.put(vtOrderId, order);
        } else {
            activeOrders.remove(vtOrderId);
        }
    }

    private void onTradeEvent(Event event) {
        TradeData trade = payload(event, TradeData.class);
        trades.put(trade.vtTradeId(), trade);
    }

    private void onPositionEvent(Event event) {
        PositionData position = payload(event, PositionData.class);
        positions.put(position.vtPositionId(), position);
    }

    private void onAccountEvent(Event event) {
        AccountData account = payload(event, AccountData.class);
        accounts.put(account.vtAccountId(), account);
    }

    private void onContractEvent(Event event) {
        ContractData contract = payload(event, ContractData.class);
        contracts.put(contract.vtSymbol(), contract);
    }

    private void onQuoteEvent(Event event) {
        QuoteData quote = payload(event, QuoteData.class);
        String vtQuoteId = quote.vtQuoteId();
        QuoteData kept = quotes.get(vtQuoteId);
        if (kept != null && isStale(kept.status(), 0, quote.status(), 0)) {
            staleUpdates.increment();
            LOG.debug("ignoring stale update of quote {}: {} after {}", vtQuoteId, quote.status(), kept.status());
            return;
        }
        quotes.put(vtQuoteId, quote);
        if (quote.isActive()) {
            activeQuotes.put(vtQuoteId, quote);
        } else {
            activeQuotes.remove(vtQuoteId);
        }
    }

    /** The rule in the class comment: true when {@code update} is older than {@code kept}. */
    static boolean isStale(OrderData kept, OrderData update) {
        return isStale(kept.status(), kept.traded(), update.status(), update.traded());
    }

    private static boolean isStale(Status keptStatus, double keptTraded, Status updateStatus, double updateTraded) {
        boolean keptActive = OrderData.ACTIVE_STATUSES.contains(keptStatus);
        boolean updateActive = OrderData.ACTIVE_STATUSES.contains(updateStatus);
        if (!keptActive && updateActive) {
            return true;
        }
        if (updateTraded < keptTraded) {
            return true;
        }
        return keptActive && updateActive && updateTraded == keptTraded
                && lifeCycleRank(updateStatus) < lifeCycleRank(keptStatus);
    }

    private static int lifeCycleRank(Status status) {
        switch (status) {
            case SUBMITTING:
                return 0;
            case NOTTRADED:
                return 1;
            case PARTTRADED:
                return 2;
            default:
                return 3;
        }
    }

    private static <T> T payload(Event event, Class<T> type) {
        Object data = event.data();
        if (!type.isInstance(data)) {
            throw new IllegalArgumentException("event '" + event.type() + "' must carry a " + type.getSimpleName()
                    + ", got " + (data == null ? "null" : data.getClass().getName()));
        }
        return type.cast(data);
    }

    // ------------------------------------------------------------------------------------ queries (any thread)

    /** Latest tick of {@code vtSymbol}, or null. */
    public TickData getTick(String vtSymbol) {
        return vtSymbol == null ? null : ticks.get(vtSymbol);
    }

    /** Latest state of the order {@code vtOrderId}, or null. */
    public OrderData getOrder(String vtOrderId) {
        return vtOrderId == null ? null : orders.get(vtOrderId);
    }

    public TradeData getTrade(String vtTradeId) {
        return vtTradeId == null ? null : trades.get(vtTradeId);
    }

    /** Position by vt_positionid ({@code GATEWAY.symbol.EXCHANGE.多}), or null. */
    public PositionData getPosition(String vtPositionId) {
        return vtPositionId == null ? null : positions.get(vtPositionId);
    }

    public AccountData getAccount(String vtAccountId) {
        return vtAccountId == null ? null : accounts.get(vtAccountId);
    }

    public ContractData getContract(String vtSymbol) {
        return vtSymbol == null ? null : contracts.get(vtSymbol);
    }

    public QuoteData getQuote(String vtQuoteId) {
        return vtQuoteId == null ? null : quotes.get(vtQuoteId);
    }

    public List<TickData> getAllTicks() {
        return List.copyOf(ticks.values());
    }

    public List<OrderData> getAllOrders() {
        return List.copyOf(orders.values());
    }

    public List<TradeData> getAllTrades() {
        return List.copyOf(trades.values());
    }

    public List<PositionData> getAllPositions() {
        return List.copyOf(positions.values());
    }

    public List<AccountData> getAllAccounts() {
        return List.copyOf(accounts.values());
    }

    public List<ContractData> getAllContracts() {
        return List.copyOf(contracts.values());
    }

    public List<QuoteData> getAllQuotes() {
        return List.copyOf(quotes.values());
    }

    /** Orders whose latest state is SUBMITTING, NOTTRADED or PARTTRADED. */
    public List<OrderData> getAllActiveOrders() {
        return List.copyOf(activeOrders.values());
    }

    public List<QuoteData> getAllActiveQuotes() {
        return List.copyOf(activeQuotes.values());
    }

    /** Order and quote updates ignored as stale since creation. */
    public long staleUpdates() {
        return staleUpdates.sum();
    }
}
