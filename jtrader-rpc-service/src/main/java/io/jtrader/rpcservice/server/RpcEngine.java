package io.jtrader.rpcservice.server;

import io.jtrader.core.app.App;
import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventHandler;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.oms.OmsEngine;
import io.jtrader.core.settings.SettingsException;
import io.jtrader.core.settings.SettingsFiles;
import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcCall;
import io.jtrader.rpc.RpcCallException;
import io.jtrader.rpc.RpcException;
import io.jtrader.rpc.RpcServer;
import io.jtrader.rpc.pickle.PickleCodecConfig;
import io.jtrader.rpcservice.vnpy.KeyedOrderRequest;
import io.jtrader.rpcservice.vnpy.Reliability;
import io.jtrader.rpcservice.vnpy.VnpyEvent;
import io.jtrader.rpc.RpcFunction;
import io.jtrader.rpc.security.CurveKeys;
import io.jtrader.rpcservice.server.security.AuditLog;
import io.jtrader.rpcservice.server.security.ClientAllowList;
import io.jtrader.rpcservice.server.security.RiskManager;
import io.jtrader.rpcservice.server.security.RiskSettings;
import io.jtrader.rpcservice.server.security.ServiceGuard;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * vn.py's {@code RpcEngine}: serves one main engine's gateways and state to any number of RPC clients (vn.py's
 * {@code RpcGateway}, jtrader's {@link io.jtrader.rpcservice.client.RpcGateway}, any vn.py {@code RpcClient}).
 *
 * <ul>
 * <li>Functions: the 17 of vn.py's RpcEngine with its argument shapes and results ({@link #FUNCTIONS}):
 * {@code send_order(req, gateway_name)} returns {@code "SIM.<id>"}, or {@code ""} with an {@code eLog} for an
 * unknown gateway; {@code get_*} return the object or None; {@code get_all_*} a list. Wrong argument counts or
 * types are answered {@code [False, "...TypeError: ..."]}.</li>
 * <li>Publishing: every event the main engine's event engine dispatches, except {@code eTimer}, is published as
 * {@code ["", Event]} in dispatch order. The event handler only queues the event; it is pickled and sent on the
 * {@code rpc-server} thread (unlike vn.py, W19).</li>
 * <li>Lifecycle: {@link #start(String, String)}, {@link #stop()} and {@link #restart(String, String)} work any
 * number of times at run time (vn.py cannot restart, W15). Status and errors are {@code eRpcLog} events with
 * vn.py's texts ({@code RPC服务启动成功}, ...), which the main engine's log writer also sends to SLF4J.</li>
 * <li>Settings: {@code rpc_service_setting.json} ({@code rep_address}, {@code pub_address}; defaults
 * {@code tcp://127.0.0.1:2014} / {@code tcp://127.0.0.1:4102}), saved after each successful start as vn.py
 * does.</li>
 * <li>Reliability extensions (docs/protocol.md): every published event carries this service session's id and its
 * number ({@link Reliability#SESSION_ATTRIBUTE}, {@link Reliability#SEQUENCE_ATTRIBUTE}); the latest
 * {@link Context#replayRingCapacity()} events can be replayed ({@link Reliability#REPLAY_FUNCTION}) and the last
 * number read ({@link Reliability#LAST_SEQUENCE_FUNCTION}). A {@code send_order} whose OrderRequest carries an
 * idempotency key ({@link KeyedOrderRequest}) places its order once, also across restarts (journal
 * {@code rpc_order_keys.journal} in the home folder).</li>
 * <li>Security (DESIGN §6): an address that is not loopback is refused unless the engine was created with
 * {@link Context#allowInsecure(boolean)} (the CLI's {@code --insecure}); then a loud warning is logged.</li>
 * </ul>
 *
 * <p>Threading: {@code start}, {@code stop}, {@code restart} and the getters are safe from any thread
 * (lifecycle calls are serialised). Functions run on the server's {@code rpc-worker-N} threads and call the
 * main engine and the OMS, which are safe from any thread. The publishing handler runs on {@code event-engine}.
 */
public final class RpcEngine implements App {
    /** vn.py's {@code app_name}. */
    public static final String APP_NAME = "RpcService";
    /** The {@code gateway_name} of this engine's log events (vn.py's). */
    public static final String LOG_SOURCE = "RpcService";
    public static final String REP_ADDRESS_KEY = "rep_address";
    public static final String PUB_ADDRESS_KEY = "pub_address";
    public static final String REP_ADDRESS_DEFAULT = "tcp://127.0.0.1:2014";
    public static final String PUB_ADDRESS_DEFAULT = "tcp://127.0.0.1:4102";

    /** The functions served, in vn.py's registration order. */
    public static final List<String> FUNCTIONS = List.of("subscribe", "send_order", "cancel_order", "query_history",
            "get_tick", "get_order", "get_trade", "get_position", "get_account", "get_contract", "get_all_ticks",
            "get_all_orders", "get_all_trades", "get_all_positions", "get_all_accounts", "get_all_contracts",
            "get_all_active_orders");

    private static final Logger LOG = LoggerFactory.getLogger(RpcEngine.class);

    private final MainEngine mainEngine;
    private final OmsEngine oms;
    private final Context context;
    private final EventHandler publisher = this::publish;
    private final Object lifecycle = new Object();
    private volatile RpcServer server;
    /** The numbering of the running server's session; set before {@link #server}. */
    private volatile PublishSequence sequence;
    /** Opened at the first keyed order; guarded by {@code orderKeysLock}. */
    private OrderKeyJournal orderKeys;
    private final Object orderKeysLock = new Object();
    private volatile String repAddress;
    private volatile String pubAddress;
    private final ServiceGuard guard;

    /**
     * An engine on {@code mainEngine}, stopped; reads {@code rpc_service_setting.json} for the addresses.
     *
     * @throws RpcServiceException naming the file when the settings file is not valid
     */
    public RpcEngine(MainEngine mainEngine, Context context) {
        this.mainEngine = Objects.requireNonNull(mainEngine, "mainEngine");
        this.oms = mainEngine.oms();
        this.context = Objects.requireNonNull(context, "context").conclude();
        Map<String, String> saved = loadSettings();
        this.repAddress = saved.get(REP_ADDRESS_KEY);
        this.pubAddress = saved.get(PUB_ADDRESS_KEY);
        RiskSettings risk = this.context.riskSettings() != null ? this.context.riskSettings()
                : RiskSettings.load(mainEngine.settings());
        AuditLog audit = this.context.auditLog() ? new AuditLog(this.context.auditLogFile() != null
                ? this.context.auditLogFile() : mainEngine.settings().path(AuditLog.FILE_NAME), this.context.auditFsync())
                : null;
        this.guard = new ServiceGuard(mainEngine, new RiskManager(risk, () -> oms.getAllActiveOrders().size(),
                Clock.systemDefaultZone()), audit);
        this.guard.placedOrders(key -> orderKeys().placedOrderFor(key));
        if (risk.hasLimits()) {
            LOG.info("risk limits: {}", risk.toMap());
        }
        mainEngine.eventEngine().registerGeneral(publisher);
    }

    @Override
    public String appName() {
        return APP_NAME;
    }

    /** The request address from the settings or the last start (as configured, e.g. with port 0). */
    public String repAddress() {
        return repAddress;
    }

    public String pubAddress() {
        return pubAddress;
    }

    public boolean isActive() {
        return server != null;
    }

    /** The bound request endpoint with its real port. @throws IllegalStateException when stopped */
    public String boundRepEndpoint() {
        return runningServer().repEndpoint();
    }

    /** The bound publish endpoint with its real port. @throws IllegalStateException when stopped */
    public String boundPubEndpoint() {
        return runningServer().pubEndpoint();
    }

    /** What the RPC server has done since this engine's last start (requests, replies, publishes, drops). */
    public RpcServer.Counters counters() {
        return runningServer().counters();
    }

    /** Role checks, risk limits, kill switch and audit log of this engine (they outlive restarts). */
    public ServiceGuard guard() {
        return guard;
    }

    /** Starts with the addresses from the settings file (or the defaults). */
    public void start() {
        start(repAddress, pubAddress);
    }

    /**
     * Binds both addresses and starts serving; saves them to {@code rpc_service_setting.json} (vn.py's
     * behaviour). Writes {@code RPC服务启动成功}, or {@code RPC服务启动失败：reason} and throws.
     *
     * @throws RpcServiceException when already running, an address is malformed or refused (non-loopback
     *                             without insecure mode), or cannot be bound (e.g. the port is in use)
     */
    public void start(String rep, String pub) {
        start(rep, pub, true);
    }

    /** Like {@link #start(String, String)}; {@code saveSettings} false keeps the settings file as it is. */
    public void start(String rep, String pub, boolean saveSettings) {
        synchronized (lifecycle) {
            if (server != null) {
                writeLog("RPC服务运行中", LogData.WARNING);
                throw new RpcServiceException("the RPC service is already running on " + server.repEndpoint()
                        + " / " + server.pubEndpoint() + "; stop it first");
            }
            RpcServer started;
            try {
                String checkedRep = checkAddress(REP_ADDRESS_KEY, rep);
                String checkedPub = checkAddress(PUB_ADDRESS_KEY, pub);
                PublishSequence newSequence = new PublishSequence(context.replayRingCapacity());
                started = newServer(checkedRep, checkedPub, newSequence);
                started.start();
                sequence = newSequence;
            } catch (RpcServiceException | RpcException | IllegalArgumentException e) {
                String reason = explain(e);
                writeLog("RPC服务启动失败：" + reason, LogData.ERROR);
                throw e instanceof RpcServiceException rse ? rse
                        : new RpcServiceException("cannot start the RPC service on " + rep + " / " + pub + ": " + reason, e);
            }
            server = started;
            repAddress = rep.trim();
            pubAddress = pub.trim();
            if (saveSettings) {
                saveSettings();
            }
            writeLog("RPC服务启动成功", LogData.INFO);
            LOG.info("RPC service serving on rep={} pub={} (publish session {})", started.repEndpoint(),
                    started.pubEndpoint(), sequence.session());
        }
    }

    /**
     * Stops serving and releases both ports (replies to calls already running are sent first).
     *
     * @return false (and {@code RPC服务未启动}) when it was not running
     */
    public boolean stop() {
        synchronized (lifecycle) {
            RpcServer running = server;
            if (running == null) {
                writeLog("RPC服务未启动", LogData.INFO);
                return false;
            }
            server = null;
            running.stop();
            writeLog("RPC服务已停止", LogData.INFO);
            return true;
        }
    }

    /** Stops (if running) and starts on the given addresses. */
    public void restart(String rep, String pub) {
        synchronized (lifecycle) {
            if (server != null) {
                stop();
            }
            start(rep, pub);
        }
    }

    /** Stops serving and stops publishing; closes the order key journal. Idempotent. */
    @Override
    public void close() {
        mainEngine.eventEngine().unregisterGeneral(publisher);
        synchronized (lifecycle) {
            RpcServer running = server;
            if (running != null) {
                server = null;
                running.stop();
                LOG.info("RPC service stopped (closed)");
            }
            if (guard.audit() != null) {
                guard.audit().close();
            }
        }
        synchronized (orderKeysLock) {
            if (orderKeys != null) {
                orderKeys.close();
                orderKeys = null;
            }
        }
    }

    /** The running service's publish session id (new at each start). @throws IllegalStateException when stopped */
    public String publishSession() {
        runningServer();
        return sequence.session();
    }

    /** The number of the last event published in the current session. @throws IllegalStateException when stopped */
    public long lastPublishedSequence() {
        runningServer();
        return sequence.lastSequence();
    }

    // --------------------------------------------------------------------------------------------- publishing

    /** event-engine thread: numbered, then pickled and sent here if the PUB socket is free, else queued for rpc-server. */
    private void publish(Event event) {
        if (EventType.TIMER.equals(event.type())) {
            return;
        }
        RpcServer current = server;
        PublishSequence numbering = sequence;
        if (current != null && numbering != null) {
            VnpyEvent numbered = numbering.number(event);   // numbered before queueing: a drop is a visible gap
            current.publish("", numbered);
        }
    }

    // ---------------------------------------------------------------------------------------------- functions

    private RpcServer newServer(String rep, String pub, PublishSequence numbering) {
        RpcServer.Context serverContext = new RpcServer.Context()
                .repEndpoint(rep)
                .pubEndpoint(pub)
                .codec(context.codec())
                .heartbeatIntervalMs(context.heartbeatIntervalMs())
                .pubSendHwm(context.pubSendHwm());
        if (context.workerPoolSize() > 0) {
            serverContext.workerPoolSize(context.workerPoolSize());
        }
        if (context.curveKeys() != null) {
            ClientAllowList allowList = new ClientAllowList(context.allowListFile() != null ? context.allowListFile()
                    : mainEngine.settings().path(ClientAllowList.FILE_NAME));
            serverContext.curve(context.curveKeys(), allowList);
            guard.allowList(allowList);
        } else {
            guard.allowList(null);
        }
        RpcServer s = new RpcServer(serverContext);
        register(s, "subscribe", this::subscribe);
        register(s, "send_order", this::sendOrder);
        register(s, "cancel_order", this::cancelOrder);
        register(s, "query_history", this::queryHistory);
        registerInline(s, "get_tick", c -> oms.getTick(key(c)));
        registerInline(s, "get_order", c -> oms.getOrder(key(c)));
        registerInline(s, "get_trade", c -> oms.getTrade(key(c)));
        registerInline(s, "get_position", c -> oms.getPosition(key(c)));
        registerInline(s, "get_account", c -> oms.getAccount(key(c)));
        registerInline(s, "get_contract", c -> oms.getContract(key(c)));
        register(s, "get_all_ticks", c -> none(c, oms.getAllTicks()));
        register(s, "get_all_orders", c -> none(c, oms.getAllOrders()));
        register(s, "get_all_trades", c -> none(c, oms.getAllTrades()));
        register(s, "get_all_positions", c -> none(c, oms.getAllPositions()));
        register(s, "get_all_accounts", c -> none(c, oms.getAllAccounts()));
        register(s, "get_all_contracts", c -> none(c, oms.getAllContracts()));
        register(s, "get_all_active_orders", this::getAllActiveOrders);
        register(s, ServiceGuard.KILL_SWITCH_FUNCTION, guard::killSwitch);
        register(s, Reliability.LAST_SEQUENCE_FUNCTION, c -> {
            c.expectArgs(0);
            return Arrays.asList(numbering.session(), numbering.lastSequence());
        });
        register(s, Reliability.REPLAY_FUNCTION, c -> replay(c, numbering));
        return s;
    }

    /** Every function goes through the guard: role check, then risk checks and audit for trading calls. */
    private void register(RpcServer s, String name, RpcFunction function) {
        s.register(name, guard.wrap(name, function));
    }

    /**
     * A single-key OMS lookup (a map read, no I/O, no lock held long): runs on the rpc-server thread when the caller's
     * connection is idle, saving two thread hand-offs per call. Trading functions stay on the pool (audit log I/O).
     */
    private void registerInline(RpcServer s, String name, RpcFunction function) {
        s.registerInline(name, guard.wrap(name, function));
    }

    private Object subscribe(RpcCall call) {
        call.expectArgs(2);
        mainEngine.subscribe(call.requiredArg(0, SubscribeRequest.class), call.arg(1, String.class));
        return null;
    }

    private Object sendOrder(RpcCall call) {
        call.expectArgs(2);
        Object request = call.args().get(0);
        String gatewayName = call.arg(1, String.class);
        if (request instanceof KeyedOrderRequest keyed) {
            if (keyed.idempotencyKey() == null) {
                return mainEngine.sendOrder(keyed.request(), gatewayName);
            }
            return orderKeys().placeOnce(keyed.idempotencyKey(), () -> mainEngine.sendOrder(keyed.request(), gatewayName));
        }
        return mainEngine.sendOrder(call.requiredArg(0, OrderRequest.class), gatewayName);
    }

    /** {@code jtrader_replay(session, from_seq, max_count)}: see {@link Reliability#REPLAY_FUNCTION}. */
    private static Object replay(RpcCall call, PublishSequence numbering) {
        call.expectArgs(3);
        String session = call.requiredArg(0, String.class);
        long from = call.requiredArg(1, Number.class).longValue();
        long max = call.requiredArg(2, Number.class).longValue();
        return numbering.replay(session, from, (int) Math.max(0, Math.min(max, Reliability.MAX_REPLAY_BATCH)));
    }

    private OrderKeyJournal orderKeys() {
        synchronized (orderKeysLock) {
            if (orderKeys == null) {
                try {
                    orderKeys = new OrderKeyJournal(mainEngine.settings().homeDir(), context.orderKeyWaitMs());
                } catch (RpcServiceException e) {
                    throw new RpcCallException("OSError", e.getMessage() + "; the order was not sent");
                }
            }
            return orderKeys;
        }
    }

    private Object cancelOrder(RpcCall call) {
        call.expectArgs(2);
        mainEngine.cancelOrder(call.requiredArg(0, CancelRequest.class), call.arg(1, String.class));
        return null;
    }

    private Object queryHistory(RpcCall call) {
        call.expectArgs(2);
        return mainEngine.queryHistory(call.requiredArg(0, HistoryRequest.class), call.arg(1, String.class));
    }

    /** vn.py ≤ 3.9 took an optional vt_symbol filter; 4.x takes none. Both are served. */
    private Object getAllActiveOrders(RpcCall call) {
        call.expectArgs(0, 1);
        List<OrderData> active = oms.getAllActiveOrders();
        String vtSymbol = call.argCount() == 1 ? call.arg(0, String.class) : null;
        if (vtSymbol == null || vtSymbol.isEmpty()) {
            return active;
        }
        return active.stream().filter(o -> o.vtSymbol().equals(vtSymbol)).toList();
    }

    private static String key(RpcCall call) {
        call.expectArgs(1);
        return call.arg(0, String.class);
    }

    private static Object none(RpcCall call, Object result) {
        call.expectArgs(0);
        return result;
    }

    // ---------------------------------------------------------------------------------------------- internals

    private String checkAddress(String key, String address) {
        String checked = ServiceAddresses.requireEndpoint(key, address);
        if (ServiceAddresses.isNonLoopback(checked) && context.curveKeys() == null) {
            if (!context.allowInsecure()) {
                throw new RpcServiceException("refusing to bind " + key + " " + checked + ": it is reachable from"
                        + " other machines; use CurveZMQ (server keys from 'jtrader keys' and an allow-list of client"
                        + " keys), bind 127.0.0.1 (use an SSH tunnel from other machines) or accept the risk with"
                        + " --insecure");
            }
            String warning = "INSECURE: " + key + " " + checked + " is reachable from other machines WITHOUT"
                    + " authentication or encryption: anyone who can connect can trade on this account";
            LOG.warn("!!!! {}", warning);
            writeLog(warning, LogData.WARNING);
        }
        return checked;
    }

    /** JeroMQ names EADDRINUSE only by its number: say it in words. */
    private static String explain(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.zeromq.ZMQException z && z.getErrorCode() == zmq.ZError.EADDRINUSE) {
                return e.getMessage().replace(z.getMessage(), "address already in use (is another server running?)");
            }
        }
        return e.getMessage();
    }

    private Map<String, String> loadSettings() {
        Map<String, Object> raw;
        try {
            raw = mainEngine.settings().load(SettingsFiles.RPC_SERVICE);
        } catch (SettingsException e) {
            throw new RpcServiceException(e.getMessage(), e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        result.put(REP_ADDRESS_KEY, stringSetting(raw, REP_ADDRESS_KEY, REP_ADDRESS_DEFAULT));
        result.put(PUB_ADDRESS_KEY, stringSetting(raw, PUB_ADDRESS_KEY, PUB_ADDRESS_DEFAULT));
        for (String key : raw.keySet()) {
            if (!result.containsKey(key)) {
                LOG.warn("{}: ignoring unknown key '{}' (known: {}, {})",
                        mainEngine.settings().path(SettingsFiles.RPC_SERVICE), key, REP_ADDRESS_KEY, PUB_ADDRESS_KEY);
            }
        }
        return result;
    }

    private String stringSetting(Map<String, Object> raw, String key, String defaultValue) {
        Object value = raw.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new RpcServiceException(mainEngine.settings().path(SettingsFiles.RPC_SERVICE) + ": '" + key
                    + "' must be an address string such as \"" + defaultValue + "\", got " + value);
        }
        try {
            return ServiceAddresses.requireEndpoint(key, s);
        } catch (RpcServiceException e) {
            throw new RpcServiceException(mainEngine.settings().path(SettingsFiles.RPC_SERVICE) + ": "
                    + e.getMessage(), e);
        }
    }

    private void saveSettings() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(REP_ADDRESS_KEY, repAddress);
        data.put(PUB_ADDRESS_KEY, pubAddress);
        try {
            mainEngine.settings().save(SettingsFiles.RPC_SERVICE, data);
        } catch (SettingsException e) {
            writeLog("RPC服务配置保存失败：" + e.getMessage(), LogData.WARNING);
        }
    }

    private RpcServer runningServer() {
        RpcServer current = server;
        if (current == null) {
            throw new IllegalStateException("the RPC service is not running");
        }
        return current;
    }

    private void writeLog(String msg, int level) {
        LogData log = new LogData(LOG_SOURCE, msg, level, LocalDateTime.now());
        if (!mainEngine.eventEngine().put(new Event(EventType.RPC_LOG, log))) {
            LOG.warn("[{}] {}", LOG_SOURCE, msg);
        }
    }

    /**
     * Settings of an {@link RpcEngine} beyond the settings file, validated by {@link #conclude()}.
     */
    public static final class Context {
        public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = RpcServer.Context.HEARTBEAT_INTERVAL_MS_DEFAULT;
        /**
         * Codec limits for replies: a busy day's {@code get_all_orders} (hundreds of thousands of orders, ~450 bytes
         * each) must fit. Requests are still refused above the RPC server's inbound limit (4 MiB) before decoding.
         */
        public static final PickleCodecConfig SNAPSHOT_LIMITS = PickleCodecConfig.defaults()
                .withMaxFrameBytes(256 * 1024 * 1024).withMaxMemoEntries(1 << 25).withMaxCollectionSize(1 << 22);

        private boolean allowInsecure;
        private long heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS_DEFAULT;
        private int workerPoolSize;
        private int replayRingCapacity = REPLAY_RING_CAPACITY_DEFAULT;
        private long orderKeyWaitMs = 30_000;
        private int pubSendHwm = RpcServer.Context.PUB_SEND_HWM_DEFAULT;
        private FrameCodec codec;
        private CurveKeys curveKeys;
        private Path allowListFile;
        private RiskSettings riskSettings;
        private boolean auditLog = true;
        private Path auditLogFile;
        private boolean auditFsync;

        /**
         * The server's CurveZMQ key pair (secret half required): both sockets then require CURVE and admit only the
         * client keys of {@link #allowListFile()}. Default null: no CURVE, loopback only unless insecure.
         */
        public CurveKeys curveKeys() {
            return curveKeys;
        }

        public Context curveKeys(CurveKeys serverKeys) {
            this.curveKeys = serverKeys;
            return this;
        }

        /** The client allow-list with roles; default {@code <home>/rpc_allow_list.json}. Used only with CURVE. */
        public Path allowListFile() {
            return allowListFile;
        }

        public Context allowListFile(Path file) {
            this.allowListFile = file;
            return this;
        }

        /** Risk limits; default null = read {@code <home>/risk_setting.json} (no file: no limits). */
        public RiskSettings riskSettings() {
            return riskSettings;
        }

        public Context riskSettings(RiskSettings settings) {
            this.riskSettings = settings;
            return this;
        }

        /** Whether trading requests are written to the audit log; default true. */
        public boolean auditLog() {
            return auditLog;
        }

        public Context auditLog(boolean enabled) {
            this.auditLog = enabled;
            return this;
        }

        /** The audit log file; default {@code <home>/rpc_audit.jsonl}. */
        public Path auditLogFile() {
            return auditLogFile;
        }

        public Context auditLogFile(Path file) {
            this.auditLogFile = file;
            return this;
        }

        /** Whether each audit line is forced to disk before the reply (slower; survives a power cut); default false. */
        public boolean auditFsync() {
            return auditFsync;
        }

        public Context auditFsync(boolean fsync) {
            this.auditFsync = fsync;
            return this;
        }

        /** Events kept for replay to clients that missed some; default 65,536 (0: none, clients re-query state). */
        public static final int REPLAY_RING_CAPACITY_DEFAULT = 65_536;

        /** Refuses a setting outside {@code min..max} (no upper bound: {@code Long.MAX_VALUE}), naming it. */
        private static void range(String key, long value, long min, long max) {
            if (value < min || value > max) {
                throw new RpcServiceException(key + " must be " + (max == Long.MAX_VALUE ? ">= " + min : min + ".." + max)
                        + ", got " + value);
            }
        }

        public Context conclude() {
            if (heartbeatIntervalMs < 1 || heartbeatIntervalMs > 10_000) {
                throw new RpcServiceException("heartbeatIntervalMs must be 1..10000 (vn.py clients expect a heartbeat"
                        + " within 10 s), got " + heartbeatIntervalMs);
            }
            if (workerPoolSize < 0 || workerPoolSize > 256) {
                throw new RpcServiceException("workerPoolSize must be 0 (default) or 1..256, got " + workerPoolSize);
            }
            range("replayRingCapacity", replayRingCapacity, 0, 10_000_000);
            range("pubSendHwm", pubSendHwm, 1, Long.MAX_VALUE);
            range("orderKeyWaitMs", orderKeyWaitMs, 1, 600_000);
            if (curveKeys != null && !curveKeys.hasSecret()) {
                throw new RpcServiceException("curveKeys must include the server's secret key (the .key_secret file),"
                        + " got only the public key " + curveKeys.publicKey());
            }
            if (codec == null) {
                codec = VnpyTypes.serverCodec(SNAPSHOT_LIMITS);
            }
            return this;
        }

        /** Published events kept for replay (see {@link #REPLAY_RING_CAPACITY_DEFAULT}). */
        public int replayRingCapacity() {
            return replayRingCapacity;
        }

        public Context replayRingCapacity(int replayRingCapacity) {
            this.replayRingCapacity = replayRingCapacity;
            return this;
        }

        /**
         * Slow-consumer policy: events queued per subscriber before ZeroMQ drops that subscriber's newer events (it
         * alone; its numbers then show the gap, which it repairs); default 100,000.
         */
        public int pubSendHwm() {
            return pubSendHwm;
        }

        public Context pubSendHwm(int pubSendHwm) {
            this.pubSendHwm = pubSendHwm;
            return this;
        }

        /** How long a request waits for a concurrent request with the same idempotency key; default 30 s. */
        public long orderKeyWaitMs() {
            return orderKeyWaitMs;
        }

        public Context orderKeyWaitMs(long orderKeyWaitMs) {
            this.orderKeyWaitMs = orderKeyWaitMs;
            return this;
        }

        /** Whether non-loopback addresses may be bound without authentication (CLI {@code --insecure}); default false. */
        public boolean allowInsecure() {
            return allowInsecure;
        }

        public Context allowInsecure(boolean allowInsecure) {
            this.allowInsecure = allowInsecure;
            return this;
        }

        /** Heartbeat period; default 1000 ms (vn.py sends every 10 s; shorter lets clients notice loss sooner). */
        public long heartbeatIntervalMs() {
            return heartbeatIntervalMs;
        }

        public Context heartbeatIntervalMs(long heartbeatIntervalMs) {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        /** Threads that run calls; 0 = the RPC server's default. */
        public int workerPoolSize() {
            return workerPoolSize;
        }

        public Context workerPoolSize(int workerPoolSize) {
            this.workerPoolSize = workerPoolSize;
            return this;
        }

        /**
         * The frame codec; default {@link VnpyTypes#serverCodec} with {@link #SNAPSHOT_LIMITS} (OrderRequests decode
         * with their idempotency key). With a codec that decodes plain OrderRequests, keys are not seen.
         */
        public FrameCodec codec() {
            return codec;
        }

        public Context codec(FrameCodec codec) {
            this.codec = codec;
            return this;
        }
    }
}
