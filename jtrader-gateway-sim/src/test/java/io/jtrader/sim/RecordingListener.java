package io.jtrader.sim;

import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records every callback; also checks that all callbacks come from one thread at a time. */
final class RecordingListener implements GatewayListener {
    final List<OrderData> orders = new ArrayList<>();
    final List<TradeData> trades = new ArrayList<>();
    final List<TickData> ticks = new ArrayList<>();
    final List<PositionData> positions = new ArrayList<>();
    final List<AccountData> accounts = new ArrayList<>();
    final List<ContractData> contracts = new ArrayList<>();
    final List<LogData> logs = new ArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    private synchronized void seen() {
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public synchronized void onTick(TickData tick) {
        seen();
        ticks.add(tick);
    }

    @Override
    public synchronized void onOrder(OrderData order) {
        seen();
        orders.add(order);
    }

    @Override
    public synchronized void onTrade(TradeData trade) {
        seen();
        trades.add(trade);
    }

    @Override
    public synchronized void onPosition(PositionData position) {
        seen();
        positions.add(position);
    }

    @Override
    public synchronized void onAccount(AccountData account) {
        seen();
        accounts.add(account);
    }

    @Override
    public synchronized void onContract(ContractData contract) {
        seen();
        contracts.add(contract);
    }

    @Override
    public synchronized void onQuote(QuoteData quote) {
        seen();
    }

    @Override
    public synchronized void onLog(LogData log) {
        seen();
        logs.add(log);
    }

    synchronized OrderData lastOrder(String orderId) {
        OrderData last = null;
        for (OrderData o : orders) {
            if (o.orderId().equals(orderId)) {
                last = o;
            }
        }
        return last;
    }

    synchronized List<OrderData> orders() {
        return List.copyOf(orders);
    }

    synchronized List<TradeData> trades() {
        return List.copyOf(trades);
    }

    synchronized List<LogData> logs() {
        return List.copyOf(logs);
    }

    synchronized List<ContractData> contracts() {
        return List.copyOf(contracts);
    }

    synchronized AccountData lastAccount() {
        return accounts.isEmpty() ? null : accounts.get(accounts.size() - 1);
    }

    synchronized PositionData lastPosition(String symbol, Direction direction) {
        PositionData last = null;
        for (PositionData p : positions) {
            if (p.symbol().equals(symbol) && p.direction() == direction) {
                last = p;
            }
        }
        return last;
    }
}
