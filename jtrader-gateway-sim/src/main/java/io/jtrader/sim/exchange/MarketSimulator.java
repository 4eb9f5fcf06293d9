package io.jtrader.sim.exchange;

import io.jtrader.core.model.TickData;

import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * The simulated market of one instrument: a random walk of the last price on the pricetick grid within the
 * limit band, five bid and ask levels with volumes, cumulative volume, turnover and open interest.
 *
 * <p>Its random numbers come from its own generator seeded by {@link #seedFor(long, String)}, so each
 * instrument's path depends only on the seed and the number of steps taken, not on other instruments or on
 * orders: client fills consume the displayed depth until the next step but never move the walk (the client is
 * a price taker in a deep market). Prices are held as whole numbers of priceticks. Not thread-safe: owned by the
 * exchange thread.
 */
public final class MarketSimulator {
    public static final int DEPTH = 5;

    private final Instrument instrument;
    private final SplittableRandom random;
    private final long preCloseTicks;
    private final long limitUpTicks;
    private final long limitDownTicks;

    private long lastTicks;
    private long openTicks;
    private long highTicks;
    private long lowTicks;
    private long lastVolume;
    private long volume;
    private double turnover;
    private long openInterest;
    private long steps;
    /** Depth in ticks; a level with volume 0 is empty (outside the band). */
    final long[] bidTicks = new long[DEPTH];
    final long[] askTicks = new long[DEPTH];
    final long[] bidVolume = new long[DEPTH];
    final long[] askVolume = new long[DEPTH];

    public MarketSimulator(Instrument instrument, long seed) {
        this.instrument = instrument;
        this.random = new SplittableRandom(seedFor(seed, instrument.vtSymbol()));
        this.preCloseTicks = Math.round(instrument.basePrice() / instrument.pricetick());
        this.limitUpTicks = (long) Math.floor(preCloseTicks * (1 + instrument.limitRatio()) + 1e-9);
        this.limitDownTicks = Math.max(1, (long) Math.ceil(preCloseTicks * (1 - instrument.limitRatio()) - 1e-9));
        this.lastTicks = preCloseTicks;
        this.openTicks = preCloseTicks;
        this.highTicks = preCloseTicks;
        this.lowTicks = preCloseTicks;
        this.openInterest = 50_000 + random.nextInt(100_000);
        buildDepth();
    }

    /** One generator per instrument: a SplitMix-style mix of the seed and a stable hash of the vt_symbol. */
    public static long seedFor(long seed, String vtSymbol) {
        long h = 1125899906842597L;
        for (int i = 0; i < vtSymbol.length(); i++) {
            h = 31 * h + vtSymbol.charAt(i);
        }
        long z = seed ^ (h * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Advances the market one step: a new last price, trade volume and fresh depth. */
    public void step() {
        int r = random.nextInt(100);
        long move = r < 40 ? 0 : r < 68 ? 1 : r < 96 ? -1 : r < 98 ? 2 : -2;
        lastTicks = Math.max(limitDownTicks, Math.min(limitUpTicks, lastTicks + move));
        if (steps == 0) {
            openTicks = lastTicks;
            highTicks = lastTicks;
            lowTicks = lastTicks;
        }
        highTicks = Math.max(highTicks, lastTicks);
        lowTicks = Math.min(lowTicks, lastTicks);
        lastVolume = 1 + random.nextInt(instrument.isStock() ? 500 : 60) * instrument.minVolume();
        volume += lastVolume;
        turnover += lastVolume * lastTicks * instrument.pricetick() * instrument.size();
        if (!instrument.isStock()) {
            openInterest = Math.max(0, openInterest + random.nextInt(2 * (int) lastVolume + 1) - lastVolume);
        }
        steps++;
        buildDepth();
    }

    private void buildDepth() {
        // The last trade sits at the bid or the ask; one-tick spread unless pinned at a limit.
        long bid1 = random.nextBoolean() ? lastTicks : lastTicks - 1;
        long ask1 = bid1 + 1;
        for (int i = 0; i < DEPTH; i++) {
            long bid = bid1 - i;
            long ask = ask1 + i;
            boolean bidInBand = bid >= limitDownTicks && bid <= limitUpTicks;
            boolean askInBand = ask >= limitDownTicks && ask <= limitUpTicks;
            bidTicks[i] = bidInBand ? bid : 0;
            askTicks[i] = askInBand ? ask : 0;
            bidVolume[i] = bidInBand ? levelVolume() : 0;
            askVolume[i] = askInBand ? levelVolume() : 0;
        }
    }

    private long levelVolume() {
        long lots = 20 + random.nextInt(480);
        return lots * instrument.minVolume();
    }

    public Instrument instrument() {
        return instrument;
    }

    public long steps() {
        return steps;
    }

    public long lastTicks() {
        return lastTicks;
    }

    public double lastPrice() {
        return price(lastTicks);
    }

    public long limitUpTicks() {
        return limitUpTicks;
    }

    public long limitDownTicks() {
        return limitDownTicks;
    }

    public double price(long ticks) {
        // Rounded to the tick's decimals so 0.2 * 22501 prints as 4500.2, not 4500.200000000001.
        double raw = ticks * instrument.pricetick();
        return Math.round(raw * 1e6) / 1e6;
    }

    /** The snapshot as vn.py's TickData; empty levels have price and volume 0 as CTP reports them. */
    public TickData toTick(String gatewayName, ZonedDateTime now) {
        return TickData.builder(gatewayName, instrument.symbol(), instrument.exchange(), now)
                .name(instrument.name())
                .localtime(now.toLocalDateTime())
                .volume(volume).turnover(turnover).openInterest(openInterest)
                .lastPrice(price(lastTicks)).lastVolume(lastVolume)
                .limitUp(price(limitUpTicks)).limitDown(price(limitDownTicks))
                .openPrice(price(openTicks)).highPrice(price(highTicks)).lowPrice(price(lowTicks))
                .preClose(price(preCloseTicks))
                .bidPrice1(levelPrice(bidTicks, bidVolume, 0)).bidPrice2(levelPrice(bidTicks, bidVolume, 1))
                .bidPrice3(levelPrice(bidTicks, bidVolume, 2)).bidPrice4(levelPrice(bidTicks, bidVolume, 3))
                .bidPrice5(levelPrice(bidTicks, bidVolume, 4))
                .askPrice1(levelPrice(askTicks, askVolume, 0)).askPrice2(levelPrice(askTicks, askVolume, 1))
                .askPrice3(levelPrice(askTicks, askVolume, 2)).askPrice4(levelPrice(askTicks, askVolume, 3))
                .askPrice5(levelPrice(askTicks, askVolume, 4))
                .bidVolume1(bidVolume[0]).bidVolume2(bidVolume[1]).bidVolume3(bidVolume[2])
                .bidVolume4(bidVolume[3]).bidVolume5(bidVolume[4])
                .askVolume1(askVolume[0]).askVolume2(askVolume[1]).askVolume3(askVolume[2])
                .askVolume4(askVolume[3]).askVolume5(askVolume[4])
                .build();
    }

    private double levelPrice(long[] ticks, long[] volumes, int i) {
        return ticks[i] == 0 ? 0 : price(ticks[i]);
    }
}
