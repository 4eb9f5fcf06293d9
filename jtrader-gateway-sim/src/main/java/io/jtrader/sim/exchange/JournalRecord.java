package io.jtrader.sim.exchange;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TradeData;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * What the exchange appends to its journal. A journal file starts with a {@link Snapshot} (positions and money
 * at the start of the trading day), then each connect adds a {@link Session}, and every order state a client can
 * see and every trade follows in the order they happened. Positions and the account are rebuilt from these with
 * the same code that produced them.
 */
public sealed interface JournalRecord {

    /** The state carried into a trading day. */
    record Snapshot(LocalDate tradingDay, long lastSessionId, double staticBalance, List<PositionSnapshot> positions)
            implements JournalRecord {
        public Snapshot {
            positions = List.copyOf(positions);
        }
    }

    /** One leg of a position carried into the day. {@code cost} is the sum of open price times volume. */
    record PositionSnapshot(String vtSymbol, Direction direction, long ydVolume, long tdVolume, double cost) {
    }

    /** A connect: the session part of the order and trade ids issued from here on. */
    record Session(long sessionId, LocalDate tradingDay) implements JournalRecord {
    }

    /** A new order as first reported (SUBMITTING). */
    record NewOrder(OrderData order) implements JournalRecord {
    }

    /** A later state of an order. */
    record OrderUpdate(String orderId, double traded, Status status, ZonedDateTime datetime) implements JournalRecord {
    }

    /** A fill, with the commission charged and how much of a close came from yesterday's position. */
    record Trade(TradeData trade, double commission, long closedYesterday) implements JournalRecord {
    }
}
