package io.jtrader.rpcservice.client;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.BaseData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the server's published events into this gateway's own reports (what vn.py's {@code client_callback}
 * does, without its defects W10, W11, W17):
 * <ul>
 * <li>the general tick, order, trade, position, account and quote events are re-labelled with this gateway's
 * name (the records derive their vt ids from it) and handed to the listener, which emits the general and the
 * specific event with this gateway's ids (W10 fixed);</li>
 * <li>the server's specific duplicates ({@code eOrder.SIM.1_5}, ...) are dropped, so each update arrives once;</li>
 * <li>contracts are re-labelled and their server gateway remembered per vt_symbol, from the snapshot and from
 * pushes (W11 fixed);</li>
 * <li>accounts keep the server's {@code available} (W17 fixed); log events ({@code eLog}, {@code eRpcLog}) keep
 * the server-side source; {@code eTimer} is dropped; any other event (another app's) is passed on unchanged.</li>
 * </ul>
 *
 * <p>Re-queried state ({@link #snapshotMode(boolean)} on) is emitted only where it differs from what was last
 * reported for that order, position, account or contract, so a resync after a reconnect emits only what changed;
 * a trade is reported once per vt_tradeid, however often it arrives.
 *
 * <p>Threading: {@link #relay} is called by one thread at a time (the gateway serialises snapshot and pushes);
 * {@link #serverGatewayOf} from any thread.
 */
final class EventRelay {
    private static final List<String> SPECIFIC_PREFIXES = List.of(EventType.TICK, EventType.ORDER, EventType.TRADE,
            EventType.POSITION, EventType.ACCOUNT, EventType.QUOTE);

    private final String gatewayName;
    private final GatewayListener listener;
    private final Map<String, String> serverGatewayBySymbol = new ConcurrentHashMap<>();
    private final Set<String> serverGateways = ConcurrentHashMap.newKeySet();
    /** Last reported server record per key; relay thread(s), serialised by the gateway. */
    private final Map<String, Object> lastReported = new HashMap<>();
    private final Set<String> tradesReported = new HashSet<>();
    private boolean snapshotMode;
    private long unchangedSuppressed;

    EventRelay(String gatewayName, GatewayListener listener) {
        this.gatewayName = gatewayName;
        this.listener = listener;
    }

    /** What relaying one event did, for counters and tests. */
    enum Outcome { FORWARDED, DUPLICATE_DROPPED, TIMER_DROPPED, PASSED_ON }

    /** Relays one server event. */
    Outcome relay(String type, Object data) {
        if (EventType.TIMER.equals(type)) {
            return Outcome.TIMER_DROPPED;
        }
        if (data instanceof BaseData base && !(data instanceof LogData)) {
            if (forwardGeneral(type, base)) {
                return Outcome.FORWARDED;
            }
            if (isSpecific(type)) {
                return Outcome.DUPLICATE_DROPPED;
            }
        }
        if (EventType.LOG.equals(type) && data instanceof LogData log) {
            listener.onLog(log);
            return Outcome.FORWARDED;
        }
        listener.onEvent(new Event(type, data));
        return Outcome.PASSED_ON;
    }

    /** While on, items equal to the last reported ones are not emitted again (a re-query). */
    void snapshotMode(boolean on) {
        snapshotMode = on;
    }

    /** Re-queried items not emitted because they were unchanged, plus trades that arrived again. */
    long unchangedSuppressed() {
        return unchangedSuppressed;
    }

    /** A contract from the server (snapshot or push): remember its server gateway, report it as ours. */
    void onServerContract(ContractData contract) {
        rememberGateway(contract.vtSymbol(), contract.gatewayName());
        if (unchanged("contract " + contract.vtSymbol(), contract)) {
            return;
        }
        listener.onContract(contract.withGatewayName(gatewayName));
    }

    void onServerAccount(AccountData account) {
        if (unchanged("account " + account.vtAccountId(), account)) {
            return;
        }
        listener.onAccount(account.withGatewayName(gatewayName));
    }

    void onServerPosition(PositionData position) {
        if (unchanged("position " + position.vtPositionId(), position)) {
            return;
        }
        listener.onPosition(position.withGatewayName(gatewayName));
    }

    void onServerOrder(OrderData order) {
        rememberGateway(order.vtSymbol(), order.gatewayName());
        if (unchanged("order " + order.vtOrderId(), order)) {
            return;
        }
        listener.onOrder(order.withGatewayName(gatewayName));
    }

    void onServerTrade(TradeData trade) {
        if (!tradesReported.add(trade.vtTradeId())) {
            unchangedSuppressed++;
            return;
        }
        listener.onTrade(trade.withGatewayName(gatewayName));
    }

    /** Records {@code item} as last reported under {@code key}; true when re-queried and equal to the last one. */
    private boolean unchanged(String key, Object item) {
        Object previous = lastReported.put(key, item);
        if (snapshotMode && item.equals(previous)) {
            unchangedSuppressed++;
            return true;
        }
        return false;
    }

    /**
     * The server gateway that trades {@code vtSymbol}: the one its contract came from; for a symbol with no
     * contract, the server's only gateway when there is exactly one (so that the server answers the request
     * itself, e.g. with a REJECTED order); else {@code ""}, vn.py's value (the server then logs
     * {@code 找不到底层接口}).
     */
    String serverGatewayOf(String vtSymbol) {
        String known = serverGatewayBySymbol.get(vtSymbol);
        if (known != null) {
            return known;
        }
        if (serverGateways.size() == 1) {
            return serverGateways.iterator().next();
        }
        return "";
    }

    int knownContracts() {
        return serverGatewayBySymbol.size();
    }

    private boolean forwardGeneral(String type, BaseData data) {
        switch (type) {
            case EventType.TICK:
                if (data instanceof TickData tick) {
                    listener.onTick(tick.withGatewayName(gatewayName));
                    return true;
                }
                return false;
            case EventType.ORDER:
                if (data instanceof OrderData order) {
                    onServerOrder(order);
                    return true;
                }
                return false;
            case EventType.TRADE:
                if (data instanceof TradeData trade) {
                    onServerTrade(trade);
                    return true;
                }
                return false;
            case EventType.POSITION:
                if (data instanceof PositionData position) {
                    onServerPosition(position);
                    return true;
                }
                return false;
            case EventType.ACCOUNT:
                if (data instanceof AccountData account) {
                    onServerAccount(account);
                    return true;
                }
                return false;
            case EventType.QUOTE:
                if (data instanceof QuoteData quote) {
                    listener.onQuote(quote.withGatewayName(gatewayName));
                    return true;
                }
                return false;
            case EventType.CONTRACT:
                if (data instanceof ContractData contract) {
                    onServerContract(contract);
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    private static boolean isSpecific(String type) {
        for (String prefix : SPECIFIC_PREFIXES) {
            if (type.length() > prefix.length() && type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void rememberGateway(String vtSymbol, String serverGateway) {
        if (serverGateway != null && !serverGateway.isEmpty()) {
            serverGatewayBySymbol.put(vtSymbol, serverGateway);
            serverGateways.add(serverGateway);
        }
    }
}
