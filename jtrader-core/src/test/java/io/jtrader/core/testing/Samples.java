package io.jtrader.core.testing;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TickData;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Small, valid model records for tests. */
public final class Samples {
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final ZonedDateTime T0 = ZonedDateTime.of(2024, 11, 20, 9, 30, 1, 500_000_000, CHINA);

    private Samples() {
    }

    public static OrderData order(String gateway, String orderId, Status status, double traded) {
        return new OrderData(gateway, "rb2601", Exchange.SHFE, orderId, OrderType.LIMIT, Direction.LONG, Offset.OPEN,
                3500, 10, traded, status, T0, "test");
    }

    public static TickData tick(String gateway, String symbol, double lastPrice) {
        return TickData.builder(gateway, symbol, Exchange.SHFE, T0).lastPrice(lastPrice).volume(1).build();
    }
}
