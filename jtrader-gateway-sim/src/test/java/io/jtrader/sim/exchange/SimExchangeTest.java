package io.jtrader.sim.exchange;

import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimExchangeTest {
    static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    static final String RB = "rb2701";
    static final double CAPITAL = 10_000_000;

    ManualClock clock;
    RecordingOutput out;
    SimExchange ex;
    int seq;

    @BeforeEach
    void setUp() {
        clock = ManualClock.at("2026-11-25T10:00:00");
        ex = newExchange(List.of(), 42);
    }

    SimExchange newExchange(List<JournalRecord> restore, long seed) {
        out = new RecordingOutput();
        SimExchange e = new SimExchange("SIM", InstrumentCatalog.defaults(DAY), seed, CAPITAL, clock, out);
        e.restore(restore);
        e.start(7);
        e.reportAll(); // as the gateway does on connect; from here finished orders keep only their status
        out.clear();
        return e;
    }

    String send(String symbol, Exchange exchange, Direction d, OrderType type, Offset offset, double price, double volume) {
        String id = "7_" + (++seq);
        ex.sendOrder(id, new OrderRequest(symbol, exchange, d, type, volume, price, offset, "test"));
        ex.publishChanges();
        return id;
    }

    String rb(Direction d, OrderType type, Offset offset, double price, double volume) {
        return send(RB, Exchange.SHFE, d, type, offset, price, volume);
    }

    MarketSimulator market(String vt) {
        return ex.market(vt);
    }

    double ask(int level) {
        MarketSimulator m = market("rb2701.SHFE");
        return m.price(m.askTicks[level]);
    }

    double bid(int level) {
        MarketSimulator m = market("rb2701.SHFE");
        return m.price(m.bidTicks[level]);
    }

    long askVolume(int level) {
        return market("rb2701.SHFE").askVolume[level];
    }

    void assertRejected(String id, String reasonFragment) {
        assertThat(out.orders(id)).extracting(OrderData::status).containsExactly(Status.SUBMITTING, Status.REJECTED);
        assertThat(out.trades(id)).isEmpty();
        assertThat(out.logs()).anySatisfy(l -> {
            assertThat(l.level()).isEqualTo(LogData.ERROR);
            assertThat(l.msg()).contains(id).contains(reasonFragment);
        });
    }

    // ------------------------------------------------------------------ contracts and ids

    @Test
    void shouldListContractsWithTheExchangesOwnIdsForTheTradingDay() {
        ex.reportAll();
        List<String> symbols = out.of(io.jtrader.core.model.ContractData.class).stream()
                .map(c -> c.vtSymbol()).toList();
        assertThat(symbols).contains("rb2701.SHFE", "cu2701.SHFE", "au2702.SHFE", "i2701.DCE", "m2701.DCE",
                "SR701.CZCE", "TA701.CZCE", "sc2701.INE", "IF2612.CFFEX", "IC2612.CFFEX", "IM2612.CFFEX",
                "T2703.CFFEX", "IO2612-C-4500.CFFEX", "IO2612-P-4400.CFFEX", "600000.SSE", "000001.SZSE");
        assertThat(symbols).allSatisfy(s -> assertThat(s.chars().filter(c -> c == '.').count()).isEqualTo(1));
        // Before the November expiry (third Friday, 2026-11-20) CFFEX trades the November contract.
        assertThat(InstrumentCatalog.cffexIndexMonth(LocalDate.of(2026, 11, 20)).toString()).isEqualTo("2026-11");
        assertThat(InstrumentCatalog.defaults(LocalDate.of(2025, 11, 25)).find("rb2601.SHFE")).isNotNull();
        assertThat(InstrumentCatalog.defaults(LocalDate.of(2025, 11, 25)).find("IF2512.CFFEX")).isNotNull();
        assertThat(InstrumentCatalog.defaults(DAY).futuresOf("rb").symbol()).isEqualTo("rb2701");
        assertThat(InstrumentCatalog.defaults(DAY).futuresOf("SR").symbol()).isEqualTo("SR701");
        assertThat(InstrumentCatalog.defaults(DAY).futuresOf("T").symbol()).isEqualTo("T2703");
    }

    // ------------------------------------------------------------------ rejects

    @Test
    void shouldRejectStopRfqAndEtfOrdersWithAReason() {
        for (OrderType type : List.of(OrderType.STOP, OrderType.RFQ, OrderType.ETF)) {
            String id = rb(Direction.LONG, type, Offset.OPEN, ask(0), 1);
            assertRejected(id, "order type " + type + " is not supported");
        }
    }

    @Test
    void shouldRejectAnUnknownContract() {
        String id = send("rb9999", Exchange.SHFE, Direction.LONG, OrderType.LIMIT, Offset.OPEN, 3200, 1);
        assertRejected(id, "rb9999.SHFE is not a contract of SIM");
    }

    @Test
    void shouldRejectVolumesThatAreNotPositiveMultiplesOfTheMinimum() {
        assertRejected(rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, ask(0), 0), "volume must be > 0");
        assertRejected(rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, ask(0), 1.5), "not a whole multiple");
        String stock = send("600000", Exchange.SSE, Direction.LONG, OrderType.LIMIT, Offset.NONE, 10.50, 150);
        assertRejected(stock, "minimum volume 100 of 600000.SSE");
    }

    @Test
    void shouldRejectPricesOffTheGridOrOutsideTheLimitBand() {
        assertRejected(rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, 3200.5, 1), "not a multiple of the pricetick 1.0");
        MarketSimulator m = market("rb2701.SHFE");
        double above = m.price(m.limitUpTicks() + 1);
        double below = m.price(m.limitDownTicks() - 1);
        assertRejected(rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, above, 1), "outside the limit band");
        assertRejected(rb(Direction.SHORT, OrderType.LIMIT, Offset.OPEN, below, 1), "outside the limit band");
    }

    @Test
    void shouldRejectAnOpenThatNeedsMoreThanTheAvailableFunds() {
        // au: 1000 g per lot at ~948, 12% margin: ~113,760 per lot; 100 lots need ~11.4m of 10m.
        MarketSimulator au = market("au2702.SHFE");
        String id = send("au2702", Exchange.SHFE, Direction.LONG, OrderType.LIMIT, Offset.OPEN,
                au.price(au.bidTicks[4]), 100);
        assertRejected(id, "not enough available funds");
        assertThat(ex.frozen()).isZero();
    }

    @Test
    void shouldRejectClosingMoreThanTheClosablePosition() {
        rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, ask(0), 2);
        String id = rb(Direction.SHORT, OrderType.LIMIT, Offset.CLOSETODAY, bid(4), 3);
        assertRejected(id, "closable today's long position");
        // The rejected close froze nothing: the whole position is still closable.
        assertThat(out.lastPosition(RB, Direction.LONG).frozen()).isZero();
    }

    @Test
    void shouldRejectAFuturesOrderWithoutOffset() {
        assertRejected(rb(Direction.LONG, OrderType.LIMIT, Offset.NONE, ask(0), 1), "offset must be OPEN");
    }

    // ------------------------------------------------------------------ matching

    @Test
    void shouldReportSubmittingNotTradedAndEachFillOrderBeforeItsTrade() {
        double price = ask(0);
        String id = rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, price, 1);
        List<Object> flow = new ArrayList<>();
        for (Object o : out.items) {
            if (o instanceof OrderData d && d.orderId().equals(id) || o instanceof TradeData t && t.orderId().equals(id)) {
                flow.add(o instanceof OrderData d ? d.status() : "trade");
            }
        }
        assertThat(flow).containsExactly(Status.SUBMITTING, Status.NOTTRADED, Status.ALLTRADED, "trade");
        TradeData t = out.trades(id).get(0);
        assertThat(t.price()).isEqualTo(price);
        assertThat(t.tradeId()).isEqualTo("T7_1").doesNotContain(".");
        assertThat(out.lastOrder(id).traded()).isEqualTo(1);
    }

    @Test
    void shouldFillAcrossLevelsAndRestTheRemainder() {
        long total = askVolume(0) + askVolume(1) + askVolume(2);
        double a1 = ask(0), a2 = ask(1), a3 = ask(2);
        String id = rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, a3, total + 5);
        assertThat(out.trades(id)).extracting(TradeData::price).containsExactly(a1, a2, a3);
        assertThat(out.trades(id).stream().mapToDouble(TradeData::volume).sum()).isEqualTo(total);
        OrderData last = out.lastOrder(id);
        assertThat(last.status()).isEqualTo(Status.PARTTRADED);
        assertThat(last.traded()).isEqualTo(total);
        assertThat(ex.activeOrderCount()).isEqualTo(1);
        // The remainder still has margin frozen for 5 lots at its price.
        assertThat(ex.frozenMarginForTest()).isCloseTo(a3 * 10 * 5 * 0.07, within(1e-6));
    }

    @Test
    void shouldCancelTheRemainderOfAFakOrder() {
        long v1 = askVolume(0);
        String id = rb(Direction.LONG, OrderType.FAK, Offset.OPEN, ask(0), v1 + 10);
        assertThat(out.orders(id)).extracting(OrderData::status)
                .containsExactly(Status.SUBMITTING, Status.NOTTRADED, Status.PARTTRADED, Status.CANCELLED);
        assertThat(out.lastOrder(id).traded()).isEqualTo(v1);
        assertThat(ex.frozen()).isZero();
    }

    @Test
    void shouldCancelAWholeFokOrderThatCannotFillCompletely() {
        long v1 = askVolume(0);
        String id = rb(Direction.LONG, OrderType.FOK, Offset.OPEN, ask(0), v1 + 1);
        assertThat(out.orders(id)).extracting(OrderData::status)
                .containsExactly(Status.SUBMITTING, Status.NOTTRADED, Status.CANCELLED);
        assertThat(out.trades(id)).isEmpty();
        assertThat(askVolume(0)).isEqualTo(v1);
        String ok = rb(Direction.LONG, OrderType.FOK, Offset.OPEN, ask(0), v1);
        assertThat(out.lastOrder(ok).status()).isEqualTo(Status.ALLTRADED);
    }

    @Test
    void shouldFillAMarketOrderAtTheBestPricesAndCancelWhatTheBookCannotTake() {
        long all = 0;
        for (int i = 0; i < MarketSimulator.DEPTH; i++) {
            all += askVolume(i);
        }
        String id = rb(Direction.LONG, OrderType.MARKET, Offset.OPEN, 0, all + 1);
        assertThat(out.trades(id)).hasSize(MarketSimulator.DEPTH);
        assertThat(out.lastOrder(id).status()).isEqualTo(Status.CANCELLED);
        assertThat(out.lastOrder(id).traded()).isEqualTo(all);
    }

    @Test
    void shouldFillARestingOrderAtItsPriceWhenTheMarketMovesThroughIt() {
        MarketSimulator m = market("rb2701.SHFE");
        long priceTicks = m.bidTicks[0] - 3;
        double price = m.price(priceTicks);
        String id = rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, price, 2);
        assertThat(out.lastOrder(id).status()).isEqualTo(Status.NOTTRADED);
        int steps = 0;
        while (out.trades(id).isEmpty() && steps < 100_000) {
            long askBefore = firstAsk(m);
            ex.step("rb2701.SHFE");
            steps++;
            if (out.trades(id).isEmpty()) {
                assertThat(firstAsk(m)).as("no fill while the ask stays above the order").isGreaterThan(priceTicks);
            } else {
                assertThat(firstAsk(m)).isLessThanOrEqualTo(priceTicks);
            }
            assertThat(askBefore).isPositive();
        }
        assertThat(out.trades(id)).isNotEmpty().allSatisfy(t -> assertThat(t.price()).isEqualTo(price));
        assertThat(out.lastOrder(id).status()).isEqualTo(Status.ALLTRADED);
    }

    private static long firstAsk(MarketSimulator m) {
        for (int i = 0; i < MarketSimulator.DEPTH; i++) {
            if (m.askVolume[i] > 0 && m.askTicks[i] != 0) {
                return m.askTicks[i];
            }
        }
        return Long.MAX_VALUE;
    }

    @Test
    void shouldCancelARestingOrderAndReleaseItsMargin() {
        String id = rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, bid(4), 3);
        assertThat(ex.frozen()).isPositive();
        ex.cancel(new CancelRequest(id, RB, Exchange.SHFE));
        assertThat(out.lastOrder(id).status()).isEqualTo(Status.CANCELLED);
        assertThat(ex.frozen()).isZero();
        assertThat(ex.available()).isCloseTo(CAPITAL, within(1e-6));
    }

    @Test
    void shouldLogAndChangeNothingWhenCancellingAnUnknownOrAFinishedOrder() {
        String done = rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, ask(0), 1);
        int before = out.orders(done).size();
        ex.cancel(new CancelRequest(done, RB, Exchange.SHFE));
        ex.cancel(new CancelRequest("7_999", RB, Exchange.SHFE));
        assertThat(out.orders(done)).hasSize(before);
        assertThat(out.logs()).extracting(LogData::msg)
                .anySatisfy(m -> assertThat(m).contains("SIM." + done).contains("already ALLTRADED"))
                .anySatisfy(m -> assertThat(m).contains("SIM.7_999").contains("unknown"));
    }

    // ------------------------------------------------------------------ today / yesterday

    List<JournalRecord> yesterdayLong(String vtSymbol, long yd, double price) {
        return List.of(new JournalRecord.Snapshot(DAY, 0, CAPITAL,
                List.of(new JournalRecord.PositionSnapshot(vtSymbol, Direction.LONG, yd, 0, yd * price))));
    }

    @Test
    void shouldKeepTodayAndYesterdayApartOnShfe() {
        ex = newExchange(yesterdayLong("rb2701.SHFE", 2, 3150), 42);
        rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, ask(0), 3); // today: 3, yesterday: 2
        // CLOSE means yesterday's on SHFE: 3 lots exceed the 2 held from yesterday even though 5 are held.
        assertRejected(rb(Direction.SHORT, OrderType.LIMIT, Offset.CLOSE, bid(0), 3), "closable yesterday's long position");
        String yd = rb(Direction.SHORT, OrderType.LIMIT, Offset.CLOSEYESTERDAY, bid(0), 2);
        String td = rb(Direction.SHORT, OrderType.LIMIT, Offset.CLOSETODAY, bid(0), 3);
        assertThat(out.lastOrder(yd).status()).isEqualTo(Status.ALLTRADED);
        assertThat(out.lastOrder(td).status()).isEqualTo(Status.ALLTRADED);
        PositionData p = out.lastPosition(RB, Direction.LONG);
        assertThat(p.volume()).isZero();
        assertThat(p.ydVolume()).isZero();
    }

    @Test
    void shouldCloseYesterdayFirstThenTodayElsewhere() {
        ex = newExchange(yesterdayLong("m2701.DCE", 2, 2990), 42);
        MarketSimulator m = market("m2701.DCE");
        send("m2701", Exchange.DCE, Direction.LONG, OrderType.LIMIT, Offset.OPEN, m.price(m.askTicks[0]), 3);
        // A DCE close of 4 takes both of yesterday's lots and 2 of today's, whatever the close flag.
        String id = send("m2701", Exchange.DCE, Direction.SHORT, OrderType.LIMIT, Offset.CLOSETODAY, m.price(m.bidTicks[0]), 4);
        assertThat(out.lastOrder(id).status()).isEqualTo(Status.ALLTRADED);
        PositionData p = out.lastPosition("m2701", Direction.LONG);
        assertThat(p.volume()).isEqualTo(1);
        assertThat(p.ydVolume()).isZero();
        assertThat(out.records()).filteredOn(r -> r instanceof JournalRecord.Trade t && t.trade().orderId().equals(id))
                .extracting(r -> ((JournalRecord.Trade) r).closedYesterday()).containsExactly(2L);
    }

    @Test
    void shouldFreezeThePositionAPendingCloseWillTake() {
        rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, ask(0), 3);
        String close = rb(Direction.SHORT, OrderType.LIMIT, Offset.CLOSETODAY, ask(4), 2); // rests above the market
        assertThat(out.lastOrder(close).status()).isEqualTo(Status.NOTTRADED);
        assertThat(out.lastPosition(RB, Direction.LONG).frozen()).isEqualTo(2);
        assertRejected(rb(Direction.SHORT, OrderType.LIMIT, Offset.CLOSETODAY, ask(4), 2), "closable today's long position is 1");
        ex.cancel(new CancelRequest(close, RB, Exchange.SHFE));
        ex.publishChanges();
        assertThat(out.lastPosition(RB, Direction.LONG).frozen()).isZero();
    }

    @Test
    void shouldNotSellStockBoughtTodayNorSellShort() {
        String buy = send("600000", Exchange.SSE, Direction.LONG, OrderType.LIMIT, Offset.NONE, 10.60, 200);
        assertThat(out.lastOrder(buy).status()).isEqualTo(Status.ALLTRADED);
        assertRejected(send("600000", Exchange.SSE, Direction.SHORT, OrderType.LIMIT, Offset.NONE, 10.40, 100), "T+1");
        assertRejected(send("600000", Exchange.SSE, Direction.SHORT, OrderType.LIMIT, Offset.OPEN, 10.40, 100), "short selling");
    }

    // ------------------------------------------------------------------ money

    @Test
    void shouldChargeCommissionAndHoldMarginOnFills() {
        double price = ask(0);
        rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, price, 2);
        double commission = price * 10 * 2 * 0.0001;
        double margin = price * 10 * 2 * 0.07;
        double last = market("rb2701.SHFE").lastPrice();
        double pnl = (last - price) * 10 * 2;
        assertThat(ex.commissionToday()).isCloseTo(commission, within(1e-9));
        assertThat(ex.margin()).isCloseTo(margin, within(1e-9));
        assertThat(ex.frozen()).isZero();
        AccountData a = out.lastAccount();
        assertThat(a.accountId()).isEqualTo("SIM");
        assertThat(a.balance()).isCloseTo(CAPITAL - commission + pnl, within(0.01));
        assertThat(a.available()).isCloseTo(CAPITAL - commission + pnl - margin, within(0.01));
        PositionData p = out.lastPosition(RB, Direction.LONG);
        assertThat(p.price()).isEqualTo(price);
        assertThat(p.pnl()).isCloseTo(pnl, within(1e-9));
    }

    @Test
    void shouldChargeTheCloseTodayRateAndRealizePnlOnIf() {
        MarketSimulator m = market("IF2612.CFFEX");
        double buy = m.price(m.askTicks[0]);
        double sell = m.price(m.bidTicks[0]);
        send("IF2612", Exchange.CFFEX, Direction.LONG, OrderType.LIMIT, Offset.OPEN, buy, 1);
        send("IF2612", Exchange.CFFEX, Direction.SHORT, OrderType.LIMIT, Offset.CLOSE, sell, 1);
        double commission = buy * 300 * 0.000023 + sell * 300 * 0.00023;
        assertThat(ex.commissionToday()).isCloseTo(commission, within(1e-9));
        assertThat(ex.balance()).isCloseTo(CAPITAL + (sell - buy) * 300 - commission, within(1e-6));
        assertThat(ex.margin()).isZero();
    }

    @Test
    void shouldChargePerLotCommissionWhereTheExchangeDoes() {
        MarketSimulator m = market("m2701.DCE");
        send("m2701", Exchange.DCE, Direction.SHORT, OrderType.LIMIT, Offset.OPEN, m.price(m.bidTicks[0]), 4);
        assertThat(ex.commissionToday()).isCloseTo(4 * 1.5, within(1e-9));
        assertThat(out.lastPosition("m2701", Direction.SHORT).volume()).isEqualTo(4);
    }

    @Test
    void shouldFreezeMarginAndCommissionForAPendingOpen() {
        double price = bid(4);
        rb(Direction.LONG, OrderType.LIMIT, Offset.OPEN, price, 4);
        assertThat(ex.frozen()).isCloseTo(price * 10 * 4 * 0.07 + price * 10 * 4 * 0.0001, within(1e-6));
        assertThat(out.lastAccount().available()).isCloseTo(CAPITAL - ex.frozen(), within(0.01));
    }

    @Test
    void shouldHoldThePremiumForALongOptionAndPremiumPlusMarginForAShortOne() {
        MarketSimulator m = market("IO2612-C-4500.CFFEX");
        double ask = m.price(m.askTicks[0]);
        double bid = m.price(m.bidTicks[0]);
        send("IO2612-C-4500", Exchange.CFFEX, Direction.LONG, OrderType.LIMIT, Offset.OPEN, ask, 2);
        assertThat(ex.margin()).isCloseTo(ask * 100 * 2, within(1e-6));
        assertThat(ex.commissionToday()).isCloseTo(2 * 15, within(1e-9));
        send("IO2612-P-4500", Exchange.CFFEX, Direction.SHORT, OrderType.LIMIT, Offset.OPEN,
                market("IO2612-P-4500.CFFEX").price(market("IO2612-P-4500.CFFEX").bidTicks[0]), 1);
        double putBid = market("IO2612-P-4500.CFFEX").price(market("IO2612-P-4500.CFFEX").bidTicks[0]);
        assertThat(bid).isPositive();
        assertThat(ex.margin()).isCloseTo(ask * 100 * 2 + putBid * 100 + 0.10 * 4500 * 100, within(1e-6));
    }

    @Test
    void shouldRestoreALiveOrderWithItsMarginFrozenAndFillItLater() {
        OrderData resting = new OrderData("SIM", RB, Exchange.SHFE, "6_1", OrderType.LIMIT, Direction.LONG,
                Offset.OPEN, 3150, 2, 0, Status.SUBMITTING, clock.now(), "");
        ex = newExchange(List.of(
                new JournalRecord.Snapshot(DAY, 5, CAPITAL, List.of()),
                new JournalRecord.Session(6, DAY),
                new JournalRecord.NewOrder(resting),
                new JournalRecord.OrderUpdate("6_1", 0, Status.NOTTRADED, clock.now())), 42);
        assertThat(ex.frozen()).isCloseTo(3150 * 10 * 2 * (0.07 + 0.0001), within(1e-6));
        assertThat(ex.activeOrderCount()).isEqualTo(1);
        int steps = 0;
        while (out.trades("6_1").isEmpty() && steps++ < 200_000) {
            ex.step("rb2701.SHFE");
        }
        assertThat(out.trades("6_1")).isNotEmpty().allSatisfy(t -> assertThat(t.price()).isEqualTo(3150));
    }

    // ------------------------------------------------------------------ market data

    @Test
    void shouldTickOnlySubscribedContractsOnTheGridWithinTheBand() {
        ex.subscribe(new SubscribeRequest(RB, Exchange.SHFE));
        for (int i = 0; i < 500; i++) {
            clock.advance(java.time.Duration.ofMillis(500));
            ex.stepAll();
        }
        List<TickData> ticks = out.ticks();
        assertThat(ticks).hasSize(501).allSatisfy(t -> {
            assertThat(t.symbol()).isEqualTo(RB);
            assertThat(t.lastPrice()).isBetween(t.limitDown(), t.limitUp());
            assertThat(t.lastPrice() % 1.0).isZero();
            assertThat(t.askPrice1()).isEqualTo(t.bidPrice1() + 1);
            for (int l = 1; l <= 5; l++) {
                assertThat(t.bidVolume(l)).isPositive();
                assertThat(t.askVolume(l)).isPositive();
            }
            assertThat(t.highPrice()).isGreaterThanOrEqualTo(t.lowPrice());
            assertThat(t.preClose()).isEqualTo(3200);
        });
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).volume()).isGreaterThan(ticks.get(i - 1).volume());
            assertThat(ticks.get(i).turnover()).isGreaterThan(ticks.get(i - 1).turnover());
        }
    }

    @Test
    void shouldLogAndChangeNothingElseWhenSubscribingAnUnknownSymbol() {
        assertThat(ex.subscribe(new SubscribeRequest("xx9999", Exchange.SHFE))).isFalse();
        assertThat(out.items).hasSize(1);
        assertThat(out.logs().get(0).msg()).contains("xx9999.SHFE is not a contract of SIM");
        assertThat(ex.subscriptions()).isEmpty();
    }

    @Test
    void shouldReplayTheSameMarketForASeedWhateverElseIsSubscribed() {
        List<Double> a = path(42, List.of("IF2612.CFFEX"), "rb2701.SHFE");
        List<Double> b = path(42, List.of("cu2701.SHFE", "m2701.DCE", "IF2612.CFFEX"), "rb2701.SHFE");
        List<Double> c = path(43, List.of("IF2612.CFFEX"), "rb2701.SHFE");
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    private List<Double> path(long seed, List<String> others, String vt) {
        SimExchange e = new SimExchange("SIM", InstrumentCatalog.defaults(DAY), seed, CAPITAL, clock, x -> { });
        List<Double> prices = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (String o : others) {
                e.step(o);
            }
            e.step(vt);
            MarketSimulator m = e.market(vt);
            prices.add(m.lastPrice());
            prices.add(m.price(m.bidTicks[0]) + m.bidVolume[0] * 1e-6);
        }
        return prices;
    }
}
