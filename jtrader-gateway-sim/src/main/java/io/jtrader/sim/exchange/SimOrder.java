package io.jtrader.sim.exchange;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Status;

import java.time.ZonedDateTime;

/** The exchange's working copy of one order. Exchange thread only. */
final class SimOrder {
    final String orderId;
    final Instrument instrument;
    final OrderType type;
    final Direction direction;
    final Offset offset;
    final double price;
    final long priceTicks;
    /** The volume as requested (may be invalid, e.g. 1.5: such an order is rejected but reported as sent). */
    final double requestedVolume;
    final long volume;
    final String reference;
    final ZonedDateTime datetime;
    final long sequence;
    long traded;
    Status status = Status.SUBMITTING;
    /** Margin and commission still frozen for the untraded part of an opening order. */
    double frozenMargin;
    double frozenCommission;
    /** Position still frozen by a closing order, yesterday's and today's part. */
    long frozenYd;
    long frozenTd;

    SimOrder(String orderId, Instrument instrument, OrderType type, Direction direction, Offset offset, double price,
            long priceTicks, double requestedVolume, String reference, ZonedDateTime datetime, long sequence) {
        this.orderId = orderId;
        this.instrument = instrument;
        this.type = type;
        this.direction = direction;
        this.offset = offset;
        this.price = price;
        this.priceTicks = priceTicks;
        this.requestedVolume = requestedVolume;
        this.volume = (long) requestedVolume;
        this.reference = reference;
        this.datetime = datetime;
        this.sequence = sequence;
    }

    long remaining() {
        return volume - traded;
    }

    boolean isActive() {
        return status == Status.SUBMITTING || status == Status.NOTTRADED || status == Status.PARTTRADED;
    }

    /** Opens a position: offset OPEN, or a stock buy (stock gateways may send no offset). */
    boolean isOpen() {
        return offset == Offset.OPEN || (instrument.isStock() && direction == Direction.LONG);
    }

    /** Buys are long-side opens or closes of a short position. */
    boolean isBuy() {
        return direction == Direction.LONG;
    }

    OrderData toData(String gatewayName) {
        return new OrderData(gatewayName, instrument.symbol(), instrument.exchange(), orderId, type, direction, offset,
                price, requestedVolume, traded, status, datetime, reference);
    }
}
