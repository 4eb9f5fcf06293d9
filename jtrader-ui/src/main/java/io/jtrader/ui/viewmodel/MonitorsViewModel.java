package io.jtrader.ui.viewmodel;

import io.jtrader.core.event.EndOfBatchHandler;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventHandler;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.core.oms.OmsEngine;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The state behind the monitors of the main window (vn.py's {@code TickMonitor}, {@code OrderMonitor},
 * {@code ActiveOrderMonitor}, {@code TradeMonitor}, {@code PositionMonitor}, {@code AccountMonitor},
 * {@code LogMonitor}) and the contracts the search dialog lists.
 *
 * <h2>Coalescing</h2>
 * Event handlers (on {@code event-engine}) keep only the latest record per key until the end of the engine's batch;
 * then one apply is handed to the UI executor unless one is already queued. A burst of 1,000 ticks of one symbol
 * therefore costs one row update, and the UI thread runs at most one apply per pulse however many batches the engine
 * dispatches. Rows are replaced in place, never the whole list.
 *
 * <p>Threading: {@link #onEvent}, {@link #onEndOfBatch} and {@link #loadSnapshot} from any thread (normally
 * {@code event-engine}); everything else on the UI thread.
 */
public final class MonitorsViewModel implements EventHandler, EndOfBatchHandler, AutoCloseable {
    /** Log rows kept; older lines are dropped from the table (they are still in the log file). */
    public static final int MAX_LOG_ROWS = 5_000;

    private static final List<String> EVENT_TYPES = List.of(EventType.TICK, EventType.ORDER, EventType.TRADE,
            EventType.POSITION, EventType.ACCOUNT, EventType.CONTRACT, EventType.LOG);

    private final Executor uiExecutor;
    private final LongSupplier nanoClock;
    private EventEngine registeredOn;

    // ---- pending, guarded by lock (event-engine thread writes, UI thread swaps)
    private final Object lock = new Object();
    private Map<String, TickData> pendingTicks = new LinkedHashMap<>();
    private Map<String, OrderData> pendingOrders = new LinkedHashMap<>();
    private Map<String, PositionData> pendingPositions = new LinkedHashMap<>();
    private Map<String, AccountData> pendingAccounts = new LinkedHashMap<>();
    private Map<String, ContractData> pendingContracts = new LinkedHashMap<>();
    private List<TradeData> pendingTrades = new ArrayList<>();
    private List<LogData> pendingLogs = new ArrayList<>();
    private List<Object> pendingSnapshot = new ArrayList<>();
    private int pendingUpdates;
    private long pendingSinceNanos;
    private final AtomicBoolean applyQueued = new AtomicBoolean();

    // ---- UI thread state
    private final KeyedRows<TickData> ticks = new KeyedRows<>(TickData::vtSymbol);
    private final KeyedRows<OrderData> orders = new KeyedRows<>(OrderData::vtOrderId);
    private final KeyedRows<OrderData> activeOrders = new KeyedRows<>(OrderData::vtOrderId);
    private final KeyedRows<TradeData> trades = new KeyedRows<>(TradeData::vtTradeId);
    private final KeyedRows<PositionData> positions = new KeyedRows<>(PositionData::vtPositionId);
    private final KeyedRows<AccountData> accounts = new KeyedRows<>(AccountData::vtAccountId);
    private final KeyedRows<ContractData> contracts = new KeyedRows<>(ContractData::vtSymbol);
    private final ObservableList<LogData> logs = FXCollections.observableArrayList();
    private final ObjectProperty<TickData> selectedTick = new SimpleObjectProperty<>(this, "selectedTick");
    private final List<Consumer<TickData>> tickWatchers = new CopyOnWriteArrayList<>();
    private volatile ApplyObserver applyObserver = ApplyObserver.NONE;

    public MonitorsViewModel(Executor uiExecutor) {
        this(uiExecutor, System::nanoTime);
    }

    public MonitorsViewModel(Executor uiExecutor, LongSupplier nanoClock) {
        this.uiExecutor = Objects.requireNonNull(uiExecutor, "uiExecutor");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Registers this view model's handlers on {@code eventEngine} (tick, order, trade, ... log, end of batch). */
    public MonitorsViewModel attach(EventEngine eventEngine) {
        if (registeredOn != null) {
            throw new IllegalStateException("monitors are already attached to an event engine");
        }
        registeredOn = eventEngine;
        EVENT_TYPES.forEach(type -> eventEngine.register(type, this));
        eventEngine.registerEndOfBatch(this);
        return this;
    }

    /** Unregisters from the event engine; the rows stay as they are. */
    @Override
    public void close() {
        EventEngine engine = registeredOn;
        if (engine != null) {
            EVENT_TYPES.forEach(type -> engine.unregister(type, this));
            engine.unregisterEndOfBatch(this);
            registeredOn = null;
        }
    }

    public void applyObserver(ApplyObserver observer) {
        this.applyObserver = observer == null ? ApplyObserver.NONE : observer;
    }

    // ------------------------------------------------------------------------------------ event-engine side

    /**
     * Records what the OMS holds now (for a window opened on a running engine). Attach first: a record is taken
     * from the snapshot only when no event has updated its row, so a newer event always wins.
     */
    public void loadSnapshot(OmsEngine oms) {
        List<Object> records = new ArrayList<>();
        records.addAll(oms.getAllContracts());
        records.addAll(oms.getAllTicks());
        records.addAll(oms.getAllOrders());
        records.addAll(oms.getAllTrades());
        records.addAll(oms.getAllPositions());
        records.addAll(oms.getAllAccounts());
        synchronized (lock) {
            markPending(records.size());
            pendingSnapshot.addAll(records);
        }
        scheduleApply();
    }

    @Override
    public void onEvent(Event event) {
        Object data = event.data();
        synchronized (lock) {
            if (data instanceof TickData t) {
                pendingTicks.put(t.vtSymbol(), t);
            } else if (data instanceof OrderData o) {
                pendingOrders.put(o.vtOrderId(), o);
            } else if (data instanceof TradeData t) {
                pendingTrades.add(t);
            } else if (data instanceof PositionData p) {
                pendingPositions.put(p.vtPositionId(), p);
            } else if (data instanceof AccountData a) {
                pendingAccounts.put(a.vtAccountId(), a);
            } else if (data instanceof ContractData c) {
                pendingContracts.put(c.vtSymbol(), c);
            } else if (data instanceof LogData l) {
                pendingLogs.add(l);
            } else {
                return;
            }
            markPending(1);
        }
    }

    @Override
    public void onEndOfBatch(int batchSize) {
        scheduleApply();
    }

    private void markPending(int updates) {
        if (pendingUpdates == 0) {
            pendingSinceNanos = nanoClock.getAsLong();
        }
        pendingUpdates += updates;
    }

    private void scheduleApply() {
        synchronized (lock) {
            if (pendingUpdates == 0) {
                return;
            }
        }
        if (applyQueued.compareAndSet(false, true)) {
            uiExecutor.execute(this::applyPending);
        }
    }

    // ------------------------------------------------------------------------------------ UI thread side

    private void applyPending() {
        applyQueued.set(false);
        Map<String, TickData> newTicks;
        Map<String, OrderData> newOrders;
        Map<String, PositionData> newPositions;
        Map<String, AccountData> newAccounts;
        Map<String, ContractData> newContracts;
        List<TradeData> newTrades;
        List<LogData> newLogs;
        List<Object> snapshot;
        int updates;
        long since;
        synchronized (lock) {
            if (pendingUpdates == 0) {
                return;
            }
            newTicks = pendingTicks;
            newOrders = pendingOrders;
            newPositions = pendingPositions;
            newAccounts = pendingAccounts;
            newContracts = pendingContracts;
            newTrades = pendingTrades;
            newLogs = pendingLogs;
            snapshot = pendingSnapshot;
            updates = pendingUpdates;
            since = pendingSinceNanos;
            pendingTicks = new LinkedHashMap<>();
            pendingOrders = new LinkedHashMap<>();
            pendingPositions = new LinkedHashMap<>();
            pendingAccounts = new LinkedHashMap<>();
            pendingContracts = new LinkedHashMap<>();
            pendingTrades = new ArrayList<>();
            pendingLogs = new ArrayList<>();
            pendingSnapshot = new ArrayList<>();
            pendingUpdates = 0;
        }
        long start = nanoClock.getAsLong();
        snapshot.forEach(this::applySnapshotRecord);
        newContracts.values().forEach(contracts::upsert);
        newTicks.values().forEach(this::applyTick);
        newOrders.values().forEach(this::applyOrder);
        newTrades.forEach(trades::addIfAbsent);
        newPositions.values().forEach(positions::upsert);
        newAccounts.values().forEach(accounts::upsert);
        appendLogs(newLogs);
        long end = nanoClock.getAsLong();
        applyObserver.onApplied(updates, end - since, end - start);
    }

    private void applySnapshotRecord(Object record) {
        if (record instanceof ContractData c) {
            contracts.addIfAbsent(c);
        } else if (record instanceof TickData t) {
            if (!ticks.contains(t.vtSymbol())) {
                applyTick(t);
            }
        } else if (record instanceof OrderData o) {
            if (!orders.contains(o.vtOrderId())) {
                applyOrder(o);
            }
        } else if (record instanceof TradeData t) {
            trades.addIfAbsent(t);
        } else if (record instanceof PositionData p) {
            positions.addIfAbsent(p);
        } else if (record instanceof AccountData a) {
            accounts.addIfAbsent(a);
        }
    }

    private void applyTick(TickData tick) {
        ticks.upsert(tick);
        TickData selected = selectedTick.get();
        if (selected != null && selected.vtSymbol().equals(tick.vtSymbol())) {
            selectedTick.set(tick);
        }
        for (Consumer<TickData> watcher : tickWatchers) {
            watcher.accept(tick);
        }
    }

    private void applyOrder(OrderData order) {
        orders.upsert(order);
        if (order.isActive()) {
            activeOrders.upsert(order);
        } else {
            activeOrders.remove(order.vtOrderId());
        }
    }

    private void appendLogs(List<LogData> newLogs) {
        if (newLogs.isEmpty()) {
            return;
        }
        List<LogData> kept = newLogs.size() > MAX_LOG_ROWS
                ? newLogs.subList(newLogs.size() - MAX_LOG_ROWS, newLogs.size()) : newLogs;
        int overflow = logs.size() + kept.size() - MAX_LOG_ROWS;
        if (overflow > 0) {
            logs.remove(0, overflow);
        }
        logs.addAll(kept);
    }

    // ------------------------------------------------------------------------------------ UI thread API

    public ObservableList<TickData> ticks() {
        return ticks.rows();
    }

    public ObservableList<OrderData> orders() {
        return orders.rows();
    }

    public ObservableList<OrderData> activeOrders() {
        return activeOrders.rows();
    }

    public ObservableList<TradeData> trades() {
        return trades.rows();
    }

    public ObservableList<PositionData> positions() {
        return positions.rows();
    }

    public ObservableList<AccountData> accounts() {
        return accounts.rows();
    }

    public ObservableList<ContractData> contracts() {
        return contracts.rows();
    }

    public ObservableList<LogData> logs() {
        return logs;
    }

    public Optional<ContractData> contract(String vtSymbol) {
        return contracts.get(vtSymbol);
    }

    public Optional<TickData> tick(String vtSymbol) {
        return ticks.get(vtSymbol);
    }

    /** The tick whose five depth levels the depth panel shows; follows that symbol's updates. */
    public ObjectProperty<TickData> selectedTickProperty() {
        return selectedTick;
    }

    /** Called on the UI thread with every tick applied (the trading panel shows its symbol's tick). */
    public void addTickWatcher(Consumer<TickData> watcher) {
        tickWatchers.add(Objects.requireNonNull(watcher, "watcher"));
    }

    /** The price as text with as many decimals as the contract's pricetick has (2 when the contract is unknown). */
    public String formatPrice(String vtSymbol, double price) {
        return PriceFormat.format(price, contracts.get(vtSymbol).map(ContractData::pricetick).orElse(0.0));
    }
}
