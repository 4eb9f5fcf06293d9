package io.jtrader.sim.exchange;

import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TradeData;
import io.jtrader.core.model.VtIds;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated exchange and broker: markets, order matching with CTP semantics, positions and the account.
 *
 * <p>Single-threaded by design: every method must be called from one thread (the gateway's exchange thread, or
 * the test). What happens is written to the {@link Output} in order: for every change a journal record first,
 * then the report a gateway listener gets. Per order the reports are: SUBMITTING on {@link #submit}, then
 * NOTTRADED or REJECTED on {@link #accept}, then for each fill the order's new state (PARTTRADED/ALLTRADED)
 * followed by its trade, as CTP's OnRtnOrder precedes OnRtnTrade; a FAK/FOK/MARKET remainder or a cancel ends in
 * CANCELLED. Positions and the account are marked dirty by every change and reported by {@link #publishChanges()}
 * (the gateway calls it after each batch of commands, so a burst of fills yields one position and one account
 * report).
 *
 * <p>Liquidity: an incoming order trades against the simulated market's displayed depth (up to its limit price,
 * level by level: one trade per level); client orders never trade with each other. A resting order fills at its
 * own price when a later market step shows opposite depth at or through it.
 */
public final class SimExchange {

    /** Where the exchange writes what happens: {@link JournalRecord}s and {@link io.jtrader.core.model.BaseData}. */
    @FunctionalInterface
    public interface Output {
        void emit(Object item);
    }

    private final String gatewayName;
    private final InstrumentCatalog catalog;
    private final long seed;
    private final SimClock clock;
    private final Output out;
    private final LocalDate tradingDay;

    private final Map<String, MarketSimulator> markets = new HashMap<>();
    private final Map<String, OrderBook> books = new HashMap<>();
    private final Map<String, Position[]> positions = new LinkedHashMap<>();
    private final Map<String, SimOrder> orders = new LinkedHashMap<>();
    /** Orders for contracts the exchange does not list: kept only to report and to answer cancels. */
    private final Map<String, OrderData> foreignOrders = new LinkedHashMap<>();
    /** Today's finished orders once reported: only their final status is kept (memory stays flat under load). */
    private final FinishedOrders finished = new FinishedOrders();
    private final List<TradeData> restoredTrades = new ArrayList<>();
    private final Set<String> subscribed = new LinkedHashSet<>();
    private final Set<String> dirtyPositions = new LinkedHashSet<>();

    /** Set once {@link #reportAll()} has reported the restored orders; until then finished orders stay listed. */
    private boolean reported;
    private double staticBalance;
    private double frozenMargin;
    private double frozenCommission;
    private double commissionToday;
    private boolean accountDirty;
    private LocalDate restoredDay;
    private long lastSessionId;
    private String sessionPrefix;
    private long tradeSeq;
    private long orderSeq;

    public SimExchange(String gatewayName, InstrumentCatalog catalog, long seed, double initialCapital, SimClock clock,
            Output out) {
        this.gatewayName = gatewayName;
        this.catalog = catalog;
        this.seed = seed;
        this.clock = clock;
        this.out = out;
        this.tradingDay = clock.now().toLocalDate();
        this.staticBalance = initialCapital;
        for (Instrument i : catalog.all()) {
            markets.put(i.vtSymbol(), new MarketSimulator(i, seed));
            books.put(i.vtSymbol(), new OrderBook());
        }
    }

    public String gatewayName() {
        return gatewayName;
    }

    public InstrumentCatalog catalog() {
        return catalog;
    }

    public LocalDate tradingDay() {
        return tradingDay;
    }

    public long seed() {
        return seed;
    }

    // ---------------------------------------------------------------- restore and start

    /**
     * Rebuilds state from journal records, reporting nothing but warnings: the snapshot's positions and money,
     * then orders and trades in order. Call before {@link #start(long)}.
     */
    public void restore(List<JournalRecord> records) {
        for (JournalRecord r : records) {
            if (r instanceof JournalRecord.Snapshot s) {
                restoredDay = s.tradingDay();
                lastSessionId = Math.max(lastSessionId, s.lastSessionId());
                staticBalance = s.staticBalance();
                for (JournalRecord.PositionSnapshot p : s.positions()) {
                    Instrument inst = catalog.find(p.vtSymbol());
                    if (inst == null) {
                        warn("the journal holds a " + p.direction() + " position of " + p.vtSymbol()
                                + " which is no longer listed; it is not restored");
                        continue;
                    }
                    Position leg = leg(inst, p.direction());
                    leg.yd = p.ydVolume();
                    leg.td = p.tdVolume();
                    leg.cost = p.cost();
                }
            } else if (r instanceof JournalRecord.Session s) {
                lastSessionId = Math.max(lastSessionId, s.sessionId());
                restoredDay = restoredDay == null ? s.tradingDay() : restoredDay;
            } else if (r instanceof JournalRecord.NewOrder n) {
                OrderData o = n.order();
                Instrument inst = catalog.find(o.vtSymbol());
                if (inst == null) {
                    foreignOrders.put(o.orderId(), o);
                } else {
                    SimOrder so = newOrder(o.orderId(), inst, o.type(), o.direction(), o.offset(), o.price(),
                            o.volume(), o.reference(), o.datetime());
                    so.status = o.status();
                    so.traded = (long) o.traded();
                    orders.put(so.orderId, so);
                }
            } else if (r instanceof JournalRecord.OrderUpdate u) {
                SimOrder so = orders.get(u.orderId());
                if (so != null) {
                    so.traded = (long) u.traded();
                    so.status = u.status();
                } else if (foreignOrders.containsKey(u.orderId())) {
                    foreignOrders.put(u.orderId(), foreignOrders.get(u.orderId()).withProgress(u.traded(), u.status()));
                }
            } else if (r instanceof JournalRecord.Trade t) {
                replayTrade(t);
            }
        }
    }

    private void replayTrade(JournalRecord.Trade t) {
        TradeData d = t.trade();
        Instrument inst = catalog.find(d.vtSymbol());
        if (inst == null) {
            warn("the journal holds trade " + d.tradeId() + " of " + d.vtSymbol()
                    + " which is no longer listed; its position is not restored");
            return;
        }
        long qty = (long) d.volume();
        if (d.offset() == Offset.OPEN || (inst.isStock() && d.direction() == Direction.LONG)) {
            leg(inst, d.direction()).open(d.price(), qty);
        } else {
            Position leg = leg(inst, opposite(d.direction()));
            long fromYd = Math.min(t.closedYesterday(), leg.yd);
            long fromTd = Math.min(qty - fromYd, leg.td);
            staticBalance += leg.close(d.price(), fromYd, fromTd);
        }
        staticBalance -= t.commission();
        commissionToday += t.commission();
        restoredTrades.add(d);
    }

    /** The trading day the restored journal belongs to, or null when nothing was restored. */
    public LocalDate restoredDay() {
        return restoredDay;
    }

    /** The highest session id the journal has seen (0 when none). */
    public long lastSessionId() {
        return lastSessionId;
    }

    /**
     * Carries restored state into today: today's positions become yesterday's, orders (expired at the end of
     * their day) and trades are dropped, nothing stays frozen.
     */
    public void rollOver() {
        for (Position[] legs : positions.values()) {
            for (Position leg : legs) {
                if (leg != null) {
                    leg.yd += leg.td;
                    leg.td = 0;
                    leg.ydFrozen = 0;
                    leg.tdFrozen = 0;
                }
            }
        }
        orders.clear();
        foreignOrders.clear();
        finished.clear();
        restoredTrades.clear();
        books.replaceAll((k, v) -> new OrderBook());
        frozenMargin = 0;
        frozenCommission = 0;
        commissionToday = 0;
        restoredDay = tradingDay;
    }

    /** The state to carry into a new journal file. */
    public JournalRecord.Snapshot snapshot(long sessionId) {
        List<JournalRecord.PositionSnapshot> list = new ArrayList<>();
        for (Position[] legs : positions.values()) {
            for (Position leg : legs) {
                if (leg != null && leg.volume() > 0) {
                    list.add(new JournalRecord.PositionSnapshot(leg.instrument.vtSymbol(), leg.direction, leg.yd,
                            leg.td, leg.cost));
                }
            }
        }
        return new JournalRecord.Snapshot(tradingDay, Math.max(sessionId, lastSessionId), staticBalance, list);
    }

    /**
     * Opens a session: ids issued from now on are {@code <sessionId>_<n>} (orders, numbered by the caller) and
     * {@code T<sessionId>_<n>} (trades). Orders left SUBMITTING by a crash were never accepted and are rejected;
     * restored live orders rest in the book again with their margin and positions frozen.
     */
    public void start(long sessionId) {
        this.sessionPrefix = "T" + sessionId + "_";
        this.lastSessionId = Math.max(lastSessionId, sessionId);
        finished.session(sessionId);
        List<SimOrder> live = new ArrayList<>();
        for (SimOrder o : new ArrayList<>(orders.values())) {
            if (o.status == Status.SUBMITTING) {
                o.status = Status.REJECTED;
                emitUpdate(o);
                warn("order " + o.orderId + " was in flight when the simulator stopped and was never accepted; rejected");
            } else if (o.isActive()) {
                live.add(o);
            }
        }
        live.sort(Comparator.comparingLong(o -> o.sequence));
        for (SimOrder o : live) {
            String reason = o.isOpen() ? freezeOpen(o, o.remaining()) : freezeClose(o, o.remaining());
            if (reason != null) {
                o.status = Status.CANCELLED;
                emitUpdate(o);
                warn("restored order " + o.orderId + " cannot stay live (" + reason + "); cancelled");
            } else {
                books.get(o.instrument.vtSymbol()).add(o);
            }
        }
    }

    /** Reports everything a re-login shows: contracts, today's orders and trades, positions, the account. */
    public void reportAll() {
        for (Instrument i : catalog.all()) {
            out.emit(i.toContract(gatewayName));
        }
        for (SimOrder o : orders.values()) {
            out.emit(o.toData(gatewayName));
        }
        foreignOrders.values().forEach(out::emit);
        restoredTrades.forEach(out::emit);
        restoredTrades.clear();
        reported = true;
        for (SimOrder o : new ArrayList<>(orders.values())) {
            if (!o.isActive()) {
                retire(o);
            }
        }
        for (OrderData o : new ArrayList<>(foreignOrders.values())) {
            if (!o.isActive()) {
                foreignOrders.remove(o.orderId());
                finished.put(o.orderId(), o.status());
            }
        }
        publishAll();
    }

    // ---------------------------------------------------------------- market data

    /** Starts pushing ticks of a listed contract; an unknown one is an error log and nothing else. */
    public boolean subscribe(SubscribeRequest request) {
        String vt = request.vtSymbol();
        MarketSimulator market = markets.get(vt);
        if (market == null) {
            error("subscribe failed: " + vt + " is not a contract of " + gatewayName
                    + " (see its contract list, e.g. " + catalog.all().get(0).vtSymbol() + ")");
            return false;
        }
        if (subscribed.add(vt)) {
            out.emit(market.toTick(gatewayName, clock.now()));
        }
        return true;
    }

    public Set<String> subscriptions() {
        return Set.copyOf(subscribed);
    }

    /** Advances every market one step (the market moves whether subscribed or not). */
    public void stepAll() {
        for (String vt : markets.keySet()) {
            step(vt);
        }
    }

    /** Advances one market a step, fills resting orders it moved through and pushes its tick if subscribed. */
    public void step(String vtSymbol) {
        MarketSimulator m = markets.get(vtSymbol);
        if (m == null) {
            throw new IllegalArgumentException(vtSymbol + " is not listed");
        }
        m.step();
        OrderBook book = books.get(vtSymbol);
        if (!book.isEmpty()) {
            matchResting(m, book);
        }
        if (subscribed.contains(vtSymbol)) {
            out.emit(m.toTick(gatewayName, clock.now()));
        }
        if (hasPosition(vtSymbol)) {
            dirtyPositions.add(vtSymbol);
            accountDirty = true;
        }
    }

    /** The market of a listed contract (for tests and the gateway's tick pacing). */
    public MarketSimulator market(String vtSymbol) {
        return markets.get(vtSymbol);
    }

    // ---------------------------------------------------------------- orders

    /** Submits and accepts in one go (no acknowledgement latency). */
    public void sendOrder(String orderId, OrderRequest request) {
        submit(orderId, request);
        accept(orderId);
    }

    /** Registers an order and reports it SUBMITTING. */
    public void submit(String orderId, OrderRequest request) {
        ZonedDateTime now = clock.now();
        Instrument inst = catalog.find(request.vtSymbol());
        if (inst == null) {
            OrderData o = request.createOrderData(orderId, gatewayName, now);
            foreignOrders.put(orderId, o);
            out.emit(new JournalRecord.NewOrder(o));
            out.emit(o);
            return;
        }
        SimOrder o = newOrder(orderId, inst, request.type(), request.direction(), request.offset(), request.price(),
                request.volume(), request.reference(), now);
        orders.put(orderId, o);
        OrderData data = o.toData(gatewayName);
        out.emit(new JournalRecord.NewOrder(data));
        out.emit(data);
    }

    private SimOrder newOrder(String orderId, Instrument inst, OrderType type, Direction direction, Offset offset,
            double price, double volume, String reference, ZonedDateTime datetime) {
        long ticks = Math.round(price / inst.pricetick());
        return new SimOrder(orderId, inst, type, direction, offset, price, ticks, volume, reference, datetime,
                ++orderSeq);
    }

    /** Checks a submitted order against the rules, then rejects it or accepts and matches it. */
    public void accept(String orderId) {
        OrderData foreign = foreignOrders.get(orderId);
        if (foreign != null) {
            if (foreign.status() == Status.SUBMITTING) {
                OrderData rejected = foreign.withProgress(0, Status.REJECTED);
                foreignOrders.remove(orderId);
                finished.put(orderId, Status.REJECTED);
                out.emit(new JournalRecord.OrderUpdate(orderId, 0, Status.REJECTED, clock.now()));
                out.emit(rejected);
                error("order " + orderId + " rejected: " + foreign.vtSymbol() + " is not a contract of " + gatewayName);
            }
            return;
        }
        SimOrder o = orders.get(orderId);
        if (o == null || o.status != Status.SUBMITTING) {
            return; // cancelled while in flight, or unknown: nothing to accept
        }
        String reason = validate(o);
        if (reason == null) {
            reason = o.isOpen() ? freezeOpen(o, o.volume) : freezeClose(o, o.volume);
        }
        if (reason != null) {
            o.status = Status.REJECTED;
            emitUpdate(o);
            error("order " + o.orderId + " " + o.instrument.vtSymbol() + " " + o.direction + " " + o.offset + " "
                    + o.requestedVolume + "@" + o.price + " rejected: " + reason);
            return;
        }
        o.status = Status.NOTTRADED;
        emitUpdate(o);
        matchIncoming(o);
    }

    private String validate(SimOrder o) {
        Instrument inst = o.instrument;
        if (o.type != OrderType.LIMIT && o.type != OrderType.MARKET && o.type != OrderType.FAK
                && o.type != OrderType.FOK) {
            return "order type " + o.type + " is not supported (" + gatewayName + " accepts LIMIT, MARKET, FAK, FOK as CTP does)";
        }
        if (o.direction != Direction.LONG && o.direction != Direction.SHORT) {
            return "direction must be LONG or SHORT, got " + o.direction;
        }
        double v = o.requestedVolume;
        if (!(v > 0)) {
            return "volume must be > 0, got " + v;
        }
        if (v != Math.rint(v) || ((long) v) % inst.minVolume() != 0) {
            return "volume " + v + " is not a whole multiple of the minimum volume " + inst.minVolume() + " of "
                    + inst.vtSymbol();
        }
        if (o.type != OrderType.MARKET) {
            double ticks = o.price / inst.pricetick();
            if (Math.abs(ticks - Math.rint(ticks)) > 1e-6) {
                return "price " + o.price + " is not a multiple of the pricetick " + inst.pricetick() + " of "
                        + inst.vtSymbol();
            }
            MarketSimulator m = markets.get(inst.vtSymbol());
            if (o.priceTicks > m.limitUpTicks() || o.priceTicks < m.limitDownTicks()) {
                return "price " + o.price + " is outside the limit band [" + m.price(m.limitDownTicks()) + ", "
                        + m.price(m.limitUpTicks()) + "] of " + inst.vtSymbol();
            }
        }
        if (inst.isStock()) {
            if (o.offset == Offset.NONE) {
                return null; // stock gateways send no offset: a buy opens, a sell closes
            }
            if (o.direction == Direction.SHORT && o.offset == Offset.OPEN) {
                return "short selling " + inst.vtSymbol() + " is not allowed (stocks can only be bought and sold)";
            }
            if (o.direction == Direction.LONG && o.offset != Offset.OPEN) {
                return "a stock buy cannot close a position; use offset OPEN or NONE";
            }
            return null;
        }
        if (o.offset == Offset.NONE) {
            return "offset must be OPEN, CLOSE, CLOSETODAY or CLOSEYESTERDAY for " + inst.product() + " "
                    + inst.vtSymbol();
        }
        return null;
    }

    /** Opening orders freeze margin and commission at the order's price (a MARKET order at the limit price). */
    private String freezeOpen(SimOrder o, long qty) {
        double price = orderPriceForFreeze(o);
        double margin = o.instrument.margin(price, qty, o.isBuy());
        double commission = o.instrument.commission(o.instrument.openCommission(), price, qty);
        double available = available();
        if (margin + commission > available + 1e-6) {
            return String.format("not enough available funds: margin %.2f + commission %.2f needed, %.2f available",
                    margin, commission, available);
        }
        o.frozenMargin = margin;
        o.frozenCommission = commission;
        frozenMargin += margin;
        frozenCommission += commission;
        accountDirty = true;
        return null;
    }

    private double orderPriceForFreeze(SimOrder o) {
        if (o.type == OrderType.MARKET) {
            MarketSimulator m = markets.get(o.instrument.vtSymbol());
            return m.price(o.isBuy() ? m.limitUpTicks() : m.limitDownTicks());
        }
        return o.price;
    }

    /**
     * Closing orders freeze the position they close. SHFE/INE: CLOSETODAY takes today's position, CLOSE and
     * CLOSEYESTERDAY yesterday's. Stocks (T+1): only yesterday's. Elsewhere any close takes yesterday's first,
     * then today's, as CTP does.
     */
    private String freezeClose(SimOrder o, long qty) {
        Instrument inst = o.instrument;
        Direction held = inst.isStock() ? Direction.LONG : opposite(o.direction);
        Position leg = leg(inst, held);
        long freeYd = leg.yd - leg.ydFrozen;
        long freeTd = leg.td - leg.tdFrozen;
        long fromYd;
        long fromTd;
        String which;
        String note;
        String side = held.name().toLowerCase(java.util.Locale.ROOT);
        if (inst.isStock()) {
            fromYd = qty;
            fromTd = 0;
            which = "yesterday's holding";
            note = " (stocks are T+1: shares bought today can be sold tomorrow)";
        } else if (inst.separatesTodayYesterday()) {
            boolean today = o.offset == Offset.CLOSETODAY;
            fromYd = today ? 0 : qty;
            fromTd = today ? qty : 0;
            which = (today ? "today's " : "yesterday's ") + side + " position";
            note = " (" + inst.exchange() + " closes today's and yesterday's positions separately)";
        } else {
            fromYd = Math.min(qty, freeYd);
            fromTd = qty - fromYd;
            which = side + " position";
            note = "";
        }
        if (fromYd > freeYd || fromTd > freeTd) {
            long closable = inst.isStock() ? freeYd : inst.separatesTodayYesterday()
                    ? (fromTd > 0 ? freeTd : freeYd) : freeYd + freeTd;
            return "cannot close " + qty + " of " + inst.vtSymbol() + ": closable " + which + " is " + closable + note;
        }
        o.frozenYd = fromYd;
        o.frozenTd = fromTd;
        leg.ydFrozen += fromYd;
        leg.tdFrozen += fromTd;
        dirtyPositions.add(inst.vtSymbol());
        return null;
    }

    private void matchIncoming(SimOrder o) {
        MarketSimulator m = markets.get(o.instrument.vtSymbol());
        long limit = o.type == OrderType.MARKET ? (o.isBuy() ? m.limitUpTicks() : m.limitDownTicks()) : o.priceTicks;
        long[] levelTicks = o.isBuy() ? m.askTicks : m.bidTicks;
        long[] levelVolume = o.isBuy() ? m.askVolume : m.bidVolume;
        if (o.type == OrderType.FOK && available(levelTicks, levelVolume, limit, o.isBuy()) < o.volume) {
            cancelRemainder(o);
            return;
        }
        for (int i = 0; i < MarketSimulator.DEPTH && o.remaining() > 0; i++) {
            if (levelVolume[i] <= 0 || !crosses(levelTicks[i], limit, o.isBuy())) {
                continue;
            }
            long qty = Math.min(o.remaining(), levelVolume[i]);
            levelVolume[i] -= qty;
            fill(o, m.price(levelTicks[i]), qty);
        }
        if (o.remaining() > 0) {
            if (o.type == OrderType.LIMIT) {
                books.get(o.instrument.vtSymbol()).add(o);
            } else {
                cancelRemainder(o);
            }
        }
    }

    private static boolean crosses(long levelTicks, long limitTicks, boolean buy) {
        return levelTicks != 0 && (buy ? levelTicks <= limitTicks : levelTicks >= limitTicks);
    }

    private static long available(long[] ticks, long[] volumes, long limit, boolean buy) {
        long sum = 0;
        for (int i = 0; i < ticks.length; i++) {
            if (volumes[i] > 0 && crosses(ticks[i], limit, buy)) {
                sum += volumes[i];
            }
        }
        return sum;
    }

    private void matchResting(MarketSimulator m, OrderBook book) {
        long bestAsk = firstPrice(m.askTicks, m.askVolume);
        long bestBid = firstPrice(m.bidTicks, m.bidVolume);
        if (bestAsk != 0) {
            for (SimOrder o : book.bidsAtOrAbove(bestAsk)) {
                fillResting(o, m.askTicks, m.askVolume, book);
            }
        }
        if (bestBid != 0) {
            for (SimOrder o : book.asksAtOrBelow(bestBid)) {
                fillResting(o, m.bidTicks, m.bidVolume, book);
            }
        }
    }

    private static long firstPrice(long[] ticks, long[] volumes) {
        for (int i = 0; i < ticks.length; i++) {
            if (volumes[i] > 0 && ticks[i] != 0) {
                return ticks[i];
            }
        }
        return 0;
    }

    private void fillResting(SimOrder o, long[] levelTicks, long[] levelVolume, OrderBook book) {
        for (int i = 0; i < MarketSimulator.DEPTH && o.remaining() > 0; i++) {
            if (levelVolume[i] <= 0 || !crosses(levelTicks[i], o.priceTicks, o.isBuy())) {
                continue;
            }
            long qty = Math.min(o.remaining(), levelVolume[i]);
            levelVolume[i] -= qty;
            fill(o, o.price, qty); // a resting order trades at its own price
        }
        if (o.remaining() == 0) {
            book.remove(o);
        }
    }

    private void fill(SimOrder o, double price, long qty) {
        Instrument inst = o.instrument;
        long remainingBefore = o.remaining();
        o.traded += qty;
        o.status = o.remaining() == 0 ? Status.ALLTRADED : Status.PARTTRADED;
        double commission;
        long closedYesterday = 0;
        if (o.isOpen()) {
            double releaseMargin = o.frozenMargin * qty / remainingBefore;
            double releaseCommission = o.frozenCommission * qty / remainingBefore;
            o.frozenMargin -= releaseMargin;
            o.frozenCommission -= releaseCommission;
            frozenMargin -= releaseMargin;
            frozenCommission -= releaseCommission;
            leg(inst, inst.isStock() ? Direction.LONG : o.direction).open(price, qty);
            commission = inst.commission(inst.openCommission(), price, qty);
        } else {
            Position leg = leg(inst, inst.isStock() ? Direction.LONG : opposite(o.direction));
            long fromYd = Math.min(qty, o.frozenYd);
            long fromTd = qty - fromYd;
            o.frozenYd -= fromYd;
            o.frozenTd -= fromTd;
            leg.ydFrozen -= fromYd;
            leg.tdFrozen -= fromTd;
            staticBalance += leg.close(price, fromYd, fromTd);
            commission = inst.commission(inst.closeCommission(), price, fromYd)
                    + inst.commission(inst.closeTodayCommission(), price, fromTd);
            closedYesterday = fromYd;
        }
        staticBalance -= commission;
        commissionToday += commission;
        if (o.remaining() == 0) {
            releaseFrozen(o); // rounding leftovers
        }
        ZonedDateTime now = clock.now();
        TradeData trade = new TradeData(gatewayName, inst.symbol(), inst.exchange(), o.orderId,
                sessionPrefix + (++tradeSeq), o.direction, o.offset, price, qty, now);
        out.emit(new JournalRecord.OrderUpdate(o.orderId, o.traded, o.status, now));
        out.emit(o.toData(gatewayName));
        out.emit(new JournalRecord.Trade(trade, commission, closedYesterday));
        out.emit(trade);
        dirtyPositions.add(inst.vtSymbol());
        accountDirty = true;
        if (o.remaining() == 0 && reported) {
            retire(o);
        }
    }

    /** Cancels an order on request; an unknown or finished order is an error log and nothing else. */
    public void cancel(CancelRequest request) {
        String id = request.orderId();
        SimOrder o = orders.get(id);
        if (o == null) {
            OrderData foreign = foreignOrders.get(id);
            if (foreign != null && foreign.status() == Status.SUBMITTING) {
                OrderData cancelled = foreign.withProgress(0, Status.CANCELLED);
                foreignOrders.remove(id);
                finished.put(id, Status.CANCELLED);
                out.emit(new JournalRecord.OrderUpdate(id, 0, Status.CANCELLED, clock.now()));
                out.emit(cancelled);
            } else if (foreign != null) {
                error("cancel failed: order " + VtIds.qualified(gatewayName, id) + " is already " + foreign.status());
            } else if (finished.get(id) != null) {
                error("cancel failed: order " + VtIds.qualified(gatewayName, id) + " is already " + finished.get(id));
            } else {
                error("cancel failed: order " + VtIds.qualified(gatewayName, id) + " is unknown to " + gatewayName
                        + " today");
            }
            return;
        }
        if (!o.isActive()) {
            error("cancel failed: order " + VtIds.qualified(gatewayName, id) + " is already " + o.status
                    + " (traded " + o.traded + " of " + o.volume + ")");
            return;
        }
        books.get(o.instrument.vtSymbol()).remove(o);
        cancelRemainder(o);
    }

    private void cancelRemainder(SimOrder o) {
        releaseFrozen(o);
        o.status = Status.CANCELLED;
        emitUpdate(o);
    }

    private void releaseFrozen(SimOrder o) {
        if (o.frozenMargin != 0 || o.frozenCommission != 0) {
            frozenMargin -= o.frozenMargin;
            frozenCommission -= o.frozenCommission;
            o.frozenMargin = 0;
            o.frozenCommission = 0;
            accountDirty = true;
        }
        if (o.frozenYd != 0 || o.frozenTd != 0) {
            Position leg = leg(o.instrument, o.instrument.isStock() ? Direction.LONG : opposite(o.direction));
            leg.ydFrozen -= o.frozenYd;
            leg.tdFrozen -= o.frozenTd;
            o.frozenYd = 0;
            o.frozenTd = 0;
            dirtyPositions.add(o.instrument.vtSymbol());
        }
        if (frozenMargin < 1e-6 && frozenMargin > -1e-6) {
            frozenMargin = 0;
        }
        if (frozenCommission < 1e-6 && frozenCommission > -1e-6) {
            frozenCommission = 0;
        }
    }

    private void emitUpdate(SimOrder o) {
        out.emit(new JournalRecord.OrderUpdate(o.orderId, o.traded, o.status, clock.now()));
        out.emit(o.toData(gatewayName));
        if (!o.isActive() && reported) {
            retire(o);
        }
    }

    /** A finished order leaves the working set; its final status stays for late cancels. */
    private void retire(SimOrder o) {
        orders.remove(o.orderId);
        finished.put(o.orderId, o.status);
    }

    public int activeOrderCount() {
        int n = 0;
        for (SimOrder o : orders.values()) {
            if (o.isActive()) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- positions and account

    private Position leg(Instrument inst, Direction direction) {
        Position[] legs = positions.computeIfAbsent(inst.vtSymbol(), k -> new Position[2]);
        int i = direction == Direction.LONG ? 0 : 1;
        if (legs[i] == null) {
            legs[i] = new Position(inst, direction);
        }
        return legs[i];
    }

    private boolean hasPosition(String vtSymbol) {
        Position[] legs = positions.get(vtSymbol);
        return legs != null && ((legs[0] != null && legs[0].volume() > 0) || (legs[1] != null && legs[1].volume() > 0));
    }

    private static Direction opposite(Direction d) {
        return d == Direction.LONG ? Direction.SHORT : Direction.LONG;
    }

    private double lastPrice(Instrument inst) {
        return markets.get(inst.vtSymbol()).lastPrice();
    }

    /** Margin held by positions. */
    public double margin() {
        double sum = 0;
        for (Position[] legs : positions.values()) {
            for (Position leg : legs) {
                if (leg != null && leg.volume() > 0) {
                    sum += leg.margin();
                }
            }
        }
        return sum;
    }

    /** Floating PnL of all positions marked to the last price. */
    public double positionPnl() {
        double sum = 0;
        for (Position[] legs : positions.values()) {
            for (Position leg : legs) {
                if (leg != null && leg.volume() > 0) {
                    sum += leg.pnl(lastPrice(leg.instrument));
                }
            }
        }
        return sum;
    }

    /** Balance (dynamic equity): money after realized PnL and commission, plus floating PnL. */
    public double balance() {
        return staticBalance + positionPnl();
    }

    /** Margin frozen by pending opening orders (without their commission). */
    double frozenMarginForTest() {
        return frozenMargin;
    }

    public double frozen() {
        return frozenMargin + frozenCommission;
    }

    public double available() {
        return balance() - margin() - frozen();
    }

    public double commissionToday() {
        return commissionToday;
    }

    public AccountData account() {
        double balance = balance();
        double frozen = frozen();
        return new AccountData(gatewayName, gatewayName, round2(balance), round2(frozen),
                round2(balance - margin() - frozen));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Both legs' positions of a contract ({@code [long, short]}, either may be null). */
    public List<io.jtrader.core.model.PositionData> positions(String vtSymbol) {
        Position[] legs = positions.get(vtSymbol);
        List<io.jtrader.core.model.PositionData> list = new ArrayList<>(2);
        if (legs != null) {
            for (Position leg : legs) {
                if (leg != null) {
                    list.add(leg.toData(gatewayName, lastPrice(leg.instrument)));
                }
            }
        }
        return list;
    }

    /** Reports the positions and the account changed since the last call. */
    public void publishChanges() {
        if (!dirtyPositions.isEmpty()) {
            for (String vt : dirtyPositions) {
                positions(vt).forEach(out::emit);
            }
            dirtyPositions.clear();
        }
        if (accountDirty) {
            accountDirty = false;
            out.emit(account());
        }
    }

    /** Reports every position and the account (the gateway does this every few seconds). */
    public void publishAll() {
        for (String vt : positions.keySet()) {
            positions(vt).forEach(out::emit);
        }
        dirtyPositions.clear();
        accountDirty = false;
        out.emit(account());
    }

    // ---------------------------------------------------------------- logs

    private void error(String msg) {
        out.emit(LogData.of(gatewayName, LogData.ERROR, msg));
    }

    private void warn(String msg) {
        out.emit(LogData.of(gatewayName, LogData.WARNING, msg));
    }
}
