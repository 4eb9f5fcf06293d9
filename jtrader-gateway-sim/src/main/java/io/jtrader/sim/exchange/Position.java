package io.jtrader.sim.exchange;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.PositionData;

/**
 * One side (long or short) of the position in one instrument: yesterday's and today's volume, the part of each
 * frozen by pending close orders, and the open cost for the average price. Exchange thread only.
 */
final class Position {
    final Instrument instrument;
    final Direction direction;
    long yd;
    long td;
    long ydFrozen;
    long tdFrozen;
    /** Sum of open price times volume of what is held; the average price is {@code cost / volume}. */
    double cost;

    Position(Instrument instrument, Direction direction) {
        this.instrument = instrument;
        this.direction = direction;
    }

    long volume() {
        return yd + td;
    }

    double averagePrice() {
        long v = volume();
        return v == 0 ? 0 : cost / v;
    }

    boolean isLong() {
        return direction == Direction.LONG;
    }

    void open(double price, long qty) {
        td += qty;
        cost += price * qty;
    }

    /** Removes {@code fromYd} of yesterday's and {@code fromTd} of today's volume; returns the realized PnL. */
    double close(double price, long fromYd, long fromTd) {
        long qty = fromYd + fromTd;
        double avg = averagePrice();
        yd -= fromYd;
        td -= fromTd;
        cost = volume() == 0 ? 0 : cost - avg * qty;
        double perUnit = isLong() ? price - avg : avg - price;
        return perUnit * qty * instrument.size();
    }

    double pnl(double lastPrice) {
        long v = volume();
        if (v == 0) {
            return 0;
        }
        double perUnit = isLong() ? lastPrice - averagePrice() : averagePrice() - lastPrice;
        return perUnit * v * instrument.size();
    }

    double margin() {
        return instrument.margin(averagePrice(), volume(), isLong());
    }

    PositionData toData(String gatewayName, double lastPrice) {
        return new PositionData(gatewayName, instrument.symbol(), instrument.exchange(), direction, volume(),
                ydFrozen + tdFrozen, averagePrice(), pnl(lastPrice), yd);
    }
}
