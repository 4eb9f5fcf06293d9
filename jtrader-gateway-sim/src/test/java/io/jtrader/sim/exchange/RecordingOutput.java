package io.jtrader.sim.exchange;

import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps everything an exchange emits, in order. */
public final class RecordingOutput implements SimExchange.Output {
    public final List<Object> items = new ArrayList<>();

    @Override
    public void emit(Object item) {
        items.add(item);
    }

    public <T> List<T> of(Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    public List<OrderData> orders(String orderId) {
        return of(OrderData.class).stream().filter(o -> o.orderId().equals(orderId)).collect(Collectors.toList());
    }

    public OrderData lastOrder(String orderId) {
        List<OrderData> list = orders(orderId);
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    public List<TradeData> trades(String orderId) {
        return of(TradeData.class).stream().filter(t -> t.orderId().equals(orderId)).collect(Collectors.toList());
    }

    public List<TradeData> trades() {
        return of(TradeData.class);
    }

    public List<LogData> logs() {
        return of(LogData.class);
    }

    public List<TickData> ticks() {
        return of(TickData.class);
    }

    public List<JournalRecord> records() {
        return of(JournalRecord.class);
    }

    public PositionData lastPosition(String symbol, Direction direction) {
        PositionData last = null;
        for (PositionData p : of(PositionData.class)) {
            if (p.symbol().equals(symbol) && p.direction() == direction) {
                last = p;
            }
        }
        return last;
    }

    public AccountData lastAccount() {
        List<AccountData> list = of(AccountData.class);
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    public void clear() {
        items.clear();
    }
}
