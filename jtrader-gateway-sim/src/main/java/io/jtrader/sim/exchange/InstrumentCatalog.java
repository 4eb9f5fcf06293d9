package io.jtrader.sim.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.OptionType;
import io.jtrader.core.model.Product;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated exchange's contract list: a default set with real-world terms and contract ids following each
 * exchange's convention for a given trading day, plus instruments from an optional JSON file.
 *
 * <p>Contract months: SHFE/DCE/CZCE/INE use the usual dominant month at least two months ahead (rb, i, m, SR, TA
 * in 1/5/9 or 1/5/10 cycles; cu and sc monthly; au in even months), CFFEX index futures the current month until
 * its third-Friday expiry, then the next one, T the next quarter at least two months ahead. Ids are spelt as the
 * exchange does: {@code rb2701} (SHFE/DCE/INE lower case, four digits), {@code SR701} (CZCE, three digits),
 * {@code IF2612} (CFFEX upper case), {@code IO2612-C-4500} (CFFEX index options).
 */
public final class InstrumentCatalog {
    private final Map<String, Instrument> byVtSymbol;

    private InstrumentCatalog(Map<String, Instrument> byVtSymbol) {
        this.byVtSymbol = Collections.unmodifiableMap(byVtSymbol);
    }

    public static InstrumentCatalog of(List<Instrument> instruments) {
        Map<String, Instrument> map = new LinkedHashMap<>();
        for (Instrument i : instruments) {
            if (map.putIfAbsent(i.vtSymbol(), i) != null) {
                throw new IllegalArgumentException("instrument " + i.vtSymbol() + " is defined twice");
            }
        }
        return new InstrumentCatalog(map);
    }

    /** The default contracts as they are listed on {@code tradingDay}. */
    public static InstrumentCatalog defaults(LocalDate tradingDay) {
        return of(defaultInstruments(tradingDay));
    }

    /** This catalog plus {@code extra}; an extra instrument with an existing vt_symbol is an error. */
    public InstrumentCatalog plus(List<Instrument> extra) {
        List<Instrument> all = new ArrayList<>(byVtSymbol.values());
        all.addAll(extra);
        return of(all);
    }

    public Instrument find(String vtSymbol) {
        return byVtSymbol.get(vtSymbol);
    }

    /**
     * The listed futures contract of a product code, e.g. {@code "rb"} → the {@code rb2701} instrument on
     * 2026-11-25; for code that must not hard-code a contract month (tests, examples).
     *
     * @throws IllegalArgumentException when the catalog lists no futures of that product
     */
    public Instrument futuresOf(String product) {
        for (Instrument i : byVtSymbol.values()) {
            String s = i.symbol();
            if (i.product() == Product.FUTURES && s.startsWith(product) && s.length() > product.length()
                    && s.substring(product.length()).chars().allMatch(Character::isDigit)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no futures of product '" + product + "' is listed");
    }

    /** {@link #futuresOf(String)} in today's default catalog (Asia/Shanghai date). */
    public static Instrument currentFutures(String product) {
        return defaults(LocalDate.now(JournalCodec.CHINA)).futuresOf(product);
    }

    public List<Instrument> all() {
        return List.copyOf(byVtSymbol.values());
    }

    public Set<String> vtSymbols() {
        return byVtSymbol.keySet();
    }

    /** The dominant-month id of a futures product, e.g. {@code rb} → {@code rb2701} on 2026-11-25. */
    public static String futuresSymbol(String product, Exchange exchange, YearMonth month) {
        String mm = String.format("%02d", month.getMonthValue());
        if (exchange == Exchange.CZCE) {
            return product + (month.getYear() % 10) + mm;
        }
        return product + String.format("%02d", month.getYear() % 100) + mm;
    }

    static List<Instrument> defaultInstruments(LocalDate day) {
        Set<Integer> m159 = Set.of(1, 5, 9);
        Set<Integer> m1510 = Set.of(1, 5, 10);
        Set<Integer> even = Set.of(2, 4, 6, 8, 10, 12);
        Set<Integer> all = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        Set<Integer> quarterly = Set.of(3, 6, 9, 12);
        YearMonth cffexIndex = cffexIndexMonth(day);

        List<Instrument> list = new ArrayList<>();
        // SHFE
        list.add(Instrument.of(futuresSymbol("rb", Exchange.SHFE, dominant(day, m1510)), Exchange.SHFE, "螺纹钢",
                Product.FUTURES, 10, 1, 1, 0.07, false, 0.0001, 0.0001, 0.0001, 0.06, 3200));
        list.add(Instrument.of(futuresSymbol("cu", Exchange.SHFE, dominant(day, all)), Exchange.SHFE, "沪铜",
                Product.FUTURES, 5, 10, 1, 0.09, false, 0.00005, 0.00005, 0.0001, 0.07, 86000));
        list.add(Instrument.of(futuresSymbol("au", Exchange.SHFE, dominant(day, even)), Exchange.SHFE, "沪金",
                Product.FUTURES, 1000, 0.02, 1, 0.12, true, 10, 10, 0, 0.10, 948.00));
        // DCE
        list.add(Instrument.of(futuresSymbol("i", Exchange.DCE, dominant(day, m159)), Exchange.DCE, "铁矿石",
                Product.FUTURES, 100, 0.5, 1, 0.11, false, 0.0001, 0.0001, 0.0001, 0.08, 780));
        list.add(Instrument.of(futuresSymbol("m", Exchange.DCE, dominant(day, m159)), Exchange.DCE, "豆粕",
                Product.FUTURES, 10, 1, 1, 0.07, true, 1.5, 1.5, 1.5, 0.06, 3000));
        // CZCE
        list.add(Instrument.of(futuresSymbol("SR", Exchange.CZCE, dominant(day, m159)), Exchange.CZCE, "白糖",
                Product.FUTURES, 10, 1, 1, 0.07, true, 3, 3, 0, 0.06, 5500));
        list.add(Instrument.of(futuresSymbol("TA", Exchange.CZCE, dominant(day, m159)), Exchange.CZCE, "PTA",
                Product.FUTURES, 5, 2, 1, 0.07, true, 3, 3, 0, 0.06, 4700));
        // INE
        list.add(Instrument.of(futuresSymbol("sc", Exchange.INE, dominant(day, all)), Exchange.INE, "原油",
                Product.FUTURES, 1000, 0.1, 1, 0.10, true, 20, 20, 0, 0.08, 480));
        // CFFEX
        list.add(Instrument.of(futuresSymbol("IF", Exchange.CFFEX, cffexIndex), Exchange.CFFEX, "沪深300",
                Product.FUTURES, 300, 0.2, 1, 0.12, false, 0.000023, 0.000023, 0.00023, 0.10, 4500));
        list.add(Instrument.of(futuresSymbol("IC", Exchange.CFFEX, cffexIndex), Exchange.CFFEX, "中证500",
                Product.FUTURES, 200, 0.2, 1, 0.12, false, 0.000023, 0.000023, 0.00023, 0.10, 7000));
        list.add(Instrument.of(futuresSymbol("IM", Exchange.CFFEX, cffexIndex), Exchange.CFFEX, "中证1000",
                Product.FUTURES, 200, 0.2, 1, 0.12, false, 0.000023, 0.000023, 0.00023, 0.10, 7400));
        list.add(Instrument.of(futuresSymbol("T", Exchange.CFFEX, dominant(day, quarterly)), Exchange.CFFEX, "十年期国债",
                Product.FUTURES, 10000, 0.005, 1, 0.02, true, 3, 3, 0, 0.02, 108.5));
        // CFFEX IO options on the current IF month: strikes 50 apart around the IF base price.
        String ioMonth = String.format("%02d%02d", cffexIndex.getYear() % 100, cffexIndex.getMonthValue());
        LocalDate ioExpiry = thirdFriday(cffexIndex);
        for (int strike = 4400; strike <= 4600; strike += 50) {
            for (OptionType type : OptionType.values()) {
                boolean call = type == OptionType.CALL;
                double intrinsic = Math.max(0, call ? 4500 - strike : strike - 4500);
                double premium = intrinsic + 60.0;
                String symbol = "IO" + ioMonth + (call ? "-C-" : "-P-") + strike;
                list.add(new Instrument(symbol, Exchange.CFFEX, "沪深300" + (call ? "购" : "沽") + strike,
                        Product.OPTION, 100, 0.2, 1, 0.10, true, 15, 15, 15, 0.90, premium,
                        type, (double) strike, futuresSymbol("IF", Exchange.CFFEX, cffexIndex), ioExpiry));
            }
        }
        // Stocks (A-shares: lots of 100, stamp duty folded into the sell rate)
        list.add(Instrument.of("600000", Exchange.SSE, "浦发银行", Product.EQUITY, 1, 0.01, 100, 1.0, false,
                0.00025, 0.00075, 0.00075, 0.10, 10.50));
        list.add(Instrument.of("000001", Exchange.SZSE, "平安银行", Product.EQUITY, 1, 0.01, 100, 1.0, false,
                0.00025, 0.00075, 0.00075, 0.10, 11.20));
        return list;
    }

    /** The first month in {@code months} at least two months after {@code day}'s month. */
    static YearMonth dominant(LocalDate day, Set<Integer> months) {
        YearMonth m = YearMonth.from(day).plusMonths(2);
        while (!months.contains(m.getMonthValue())) {
            m = m.plusMonths(1);
        }
        return m;
    }

    /** CFFEX index futures: this month until its third-Friday expiry (inclusive), then next month. */
    static YearMonth cffexIndexMonth(LocalDate day) {
        YearMonth m = YearMonth.from(day);
        return day.isAfter(thirdFriday(m)) ? m.plusMonths(1) : m;
    }

    static LocalDate thirdFriday(YearMonth month) {
        return month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.FRIDAY));
    }

    /**
     * Reads extra instruments from a JSON array of objects with the {@link Instrument} field names, e.g.
     * {@code [{"symbol":"ag2702","exchange":"SHFE","name":"沪银","product":"FUTURES","size":15,"pricetick":1,
     * "minVolume":1,"marginRatio":0.12,"commissionPerLot":false,"openCommission":0.00005,"closeCommission":0.00005,
     * "closeTodayCommission":0.00005,"limitRatio":0.08,"basePrice":7800}]}. Option fields are
     * {@code optionType} (CALL/PUT), {@code optionStrike}, {@code optionUnderlying}, {@code optionExpiry} (yyyy-MM-dd).
     *
     * @throws IllegalArgumentException naming the file, the entry and the field when something is wrong
     */
    public static List<Instrument> readJson(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read instrument file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("instrument file " + file + " must hold a JSON array of instrument objects");
        }
        List<Instrument> result = new ArrayList<>();
        int index = 0;
        for (Iterator<JsonNode> it = root.elements(); it.hasNext(); index++) {
            JsonNode n = it.next();
            String where = "instrument file " + file + ", entry " + index;
            try {
                Product product = Product.parse(text(n, "product", "FUTURES"));
                String expiry = text(n, "optionExpiry", null);
                String optionType = text(n, "optionType", null);
                result.add(new Instrument(
                        requiredText(n, "symbol"),
                        Exchange.parse(requiredText(n, "exchange")),
                        text(n, "name", ""),
                        product,
                        number(n, "size", null),
                        number(n, "pricetick", null),
                        (long) number(n, "minVolume", 1.0),
                        number(n, "marginRatio", null),
                        n.path("commissionPerLot").asBoolean(false),
                        number(n, "openCommission", 0.0),
                        number(n, "closeCommission", 0.0),
                        number(n, "closeTodayCommission", 0.0),
                        number(n, "limitRatio", 0.10),
                        number(n, "basePrice", null),
                        optionType == null ? null : OptionType.parse(optionType),
                        n.hasNonNull("optionStrike") ? number(n, "optionStrike", null) : null,
                        text(n, "optionUnderlying", null),
                        expiry == null ? null : LocalDate.parse(expiry)));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static String requiredText(JsonNode n, String field) {
        String v = text(n, field, null);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    private static double number(JsonNode n, String field, Double dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (dflt == null) {
                throw new IllegalArgumentException("field '" + field + "' is missing");
            }
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a number, got " + v);
        }
        return v.asDouble();
    }
}
