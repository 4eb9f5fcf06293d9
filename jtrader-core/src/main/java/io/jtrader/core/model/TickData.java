package io.jtrader.core.model;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * A market data snapshot with five depth levels (vn.py {@code TickData}). Fields keep vn.py's names in camel
 * case; {@code datetime} is exchange time (vn.py sends it in Asia/Shanghai), {@code localtime} is the
 * gateway's receive time and may be null. Build one with {@link #builder(String, String, Exchange, ZonedDateTime)}.
 */
public record TickData(
        String gatewayName,
        String symbol,
        Exchange exchange,
        ZonedDateTime datetime,
        String name,
        double volume,
        double turnover,
        double openInterest,
        double lastPrice,
        double lastVolume,
        double limitUp,
        double limitDown,
        double openPrice,
        double highPrice,
        double lowPrice,
        double preClose,
        double bidPrice1,
        double bidPrice2,
        double bidPrice3,
        double bidPrice4,
        double bidPrice5,
        double askPrice1,
        double askPrice2,
        double askPrice3,
        double askPrice4,
        double askPrice5,
        double bidVolume1,
        double bidVolume2,
        double bidVolume3,
        double bidVolume4,
        double bidVolume5,
        double askVolume1,
        double askVolume2,
        double askVolume3,
        double askVolume4,
        double askVolume5,
        LocalDateTime localtime) implements BaseData {

    public TickData {
        Checks.required(gatewayName, "TickData", "gatewayName");
        Checks.requiredText(symbol, "TickData", "symbol");
        Checks.required(exchange, "TickData", "exchange");
        Checks.required(datetime, "TickData", "datetime");
        name = Checks.orEmpty(name);
        Checks.nonNegative(volume, "TickData", "volume");
        Checks.nonNegative(turnover, "TickData", "turnover");
        Checks.nonNegative(openInterest, "TickData", "openInterest");
        Checks.finite(lastPrice, "TickData", "lastPrice");
        Checks.nonNegative(lastVolume, "TickData", "lastVolume");
        Checks.finite(limitUp, "TickData", "limitUp");
        Checks.finite(limitDown, "TickData", "limitDown");
        Checks.finite(openPrice, "TickData", "openPrice");
        Checks.finite(highPrice, "TickData", "highPrice");
        Checks.finite(lowPrice, "TickData", "lowPrice");
        Checks.finite(preClose, "TickData", "preClose");
        Checks.finite(bidPrice1, "TickData", "bidPrice1");
        Checks.finite(bidPrice2, "TickData", "bidPrice2");
        Checks.finite(bidPrice3, "TickData", "bidPrice3");
        Checks.finite(bidPrice4, "TickData", "bidPrice4");
        Checks.finite(bidPrice5, "TickData", "bidPrice5");
        Checks.finite(askPrice1, "TickData", "askPrice1");
        Checks.finite(askPrice2, "TickData", "askPrice2");
        Checks.finite(askPrice3, "TickData", "askPrice3");
        Checks.finite(askPrice4, "TickData", "askPrice4");
        Checks.finite(askPrice5, "TickData", "askPrice5");
        Checks.nonNegative(bidVolume1, "TickData", "bidVolume1");
        Checks.nonNegative(bidVolume2, "TickData", "bidVolume2");
        Checks.nonNegative(bidVolume3, "TickData", "bidVolume3");
        Checks.nonNegative(bidVolume4, "TickData", "bidVolume4");
        Checks.nonNegative(bidVolume5, "TickData", "bidVolume5");
        Checks.nonNegative(askVolume1, "TickData", "askVolume1");
        Checks.nonNegative(askVolume2, "TickData", "askVolume2");
        Checks.nonNegative(askVolume3, "TickData", "askVolume3");
        Checks.nonNegative(askVolume4, "TickData", "askVolume4");
        Checks.nonNegative(askVolume5, "TickData", "askVolume5");
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    /** Bid price at depth {@code level} (1..5). */
    public double bidPrice(int level) {
        return switch (level) {
            case 1 -> bidPrice1;
            case 2 -> bidPrice2;
            case 3 -> bidPrice3;
            case 4 -> bidPrice4;
            case 5 -> bidPrice5;
            default -> throw new IllegalArgumentException("depth level must be 1..5, got " + level);
        };
    }

    /** Ask price at depth {@code level} (1..5). */
    public double askPrice(int level) {
        return switch (level) {
            case 1 -> askPrice1;
            case 2 -> askPrice2;
            case 3 -> askPrice3;
            case 4 -> askPrice4;
            case 5 -> askPrice5;
            default -> throw new IllegalArgumentException("depth level must be 1..5, got " + level);
        };
    }

    /** Bid volume at depth {@code level} (1..5). */
    public double bidVolume(int level) {
        return switch (level) {
            case 1 -> bidVolume1;
            case 2 -> bidVolume2;
            case 3 -> bidVolume3;
            case 4 -> bidVolume4;
            case 5 -> bidVolume5;
            default -> throw new IllegalArgumentException("depth level must be 1..5, got " + level);
        };
    }

    /** Ask volume at depth {@code level} (1..5). */
    public double askVolume(int level) {
        return switch (level) {
            case 1 -> askVolume1;
            case 2 -> askVolume2;
            case 3 -> askVolume3;
            case 4 -> askVolume4;
            case 5 -> askVolume5;
            default -> throw new IllegalArgumentException("depth level must be 1..5, got " + level);
        };
    }

    @Override
    public TickData withGatewayName(String gatewayName) {
        return toBuilder().gatewayName(gatewayName).build();
    }

    public static Builder builder(String gatewayName, String symbol, Exchange exchange, ZonedDateTime datetime) {
        return new Builder().gatewayName(gatewayName).symbol(symbol).exchange(exchange).datetime(datetime);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.gatewayName = gatewayName;
        b.symbol = symbol;
        b.exchange = exchange;
        b.datetime = datetime;
        b.name = name;
        b.localtime = localtime;
        b.volume = volume;
        b.turnover = turnover;
        b.openInterest = openInterest;
        b.lastPrice = lastPrice;
        b.lastVolume = lastVolume;
        b.limitUp = limitUp;
        b.limitDown = limitDown;
        b.openPrice = openPrice;
        b.highPrice = highPrice;
        b.lowPrice = lowPrice;
        b.preClose = preClose;
        b.bidPrice1 = bidPrice1;
        b.bidPrice2 = bidPrice2;
        b.bidPrice3 = bidPrice3;
        b.bidPrice4 = bidPrice4;
        b.bidPrice5 = bidPrice5;
        b.askPrice1 = askPrice1;
        b.askPrice2 = askPrice2;
        b.askPrice3 = askPrice3;
        b.askPrice4 = askPrice4;
        b.askPrice5 = askPrice5;
        b.bidVolume1 = bidVolume1;
        b.bidVolume2 = bidVolume2;
        b.bidVolume3 = bidVolume3;
        b.bidVolume4 = bidVolume4;
        b.bidVolume5 = bidVolume5;
        b.askVolume1 = askVolume1;
        b.askVolume2 = askVolume2;
        b.askVolume3 = askVolume3;
        b.askVolume4 = askVolume4;
        b.askVolume5 = askVolume5;
        return b;
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private String gatewayName;
        private String symbol;
        private Exchange exchange;
        private ZonedDateTime datetime;
        private String name = "";
        private LocalDateTime localtime;
        private double volume;
        private double turnover;
        private double openInterest;
        private double lastPrice;
        private double lastVolume;
        private double limitUp;
        private double limitDown;
        private double openPrice;
        private double highPrice;
        private double lowPrice;
        private double preClose;
        private double bidPrice1;
        private double bidPrice2;
        private double bidPrice3;
        private double bidPrice4;
        private double bidPrice5;
        private double askPrice1;
        private double askPrice2;
        private double askPrice3;
        private double askPrice4;
        private double askPrice5;
        private double bidVolume1;
        private double bidVolume2;
        private double bidVolume3;
        private double bidVolume4;
        private double bidVolume5;
        private double askVolume1;
        private double askVolume2;
        private double askVolume3;
        private double askVolume4;
        private double askVolume5;

        private Builder() {
        }

        public Builder gatewayName(String gatewayName) {
            this.gatewayName = gatewayName;
            return this;
        }

        public Builder symbol(String symbol) {
            this.symbol = symbol;
            return this;
        }

        public Builder exchange(Exchange exchange) {
            this.exchange = exchange;
            return this;
        }

        public Builder datetime(ZonedDateTime datetime) {
            this.datetime = datetime;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder localtime(LocalDateTime localtime) {
            this.localtime = localtime;
            return this;
        }

        public Builder volume(double volume) {
            this.volume = volume;
            return this;
        }

        public Builder turnover(double turnover) {
            this.turnover = turnover;
            return this;
        }

        public Builder openInterest(double openInterest) {
            this.openInterest = openInterest;
            return this;
        }

        public Builder lastPrice(double lastPrice) {
            this.lastPrice = lastPrice;
            return this;
        }

        public Builder lastVolume(double lastVolume) {
            this.lastVolume = lastVolume;
            return this;
        }

        public Builder limitUp(double limitUp) {
            this.limitUp = limitUp;
            return this;
        }

        public Builder limitDown(double limitDown) {
            this.limitDown = limitDown;
            return this;
        }

        public Builder openPrice(double openPrice) {
            this.openPrice = openPrice;
            return this;
        }

        public Builder highPrice(double highPrice) {
            this.highPrice = highPrice;
            return this;
        }

        public Builder lowPrice(double lowPrice) {
            this.lowPrice = lowPrice;
            return this;
        }

        public Builder preClose(double preClose) {
            this.preClose = preClose;
            return this;
        }

        public Builder bidPrice1(double bidPrice1) {
            this.bidPrice1 = bidPrice1;
            return this;
        }

        public Builder bidPrice2(double bidPrice2) {
            this.bidPrice2 = bidPrice2;
            return this;
        }

        public Builder bidPrice3(double bidPrice3) {
            this.bidPrice3 = bidPrice3;
            return this;
        }

        public Builder bidPrice4(double bidPrice4) {
            this.bidPrice4 = bidPrice4;
            return this;
        }

        public Builder bidPrice5(double bidPrice5) {
            this.bidPrice5 = bidPrice5;
            return this;
        }

        public Builder askPrice1(double askPrice1) {
            this.askPrice1 = askPrice1;
            return this;
        }

        public Builder askPrice2(double askPrice2) {
            this.askPrice2 = askPrice2;
            return this;
        }

        public Builder askPrice3(double askPrice3) {
            this.askPrice3 = askPrice3;
            return this;
        }

        public Builder askPrice4(double askPrice4) {
            this.askPrice4 = askPrice4;
            return this;
        }

        public Builder askPrice5(double askPrice5) {
            this.askPrice5 = askPrice5;
            return this;
        }

        public Builder bidVolume1(double bidVolume1) {
            this.bidVolume1 = bidVolume1;
            return this;
        }

        public Builder bidVolume2(double bidVolume2) {
            this.bidVolume2 = bidVolume2;
            return this;
        }

        public Builder bidVolume3(double bidVolume3) {
            this.bidVolume3 = bidVolume3;
            return this;
        }

        public Builder bidVolume4(double bidVolume4) {
            this.bidVolume4 = bidVolume4;
            return this;
        }

        public Builder bidVolume5(double bidVolume5) {
            this.bidVolume5 = bidVolume5;
            return this;
        }

        public Builder askVolume1(double askVolume1) {
            this.askVolume1 = askVolume1;
            return this;
        }

        public Builder askVolume2(double askVolume2) {
            this.askVolume2 = askVolume2;
            return this;
        }

        public Builder askVolume3(double askVolume3) {
            this.askVolume3 = askVolume3;
            return this;
        }

        public Builder askVolume4(double askVolume4) {
            this.askVolume4 = askVolume4;
            return this;
        }

        public Builder askVolume5(double askVolume5) {
            this.askVolume5 = askVolume5;
            return this;
        }

        public TickData build() {
            return new TickData(gatewayName, symbol, exchange, datetime, name, volume, turnover, openInterest, lastPrice, lastVolume, limitUp, limitDown, openPrice, highPrice, lowPrice, preClose, bidPrice1, bidPrice2, bidPrice3, bidPrice4, bidPrice5, askPrice1, askPrice2, askPrice3, askPrice4, askPrice5, bidVolume1, bidVolume2, bidVolume3, bidVolume4, bidVolume5, askVolume1, askVolume2, askVolume3, askVolume4, askVolume5, localtime);
        }
    }
}
