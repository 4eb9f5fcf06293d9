package io.jtrader.ui.viewmodel;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TickData;

import java.time.ZoneId;
import java.time.ZonedDateTime;

final class Fixtures {
    static final ZonedDateTime T0 = ZonedDateTime.of(2025, 3, 3, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));

    private Fixtures() {
    }

    static TickData tick(String symbol, double last) {
        return TickData.builder("SIM", symbol, Exchange.SHFE, T0).lastPrice(last).bidPrice1(last - 1)
                .askPrice1(last + 1).bidVolume1(3).askVolume1(4).build();
    }

    static OrderData order(String id, Status status) {
        return new OrderData("SIM", "rb2605", Exchange.SHFE, id, OrderType.LIMIT, Direction.LONG, Offset.OPEN,
                3500, 1, status == Status.ALLTRADED ? 1 : 0, status, T0, "");
    }

    static ContractData contract(String symbol, double pricetick, double minVolume) {
        return ContractData.of("SIM", symbol, Exchange.SHFE, symbol + " name", Product.FUTURES, 10, pricetick,
                minVolume);
    }

    static Event tickEvent(TickData t) {
        return new Event(EventType.TICK, t);
    }

    static Event orderEvent(OrderData o) {
        return new Event(EventType.ORDER, o);
    }
}
