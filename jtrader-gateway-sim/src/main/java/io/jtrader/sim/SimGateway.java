package io.jtrader.sim;

import io.jtrader.core.gateway.Gateway;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.BarData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.VtIds;
import io.jtrader.sim.exchange.HistoryGenerator;
import io.jtrader.sim.exchange.InstrumentCatalog;
import io.jtrader.sim.exchange.Journal;
import io.jtrader.sim.exchange.JournalCodec;
import io.jtrader.sim.exchange.JournalRecord;
import io.jtrader.sim.exchange.SimClock;
import io.jtrader.sim.exchange.SimExchange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated exchange gateway ({@code SIM}): a stand-in for a CTP futures broker that needs no account.
 * On connect it pushes its contracts and, from its journal, today's orders, trades, positions and account (as
 * CTP does after a re-login); then it ticks subscribed contracts, matches orders with CTP semantics and reports
 * every change. See {@link SimExchange} for the rules and {@link SimSettings} for the settings.
 *
 * <p>Threads: {@code sim-<name>-exchange} runs the exchange; {@code sim-<name>-journal} (journal on) makes
 * output durable before it reaches the listener. All {@link Gateway} methods are safe from any thread and return
 * at once; order and trade ids are {@code <session>_<n>} and {@code T<session>_<n>} (no '.').
 */
public final class SimGateway implements Gateway {
    private static final List<Exchange> EXCHANGES = List.of(Exchange.SHFE, Exchange.INE, Exchange.DCE,
            Exchange.CZCE, Exchange.CFFEX, Exchange.SSE, Exchange.SZSE);

    private final String name;
    private final GatewayListener listener;
    private final Path homeDir;
    private final SimClock clock;
    private final AtomicLong orderSeq = new AtomicLong();
    private final AtomicLong offlineSeq = new AtomicLong();

    private volatile Running running;

    private record Running(long sessionId, ExchangeAgent agent, Thread exchangeThread, JournalWriter journalWriter,
            Thread journalThread, Journal journal, HistoryGenerator history) {
    }

    public SimGateway(GatewayContext context) {
        this(context, SimClock.system());
    }

    /** A gateway on the given clock (tests). */
    public SimGateway(GatewayContext context, SimClock clock) {
        this.name = context.gatewayName();
        this.listener = context.listener();
        this.homeDir = context.homeDir();
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> defaultSettings() {
        return SimSettings.defaults();
    }

    @Override
    public List<Exchange> exchanges() {
        return EXCHANGES;
    }

    /** Where this gateway's journal lives: {@code <home>/sim/<gateway name>/}. */
    public Path journalDir() {
        return homeDir.resolve("sim").resolve(name);
    }

    /**
     * Validates the settings, restores the journal and starts the exchange.
     *
     * @throws GatewayException for invalid settings, an unreadable instrument file, or a journal that cannot be
     *                          opened (e.g. held by another process)
     */
    @Override
    public synchronized void connect(GatewaySettings settings) {
        if (running != null) {
            listener.writeLog(name, LogData.WARNING, name + " is already connected; connect ignored");
            return;
        }
        SimSettings s = SimSettings.from(settings, homeDir);
        LocalDate today = clock.now().toLocalDate();
        InstrumentCatalog catalog = InstrumentCatalog.defaults(today);
        if (s.instrumentFile() != null) {
            try {
                catalog = catalog.plus(InstrumentCatalog.readJson(s.instrumentFile()));
            } catch (IllegalArgumentException e) {
                throw new GatewayException("SIM setting '" + SimSettings.INSTRUMENT_FILE + "': " + e.getMessage(), e);
            }
        }
        OutputBuffer output = new OutputBuffer();
        SimExchange exchange = new SimExchange(name, catalog, s.randomSeed(), s.initialCapital(), clock, output);
        Journal journal = null;
        long sessionId;
        try {
            if (s.journal()) {
                journal = Journal.open(journalDir(), name);
                if (journal.warning() != null) {
                    output.emit(LogData.of(name, LogData.WARNING, journal.warning()));
                }
                exchange.restore(journal.records());
                sessionId = Math.max(exchange.lastSessionId() + 1, System.currentTimeMillis());
                if (exchange.restoredDay() == null) {
                    append(journal, List.of(exchange.snapshot(0), new JournalRecord.Session(sessionId, today)));
                } else if (exchange.restoredDay().isBefore(today)) {
                    exchange.rollOver();
                    journal.rewrite(List.of(exchange.snapshot(exchange.lastSessionId()),
                            new JournalRecord.Session(sessionId, today)));
                    output.emit(LogData.of(name, LogData.INFO, name + " journal rolled over to trading day " + today
                            + ": positions carried as yesterday's, balance " + exchange.account().balance()));
                } else {
                    append(journal, List.of(new JournalRecord.Session(sessionId, today)));
                }
            } else {
                sessionId = System.currentTimeMillis();
            }
        } catch (IOException e) {
            closeQuietly(journal, e);
            throw new GatewayException(name + " cannot use its journal in " + journalDir() + ": " + e.getMessage(), e);
        }
        exchange.start(sessionId);
        exchange.reportAll();
        output.emit(LogData.of(name, LogData.INFO, name + " connected: " + catalog.all().size() + " contracts, session "
                + sessionId + (journal == null ? ", journal off" : ", journal " + journal.file() + " ("
                + journal.records().size() + " records restored)")));

        JournalWriter writer = journal == null ? null : new JournalWriter(name, journal, listener);
        Thread journalThread = null;
        if (writer != null) {
            journalThread = new Thread(writer, "sim-" + name + "-journal");
            journalThread.setDaemon(true);
            journalThread.start();
        }
        ExchangeAgent agent = new ExchangeAgent(name, exchange, clock, listener, writer, output,
                s.orderAckLatencyMs(), s.tickIntervalMs());
        Thread exchangeThread = new Thread(agent, "sim-" + name + "-exchange");
        exchangeThread.setDaemon(true);
        running = new Running(sessionId, agent, exchangeThread, writer, journalThread, journal,
                new HistoryGenerator(name, catalog, s.randomSeed(), clock));
        exchangeThread.start();
    }

    private static void append(Journal journal, List<JournalRecord> records) throws IOException {
        JournalCodec codec = new JournalCodec();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        for (JournalRecord r : records) {
            buf = codec.encode(r, buf);
        }
        buf.flip();
        journal.append(buf);
        journal.force();
    }

    private static void closeQuietly(Journal journal, Exception cause) {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The session part of this connection's ids, or -1 when not connected. */
    public long sessionId() {
        Running r = running;
        return r == null ? -1 : r.sessionId();
    }

    @Override
    public void subscribe(SubscribeRequest request) {
        Running r = running;
        if (r == null) {
            listener.writeLog(name, LogData.ERROR, "subscribe " + request.vtSymbol() + " failed: " + name + " is not connected");
            return;
        }
        r.agent().offer(new ExchangeAgent.Subscribe(request));
    }

    @Override
    public String sendOrder(OrderRequest request) {
        Running r = running;
        String refusal = r == null ? name + " is not connected"
                : r.journalWriter() != null && r.journalWriter().failure() != null
                ? "the journal failed (" + r.journalWriter().failure() + ")" : null;
        if (refusal != null) {
            String orderId = "0_" + offlineSeq.incrementAndGet();
            OrderData rejected = request.createOrderData(orderId, name, clock.now()).withProgress(0, Status.REJECTED);
            listener.onOrder(rejected);
            listener.writeLog(name, LogData.ERROR, "order " + orderId + " " + request.vtSymbol() + " rejected: " + refusal);
            return VtIds.qualified(name, orderId);
        }
        String orderId = r.sessionId() + "_" + orderSeq.incrementAndGet();
        r.agent().offer(new ExchangeAgent.Send(orderId, request));
        return VtIds.qualified(name, orderId);
    }

    @Override
    public void cancelOrder(CancelRequest request) {
        Running r = running;
        if (r == null) {
            listener.writeLog(name, LogData.ERROR, "cancel of " + request.orderId() + " failed: " + name + " is not connected");
            return;
        }
        r.agent().offer(new ExchangeAgent.Cancel(request));
    }

    @Override
    public void queryAccount() {
        Running r = running;
        if (r != null) {
            r.agent().offer(new ExchangeAgent.PublishAll());
        }
    }

    @Override
    public void queryPosition() {
        queryAccount();
    }

    @Override
    public List<BarData> queryHistory(HistoryRequest request) {
        Running r = running;
        if (r == null) {
            throw new GatewayException("query_history failed: " + name + " is not connected");
        }
        return r.history().query(request);
    }

    /** Stops the exchange (reporting what it already did), commits the journal and releases it. Idempotent. */
    @Override
    public synchronized void close() {
        Running r = running;
        if (r == null) {
            return;
        }
        running = null;
        r.agent().stop();
        join(r.exchangeThread());
        if (r.journalWriter() != null) {
            r.journalWriter().stop();
            join(r.journalThread());
            try {
                r.journal().close();
            } catch (IOException e) {
                listener.writeLog(name, LogData.ERROR, "closing journal " + r.journal().file() + " failed: " + e);
            }
        }
        listener.writeLog(name, name + " disconnected");
    }

    private void join(Thread t) {
        try {
            t.join(10_000);
            if (t.isAlive()) {
                listener.writeLog(name, LogData.ERROR, "thread " + t.getName() + " did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.writeLog(name, LogData.WARNING, "interrupted while waiting for " + t.getName() + " to stop");
        }
    }
}
