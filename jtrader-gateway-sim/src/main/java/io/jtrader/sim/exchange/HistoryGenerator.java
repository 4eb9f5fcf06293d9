package io.jtrader.sim.exchange;

import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.model.BarData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.Interval;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic history bars: for a seed and a contract, every trading day (Monday to Friday) has a fixed path
 * of one-minute bars over the exchange's day session; hour and daily bars aggregate those minutes, so the three
 * intervals agree. Day levels follow a random walk (about 1.2% a day) anchored at the contract's base price on
 * 2026-01-01, so prices stay on the contract's scale; minute prices lie on its pricetick grid. Only completed
 * bars up to the clock's now exist. Stateless apart from its inputs: safe from any thread.
 */
public final class HistoryGenerator {
    private static final LocalDate ANCHOR = LocalDate.of(2026, 1, 1);
    private static final double DAILY_SIGMA = 0.012;
    private static final LocalTime[][] FUTURES_SESSIONS = {
            {LocalTime.of(9, 0), LocalTime.of(10, 15)},
            {LocalTime.of(10, 30), LocalTime.of(11, 30)},
            {LocalTime.of(13, 30), LocalTime.of(15, 0)}};
    private static final LocalTime[][] CFFEX_STOCK_SESSIONS = {
            {LocalTime.of(9, 30), LocalTime.of(11, 30)},
            {LocalTime.of(13, 0), LocalTime.of(15, 0)}};

    private final String gatewayName;
    private final InstrumentCatalog catalog;
    private final long seed;
    private final SimClock clock;

    public HistoryGenerator(String gatewayName, InstrumentCatalog catalog, long seed, SimClock clock) {
        this.gatewayName = gatewayName;
        this.catalog = catalog;
        this.seed = seed;
        this.clock = clock;
    }

    /**
     * Bars starting within {@code [start, end]} (end null: now); an empty list when the range holds none.
     *
     * @throws GatewayException for an unlisted contract or an interval other than 1m, 1h and d
     */
    public List<BarData> query(HistoryRequest request) {
        Instrument inst = catalog.find(request.vtSymbol());
        if (inst == null) {
            throw new GatewayException("query_history failed: " + request.vtSymbol() + " is not a contract of " + gatewayName);
        }
        Interval interval = request.interval();
        if (interval != Interval.MINUTE && interval != Interval.HOUR && interval != Interval.DAILY) {
            throw new GatewayException("query_history failed: " + gatewayName + " serves intervals 1m, 1h and d; "
                    + interval + " is not supported");
        }
        ZonedDateTime now = clock.now();
        ZonedDateTime start = request.start().withZoneSameInstant(JournalCodec.CHINA);
        ZonedDateTime end = request.end() == null ? now : request.end().withZoneSameInstant(JournalCodec.CHINA);
        List<BarData> bars = new ArrayList<>();
        if (end.isBefore(start)) {
            return bars;
        }
        LocalDate first = start.toLocalDate();
        LocalDate last = end.toLocalDate();
        double level = dayLevelLog(inst, first);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            double dayLog = level;
            level += DAILY_SIGMA * dailyShock(inst, day);
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            List<BarData> minutes = minuteBars(inst, day, dayLog, now);
            if (minutes.isEmpty()) {
                continue;
            }
            List<BarData> candidates = interval == Interval.MINUTE ? minutes
                    : interval == Interval.HOUR ? hourBars(minutes, now, sessionEnd(inst, day))
                    : dailyBar(minutes, day, now, sessionEnd(inst, day));
            for (BarData b : candidates) {
                if (!b.datetime().isBefore(start) && !b.datetime().isAfter(end)) {
                    bars.add(b);
                }
            }
        }
        return bars;
    }

    /** log(level / base) at the start of {@code day}: the sum of daily shocks between the anchor and it. */
    private double dayLevelLog(Instrument inst, LocalDate day) {
        double sum = 0;
        if (day.isAfter(ANCHOR)) {
            for (LocalDate d = ANCHOR; d.isBefore(day); d = d.plusDays(1)) {
                sum += DAILY_SIGMA * dailyShock(inst, d);
            }
        } else {
            for (LocalDate d = day; d.isBefore(ANCHOR); d = d.plusDays(1)) {
                sum -= DAILY_SIGMA * dailyShock(inst, d);
            }
        }
        return sum;
    }

    private double dailyShock(Instrument inst, LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return 0;
        }
        return Math.max(-3, Math.min(3, new SplittableRandom(dayKey(inst, day, 0x5DEECE66DL)).nextGaussian()));
    }

    private long dayKey(Instrument inst, LocalDate day, long salt) {
        return MarketSimulator.seedFor(seed ^ salt ^ (day.toEpochDay() * 0x9E3779B97F4A7C15L), inst.vtSymbol());
    }

    private List<BarData> minuteBars(Instrument inst, LocalDate day, double dayLog, ZonedDateTime now) {
        SplittableRandom random = new SplittableRandom(dayKey(inst, day, 0x2545F4914F6CDD1DL));
        double tick = inst.pricetick();
        long ticks = Math.max(1, Math.round(inst.basePrice() * Math.exp(dayLog) / tick));
        double minuteSigmaTicks = Math.max(0.6, ticks * DAILY_SIGMA / Math.sqrt(240));
        double openInterest = inst.isStock() ? 0 : 80_000 + random.nextInt(40_000);
        List<BarData> bars = new ArrayList<>(240);
        for (LocalTime[] session : sessions(inst)) {
            for (LocalTime t = session[0]; t.isBefore(session[1]); t = t.plusMinutes(1)) {
                ZonedDateTime barStart = day.atTime(t).atZone(JournalCodec.CHINA);
                if (barStart.plusMinutes(1).isAfter(now)) {
                    return bars; // only completed bars exist
                }
                long open = ticks;
                long high = open;
                long low = open;
                for (int s = 0; s < 4; s++) {
                    ticks = Math.max(1, ticks + Math.round(random.nextGaussian() * minuteSigmaTicks / 2));
                    high = Math.max(high, ticks);
                    low = Math.min(low, ticks);
                }
                long lots = (1 + random.nextInt(inst.isStock() ? 2000 : 400)) * inst.minVolume();
                double close = price(ticks, tick);
                if (!inst.isStock()) {
                    openInterest = Math.max(0, openInterest + random.nextInt(2 * (int) Math.min(lots, 100_000) + 1) - lots);
                }
                bars.add(new BarData(gatewayName, inst.symbol(), inst.exchange(), barStart, Interval.MINUTE, lots,
                        lots * close * inst.size(), openInterest, price(open, tick), price(high, tick),
                        price(low, tick), close));
            }
        }
        return bars;
    }

    private static double price(long ticks, double tick) {
        return Math.round(ticks * tick * 1e6) / 1e6;
    }

    private static LocalTime[][] sessions(Instrument inst) {
        return inst.exchange() == Exchange.CFFEX || inst.isStock() ? CFFEX_STOCK_SESSIONS : FUTURES_SESSIONS;
    }

    private static ZonedDateTime sessionEnd(Instrument inst, LocalDate day) {
        LocalTime[][] s = sessions(inst);
        return day.atTime(s[s.length - 1][1]).atZone(JournalCodec.CHINA);
    }

    /** Hour bars start on the clock hour; an hour is complete when its last minute (or the session) has ended. */
    private static List<BarData> hourBars(List<BarData> minutes, ZonedDateTime now, ZonedDateTime sessionEnd) {
        List<BarData> out = new ArrayList<>();
        int i = 0;
        while (i < minutes.size()) {
            ZonedDateTime hour = minutes.get(i).datetime().withMinute(0);
            int j = i;
            while (j < minutes.size() && minutes.get(j).datetime().withMinute(0).equals(hour)) {
                j++;
            }
            ZonedDateTime hourEnd = hour.plusHours(1).isAfter(sessionEnd) ? sessionEnd : hour.plusHours(1);
            if (!hourEnd.isAfter(now)) {
                out.add(aggregate(minutes.subList(i, j), hour, Interval.HOUR));
            }
            i = j;
        }
        return out;
    }

    /** The daily bar is stamped at midnight of its day, as vn.py's daily bars are, once the session has closed. */
    private static List<BarData> dailyBar(List<BarData> minutes, LocalDate day, ZonedDateTime now,
            ZonedDateTime sessionEnd) {
        if (sessionEnd.isAfter(now)) {
            return List.of();
        }
        return List.of(aggregate(minutes, day.atStartOfDay(JournalCodec.CHINA), Interval.DAILY));
    }

    private static BarData aggregate(List<BarData> bars, ZonedDateTime start, Interval interval) {
        BarData first = bars.get(0);
        BarData last = bars.get(bars.size() - 1);
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double volume = 0;
        double turnover = 0;
        for (BarData b : bars) {
            high = Math.max(high, b.highPrice());
            low = Math.min(low, b.lowPrice());
            volume += b.volume();
            turnover += b.turnover();
        }
        return new BarData(first.gatewayName(), first.symbol(), first.exchange(), start, interval, volume, turnover,
                last.openInterest(), first.openPrice(), high, low, last.closePrice());
    }
}
