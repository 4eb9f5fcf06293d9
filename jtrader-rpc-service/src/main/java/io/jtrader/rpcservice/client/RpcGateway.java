package io.jtrader.rpcservice.client;

import io.jtrader.core.event.Event;
import io.jtrader.core.gateway.Gateway;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.BarData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TradeData;
import io.jtrader.core.model.VtIds;
import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.RpcException;
import io.jtrader.rpc.RpcRemoteException;
import io.jtrader.rpc.RpcTimeoutException;
import io.jtrader.rpc.ServerLivenessListener;
import io.jtrader.rpc.pickle.PickleCodecConfig;
import io.jtrader.rpc.pickle.PyTuple;
import io.jtrader.rpc.security.CurveKeys;
import io.jtrader.rpcservice.vnpy.KeyedOrderRequest;
import io.jtrader.rpcservice.vnpy.Reliability;
import io.jtrader.rpcservice.vnpy.VnpyEvent;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * vn.py's {@code RpcGateway}: a gateway whose "broker" is an RPC server (a jtrader server or a vn.py RpcEngine).
 * To the rest of the client it is one more gateway: its contracts, ticks, orders, trades, positions and accounts
 * carry this gateway's name (default {@code RPC}) and ids ({@code RPC.1_5}); several instances with different
 * names may connect to different servers.
 *
 * <h2>Connect</h2>
 * Settings: {@code 主动请求地址} (request address, default {@code tcp://127.0.0.1:2014}) and {@code 推送订阅地址}
 * (publish address, default {@code tcp://127.0.0.1:4102}); the English aliases {@code rep_address} and
 * {@code pub_address} are accepted and win when given. {@link #connect} returns at once; on the gateway's own
 * thread it then
 * <ol>
 * <li>opens the SUB socket first and buffers what is pushed, waiting briefly for the subscription to be in place
 * (the first heartbeat or event, at most {@link Context#subscribeWaitMs()});</li>
 * <li>queries contracts, accounts, positions, orders and trades and reports them as its own;</li>
 * <li>replays the buffered pushes, then relays pushes as they arrive — so an update pushed while the snapshot
 * was taken is never lost nor overwritten by the older snapshot (W9).</li>
 * </ol>
 * {@link #synced()} completes when that is done. When the server falls silent (no heartbeat for three of its
 * intervals) an {@code eLog} says so; when it is heard again another {@code eLog} says so and the snapshot is taken
 * again in the same way.
 *
 * <h2>Never lose, never duplicate (docs/protocol.md, "Reliability extensions")</h2>
 * Against a jtrader server every event carries the server session and its number. The gateway checks them on
 * every event and, every {@link Context#sequenceCheckMs()}, asks the server for its last number (tail loss). A gap
 * is reported ({@link #EVENT_SEQUENCE_GAP} with a {@link SequenceGap}, an {@code eLog}, {@link #reliabilityCounters()})
 * and repaired: later events wait while the missing ones are replayed from the server's ring, in order; when the
 * ring no longer holds them, the state is re-queried instead. A new session (server restarted) re-queries the
 * state; so does a server heard again after silence, and a failed re-query is retried with backoff (100 ms doubling
 * to 5 s). A re-query emits only what changed (no duplicate trades, no unchanged orders). {@link #sendOrder} puts an
 * idempotency key in the request and, after a timeout, retries with the same key: the server returns the original
 * vt_orderid and places nothing twice. Against a vn.py server (no numbers, no extra functions) none of this
 * reports anything, and orders are not retried (vn.py would place them twice).
 *
 * <h2>Relaying</h2>
 * See {@link EventRelay}: each update arrives once, with this gateway's name and ids; server logs keep their
 * source; other apps' events pass unchanged.
 *
 * <h2>Commands</h2>
 * {@code subscribe}, {@code sendOrder}, {@code cancelOrder} and {@code queryHistory} are sent with the server
 * gateway that trades the symbol (known from contracts, also pushed ones: W11). {@code sendOrder} waits for the
 * server's answer and returns {@code "SIM.x"} re-labelled {@code "RPC.x"} ({@code ""} passes through; the split
 * is at the first dot, W13); subscribe and cancel do not wait and report a failure as an {@code eLog}.
 *
 * <p>Threading: every method is safe from any thread. The {@code rpc-client} thread delivers pushes and check
 * answers (relayed under a lock shared with the snapshot); the {@code rpc-gateway-NAME} thread takes snapshots,
 * replays gaps and runs the periodic check. Listener callbacks
 * come from those two threads, never at the same time.
 */
public final class RpcGateway implements Gateway {
    public static final String DEFAULT_NAME = "RPC";
    /** vn.py's setting key of the server's request (REP) address. */
    public static final String REQ_ADDRESS_KEY = "主动请求地址";
    /** vn.py's setting key of the server's publish (PUB) address. */
    public static final String SUB_ADDRESS_KEY = "推送订阅地址";
    public static final String REQ_ADDRESS_ALIAS = "rep_address";
    public static final String SUB_ADDRESS_ALIAS = "pub_address";
    public static final String REQ_ADDRESS_DEFAULT = "tcp://127.0.0.1:2014";
    public static final String SUB_ADDRESS_DEFAULT = "tcp://127.0.0.1:4102";
    /** Setting: the server's CurveZMQ public key (Z85, or a path to its public certificate); absent = plain TCP. */
    public static final String SERVER_KEY_KEY = "server_public_key";
    /** Setting: this client's secret certificate file (from {@code jtrader keys}); required with the server key. */
    public static final String CLIENT_KEY_FILE_KEY = "client_key_file";

    /** Client-local event type (never sent anywhere) whose data is a {@link SequenceGap}. */
    public static final String EVENT_SEQUENCE_GAP = "eRpcSequenceGap";

    private static final Logger LOG = LoggerFactory.getLogger(RpcGateway.class);
    private static final int MAX_BUFFERED_PUSHES = 1_000_000;
    private static final long RESYNC_BACKOFF_MIN_MS = 100;
    private static final long RESYNC_BACKOFF_MAX_MS = 5_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final GatewayListener listener;
    private final Context context;
    private final EventRelay relay;
    private final ScheduledExecutorService syncThread;

    private final Object pushLock = new Object();
    /**
     * Non-null while a snapshot is taken or a gap repaired: pushes wait here as {type, data, sequence or null}.
     * Guarded by pushLock.
     */
    private List<Object[]> buffered;
    private long bufferOverflow;
    private volatile boolean firstPushSeen;
    /** Guarded by pushLock. */
    private final SequenceTracker tracker = new SequenceTracker();
    /** Gaps waiting for repair, {from, to, kind ordinal}; guarded by pushLock. */
    private final List<long[]> pendingGaps = new ArrayList<>();
    private boolean repairScheduled;
    private ScheduledFuture<?> scheduledResync;
    private int resyncFailures;
    /** The server numbers its events (a jtrader server); then orders may be retried with their key. */
    private volatile boolean jtraderServer;
    /** The server has no jtrader extensions (vn.py): no checks, no keys, no retries. */
    private volatile boolean vnpyServer;
    private final AtomicBoolean checkInFlight = new AtomicBoolean();
    private final String keyPrefix;
    private final AtomicLong nextKey = new AtomicLong();
    private final AtomicLong gapsDetected = new AtomicLong();
    private final AtomicLong eventsMissed = new AtomicLong();
    private final AtomicLong gapsReplayed = new AtomicLong();
    private final AtomicLong eventsReplayed = new AtomicLong();
    private final AtomicLong gapsResynced = new AtomicLong();
    private final AtomicLong newSessions = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong sequenceDuplicates = new AtomicLong();
    private final AtomicLong orderRetries = new AtomicLong();

    private final Object lifecycle = new Object();
    private volatile RpcClient client;
    private volatile boolean closed;
    private volatile CompletableFuture<Void> synced = new CompletableFuture<>();
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();

    public RpcGateway(GatewayContext gatewayContext, Context context) {
        this.name = gatewayContext.gatewayName();
        this.listener = gatewayContext.listener();
        this.context = Objects.requireNonNull(context, "context").conclude();
        this.relay = new EventRelay(name, listener);
        this.syncThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rpc-gateway-" + name);
            t.setDaemon(true);
            return t;
        });
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        this.keyPrefix = name.replaceAll("[^!-~]", "_") + "-" + HexFormat.of().formatHex(random) + "-";
    }

    /** What the gateway did to never lose and never duplicate. Any thread. */
    public ReliabilityCounters reliabilityCounters() {
        long suppressed;
        synchronized (pushLock) {
            suppressed = relay.unchangedSuppressed();
        }
        return new ReliabilityCounters(gapsDetected.get(), eventsMissed.get(), gapsReplayed.get(),
                eventsReplayed.get(), gapsResynced.get(), newSessions.get(), resyncs.get(), sequenceDuplicates.get(),
                suppressed, orderRetries.get());
    }

    /** True once the server is known to number its events (a jtrader server). */
    public boolean serverNumbersEvents() {
        return jtraderServer;
    }

    /** True once the server is known to lack jtrader's extensions (a vn.py server). */
    public boolean serverIsVnpy() {
        return vnpyServer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> defaultSettings() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(REQ_ADDRESS_KEY, REQ_ADDRESS_DEFAULT);
        defaults.put(SUB_ADDRESS_KEY, SUB_ADDRESS_DEFAULT);
        return Collections.unmodifiableMap(defaults);
    }

    @Override
    public List<Exchange> exchanges() {
        return Arrays.asList(Exchange.values());
    }

    /** The request address in {@code settings} (alias first, then vn.py's key, then the default). */
    public static String reqAddressOf(GatewaySettings settings) {
        return address(settings, REQ_ADDRESS_ALIAS, REQ_ADDRESS_KEY, REQ_ADDRESS_DEFAULT);
    }

    /** The publish address in {@code settings} (alias first, then vn.py's key, then the default). */
    public static String subAddressOf(GatewaySettings settings) {
        return address(settings, SUB_ADDRESS_ALIAS, SUB_ADDRESS_KEY, SUB_ADDRESS_DEFAULT);
    }

    private static String address(GatewaySettings settings, String alias, String key, String defaultValue) {
        String value = settings.contains(alias) ? settings.getString(alias)
                : settings.contains(key) ? settings.getString(key) : defaultValue;
        if (value.isBlank() || !value.contains("://")) {
            throw new GatewayException("RPC setting '" + (settings.contains(alias) ? alias : key)
                    + "' must be an address such as " + defaultValue + ", got '" + value + "'");
        }
        return value.trim();
    }

    /**
     * The CurveZMQ settings in {@code settings} applied to {@code context}: {@value #SERVER_KEY_KEY} (Z85 or a public
     * certificate file) and {@value #CLIENT_KEY_FILE_KEY}; nothing when neither is set.
     *
     * @throws GatewayException naming the setting when only one is set or a key cannot be read
     */
    public static RpcClient.Context applyCurve(GatewaySettings settings, RpcClient.Context context) {
        boolean hasServer = settings.contains(SERVER_KEY_KEY) && !settings.getString(SERVER_KEY_KEY).isBlank();
        boolean hasClient = settings.contains(CLIENT_KEY_FILE_KEY) && !settings.getString(CLIENT_KEY_FILE_KEY).isBlank();
        if (!hasServer && !hasClient) {
            return context;
        }
        if (!hasServer || !hasClient) {
            throw new GatewayException("RPC settings '" + SERVER_KEY_KEY + "' and '" + CLIENT_KEY_FILE_KEY
                    + "' go together (CurveZMQ needs both), got only '" + (hasServer ? SERVER_KEY_KEY : CLIENT_KEY_FILE_KEY) + "'");
        }
        try {
            String server = settings.getString(SERVER_KEY_KEY).trim();
            String serverKey = looksLikeZ85Key(server) ? server
                    : CurveKeys.read(Path.of(server)).publicKey();
            CurveKeys mine = CurveKeys.readSecret(
                    Path.of(settings.getString(CLIENT_KEY_FILE_KEY).trim()));
            return context.curve(CurveKeys.requireKey(SERVER_KEY_KEY, serverKey), mine);
        } catch (RpcException e) {
            throw new GatewayException("RPC CurveZMQ settings: " + e.getMessage(), e);
        }
    }

    /** Z85's alphabet: '/' is one of its characters, so a key can look like a path. */
    private static final Pattern Z85_KEY =
            Pattern.compile("[0-9a-zA-Z.\\-:+=^!/*?&<>()\\[\\]{}@%$#]{40}");

    /** A 40-character Z85 text that is not the name of an existing file is a key, anything else a certificate file. */
    static boolean looksLikeZ85Key(String value) {
        if (!Z85_KEY.matcher(value).matches()) {
            return false;
        }
        try {
            return !Files.exists(Path.of(value));
        } catch (InvalidPathException e) {
            return true;   // not a path on this system (e.g. '<' on Windows): the key itself
        }
    }

    /**
     * Connects to the server and starts the first snapshot (see the class comment); returns at once.
     *
     * @throws GatewayException when already connected or an address is malformed
     */
    @Override
    public void connect(GatewaySettings settings) {
        String req = reqAddressOf(settings);
        String sub = subAddressOf(settings);
        synchronized (lifecycle) {
            if (closed) {
                throw new GatewayException(name + " is closed; create a new gateway to connect again");
            }
            if (client != null) {
                throw new GatewayException(name + " is already connected to " + client.context().reqEndpoint());
            }
            synchronized (pushLock) {
                buffered = new ArrayList<>();
            }
            RpcClient c;
            try {
                c = new RpcClient(applyCurve(settings, new RpcClient.Context()
                        .reqEndpoint(req)
                        .subEndpoint(sub)
                        .codec(context.codec())
                        .callTimeoutMs(context.callTimeoutMs())
                        .heartbeatToleranceMs(context.heartbeatToleranceMs())
                        .subReceiveHwm(context.subReceiveHwm())
                        .maxInboundFrameBytes(context.maxReplyBytes())));
            } catch (RpcException e) {
                throw new GatewayException(name + " cannot connect to " + req + " / " + sub + ": " + e.getMessage(), e);
            }
            c.subscribeAll(this::onPush);
            c.addLivenessListener(new Liveness());
            client = c;
        }
        writeLog("服务器连接成功，开始初始化查询 (" + req + " / " + sub + ")", LogData.INFO);
        synchronized (pushLock) {
            requestResync(0);
        }
        syncThread.scheduleWithFixedDelay(this::checkSequence, context.sequenceCheckMs(), context.sequenceCheckMs(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Completes when the first snapshot has been reported to the listener and relaying is live; fails when it
     * failed. With a main engine the snapshot's events are then queued on its event engine ahead of anything put
     * later: the OMS holds them once those are dispatched (a handler that waits for an event put after this
     * completes sees them).
     */
    public CompletableFuture<Void> synced() {
        return synced;
    }

    /** True once connected and not closed (the server may still be unreachable: see the eLog). */
    public boolean isConnected() {
        return client != null && !closed;
    }

    /** The server gateway requests for {@code vtSymbol} go to ({@code ""} when unknown). */
    public String serverGatewayOf(String vtSymbol) {
        return relay.serverGatewayOf(vtSymbol);
    }

    /** Server events relayed as this gateway's (snapshot items not included). */
    public long relayedEvents() {
        return relayed.get();
    }

    /** The server's specific-type duplicates dropped. */
    public long duplicatesDropped() {
        return duplicatesDropped.get();
    }

    @Override
    public void subscribe(SubscribeRequest request) {
        String serverGateway = relay.serverGatewayOf(request.vtSymbol());
        CompletableFuture<Void> snapshot = synced;
        if (serverGateway.isEmpty() && !snapshot.isDone()) {
            // Contracts (and so each symbol's server gateway) arrive with the snapshot: a subscription made
            // before it would reach the server with no gateway name and be dropped there.
            snapshot.whenComplete((ok, failure) -> subscribe(request));
            return;
        }
        fireAndReport("subscribe " + request.vtSymbol(), requireClient().callAsync("subscribe", request, serverGateway));
    }

    /**
     * Sends the order to the server and waits for its id.
     *
     * @return {@code NAME.localId} (the server's {@code SIM.localId} re-labelled), or {@code ""} when the server
     *         refused it without an id (unknown gateway)
     * @throws GatewayException when the call failed (timeout, server error): the order may or may not exist on the
     *                          server; its update, if any, still arrives as an event
     */
    @Override
    public String sendOrder(OrderRequest request) {
        String serverGateway = relay.serverGatewayOf(request.vtSymbol());
        boolean keyed = !vnpyServer;
        String key = keyed ? keyPrefix + nextKey.incrementAndGet() : null;
        Object payload = keyed ? new KeyedOrderRequest(request, key) : request;
        Object result;
        int attempt = 0;
        while (true) {
            try {
                result = requireClient().call(Duration.ofMillis(context.callTimeoutMs()), "send_order", payload,
                        serverGateway);
                break;
            } catch (RpcTimeoutException e) {
                if (keyed && jtraderServer && attempt < context.orderRetries() && !closed) {
                    attempt++;
                    orderRetries.incrementAndGet();
                    writeLog("send_order " + request.vtSymbol() + " got no answer within " + context.callTimeoutMs()
                            + " ms; retrying with the same idempotency key " + key + " (attempt " + (attempt + 1)
                            + " of " + (context.orderRetries() + 1) + "; the server places it at most once)",
                            LogData.WARNING);
                    continue;
                }
                throw new GatewayException(name + " send_order " + request.vtSymbol() + " via server gateway '"
                        + serverGateway + "' failed: " + e.getMessage() + (key == null ? ""
                        : " (idempotency key " + key + ", " + (attempt + 1) + " attempts; the order may have been"
                        + " placed: check the orders)"), e);
            } catch (RpcException e) {
                throw new GatewayException(name + " send_order " + request.vtSymbol() + " via server gateway '"
                        + serverGateway + "' failed: " + e.getMessage(), e);
            }
        }
        if (!(result instanceof String serverOrderId)) {
            throw new GatewayException(name + " send_order: the server answered " + result
                    + " instead of a vt_orderid string");
        }
        return toLocalOrderId(name, serverOrderId);
    }

    /** {@code "SIM.1_5"} → {@code "RPC.1_5"} (split at the first dot); {@code ""} stays {@code ""}. */
    static String toLocalOrderId(String gatewayName, String serverVtOrderId) {
        if (serverVtOrderId.isEmpty()) {
            return "";
        }
        return VtIds.qualified(gatewayName, VtIds.localIdOf(serverVtOrderId));
    }

    @Override
    public void cancelOrder(CancelRequest request) {
        String serverGateway = relay.serverGatewayOf(request.vtSymbol());
        fireAndReport("cancel_order " + request.orderId(), requireClient().callAsync("cancel_order", request,
                serverGateway));
    }

    @Override
    public void queryAccount() {
        RpcClient c = client;
        if (c != null) {
            c.callAsync("get_all_accounts").whenComplete((r, e) -> {
                if (e != null) {
                    writeLog("资金查询失败 get_all_accounts failed: " + e.getMessage(), LogData.WARNING);
                } else {
                    emitList(r, AccountData.class, relay::onServerAccount);
                }
            });
        }
    }

    @Override
    public void queryPosition() {
        RpcClient c = client;
        if (c != null) {
            c.callAsync("get_all_positions").whenComplete((r, e) -> {
                if (e != null) {
                    writeLog("持仓查询失败 get_all_positions failed: " + e.getMessage(), LogData.WARNING);
                } else {
                    emitList(r, PositionData.class, relay::onServerPosition);
                }
            });
        }
    }

    @Override
    public List<BarData> queryHistory(HistoryRequest request) {
        String serverGateway = relay.serverGatewayOf(request.vtSymbol());
        Object result;
        try {
            result = requireClient().call(Duration.ofMillis(context.historyTimeoutMs()), "query_history", request,
                    serverGateway);
        } catch (RpcException e) {
            throw new GatewayException(name + " query_history " + request.vtSymbol() + " failed: " + e.getMessage(), e);
        }
        if (result == null) {
            return List.of();   // vn.py <= 3.9 answered None for an unknown gateway
        }
        if (!(result instanceof List<?> items)) {
            throw new GatewayException(name + " query_history: the server answered " + result + " instead of a list");
        }
        List<BarData> bars = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof BarData bar) {
                bars.add(bar.withGatewayName(name));
            } else {
                throw new GatewayException(name + " query_history: the server's list holds " + item + ", not BarData");
            }
        }
        return bars;
    }

    /** Closes the connection promptly (no 30 s wait, W12). Idempotent. */
    @Override
    public void close() {
        RpcClient c;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            c = client;
            client = null;
        }
        syncThread.shutdownNow();
        if (c != null) {
            c.close();
        }
        synced.completeExceptionally(new GatewayException(name + " was closed"));
        try {
            if (!syncThread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{}: snapshot thread did not stop within 5 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // -------------------------------------------------------------------------------------------- pushes

    /** rpc-client thread. */
    private void onPush(String topic, Object data) {
        firstPushSeen = true;
        String type;
        Object payload;
        if (data instanceof VnpyEvent event) {
            type = event.type();
            payload = event.data();
        } else if (data instanceof Event event) {
            type = event.type();
            payload = event.data();
        } else {
            LOG.debug("{}: ignoring a publish on topic '{}' that is not an Event: {}", name, topic, data);
            return;
        }
        String session = null;
        long sequence = 0;
        if (data instanceof VnpyEvent event
                && event.extra().get(Reliability.SESSION_ATTRIBUTE) instanceof String s
                && event.extra().get(Reliability.SEQUENCE_ATTRIBUTE) instanceof Number n) {
            session = s;
            sequence = n.longValue();
        }
        synchronized (pushLock) {
            if (session != null) {
                jtraderServer = true;
                SequenceTracker.Verdict verdict = tracker.onEvent(session, sequence);
                if (verdict == SequenceTracker.Verdict.DUPLICATE) {
                    sequenceDuplicates.incrementAndGet();
                    return;
                } else if (verdict == SequenceTracker.Verdict.GAP) {
                    onGap(SequenceGap.Kind.GAP, session, tracker.gapFrom(), tracker.gapTo());
                } else if (verdict == SequenceTracker.Verdict.NEW_SESSION) {
                    onNewSession(session);
                }
            }
            if (buffered != null) {
                if (buffered.size() < MAX_BUFFERED_PUSHES) {
                    buffered.add(new Object[] {type, payload, session == null ? null : sequence});
                } else {
                    bufferOverflow++;
                }
                return;
            }
            relayOne(type, payload);
        }
    }

    // -------------------------------------------------------------------------------------- gaps and sessions

    /** Under pushLock: report the gap, hold later pushes, and have the sync thread replay it. */
    private void onGap(SequenceGap.Kind kind, String session, long from, long to) {
        gapsDetected.incrementAndGet();
        eventsMissed.addAndGet(to - from + 1);
        writeLog("RPC推送丢失 (events " + from + ".." + to + " of server session " + session + " are missing ("
                + kind + "); repairing)", LogData.WARNING);
        listener.onEvent(new Event(EVENT_SEQUENCE_GAP, new SequenceGap(name, kind, session, from, to)));
        pendingGaps.add(new long[] {from, to});
        if (buffered == null) {
            buffered = new ArrayList<>();
        }
        if (!repairScheduled && !closed) {
            repairScheduled = true;
            syncThread.execute(this::repairGaps);
        }
    }

    /** Under pushLock: the server restarted; what was missing of the old session is covered by a re-query. */
    private void onNewSession(String session) {
        newSessions.incrementAndGet();
        pendingGaps.clear();
        writeLog("RPC服务器会话变更 (the server restarted: new session " + session + "; re-querying all state)",
                LogData.WARNING);
        listener.onEvent(new Event(EVENT_SEQUENCE_GAP, new SequenceGap(name, SequenceGap.Kind.NEW_SESSION, session,
                0, 0)));
        requestResync(0);
    }

    /**
     * Under pushLock: re-query the state after {@code delayMs} (0 = now, replacing a later retry); pushes wait
     * meanwhile. Coalesces with a re-query not yet started.
     */
    private void requestResync(long delayMs) {
        if (closed) {
            return;
        }
        if (buffered == null) {
            buffered = new ArrayList<>();
        }
        ScheduledFuture<?> pending = scheduledResync;
        if (pending != null && !pending.isDone()) {
            if (delayMs == 0 && pending.getDelay(TimeUnit.MILLISECONDS) > 0) {
                pending.cancel(false);
            } else {
                return;
            }
        }
        scheduledResync = syncThread.schedule(this::takeSnapshot, delayMs, TimeUnit.MILLISECONDS);
    }

    /** rpc-gateway-NAME thread: replays pending gaps from the server's ring, else re-queries the state. */
    private void repairGaps() {
        while (!closed) {
            List<long[]> gaps;
            String session;
            synchronized (pushLock) {
                if (pendingGaps.isEmpty()) {
                    repairScheduled = false;
                    replayBuffered();
                    return;
                }
                gaps = new ArrayList<>(pendingGaps);
                pendingGaps.clear();
                session = tracker.session();
            }
            List<Object[]> recovered = fetchReplay(session, gaps);
            if (recovered == null) {
                gapsResynced.addAndGet(gaps.size());
                takeSnapshot();
                continue;
            }
            synchronized (pushLock) {
                if (buffered == null) {
                    buffered = new ArrayList<>();
                }
                buffered.addAll(recovered);
                buffered.sort(Comparator.comparingLong(p -> p[2] == null ? Long.MIN_VALUE : (Long) p[2]));
                gapsReplayed.addAndGet(gaps.size());
                eventsReplayed.addAndGet(recovered.size());
            }
            LOG.info("{}: replayed {} events of {} gaps from the server's ring", name, recovered.size(), gaps.size());
        }
        synchronized (pushLock) {
            repairScheduled = false;
        }
    }

    /** The missing events, in order, as {type, data, sequence}; null when the server cannot replay them all. */
    private List<Object[]> fetchReplay(String session, List<long[]> gaps) {
        RpcClient c = client;
        if (c == null || session == null) {
            return null;
        }
        List<Object[]> recovered = new ArrayList<>();
        try {
            for (long[] gap : gaps) {
                long from = gap[0];
                long to = gap[1];
                while (from <= to) {
                    Object reply = c.call(Duration.ofMillis(context.callTimeoutMs()), Reliability.REPLAY_FUNCTION,
                            session, from, Math.min(to - from + 1, Reliability.MAX_REPLAY_BATCH));
                    if (!(reply instanceof List<?> events) || events.isEmpty()) {
                        writeLog("RPC推送补发不可用 (the server cannot replay events " + from + ".." + to
                                + " any more; re-querying the state instead)", LogData.WARNING);
                        return null;
                    }
                    long next = from;
                    for (Object item : events) {
                        if (item instanceof VnpyEvent event
                                && event.extra().get(Reliability.SEQUENCE_ATTRIBUTE) instanceof Number n
                                && n.longValue() >= from && n.longValue() <= to) {
                            recovered.add(new Object[] {event.type(), event.data(), n.longValue()});
                            next = Math.max(next, n.longValue() + 1);
                        }
                    }
                    if (next == from) {
                        return null;
                    }
                    from = next;
                }
            }
        } catch (RpcException e) {
            writeLog("RPC推送补发失败 (replay of missing events failed: " + e.getMessage() + "; re-querying the state"
                    + " instead)", LogData.WARNING);
            return null;
        }
        return recovered;
    }

    /** rpc-gateway-NAME thread, every sequenceCheckMs: asks the server for its last number (tail loss, restarts). */
    private void checkSequence() {
        RpcClient c = client;
        if (c == null || closed || vnpyServer || !checkInFlight.compareAndSet(false, true)) {
            return;
        }
        c.callAsync(Duration.ofMillis(Math.max(1_000, 3 * context.sequenceCheckMs())),
                Reliability.LAST_SEQUENCE_FUNCTION, PyTuple.of(), Map.of()).whenComplete((reply, error) -> {
                    checkInFlight.set(false);
                    onSequenceCheck(reply, error);
                });
    }

    /** rpc-client thread (or the caller's, when the call failed at once). */
    private void onSequenceCheck(Object reply, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RpcRemoteException remote && remote.errorLine().startsWith("KeyError")) {
                if (!vnpyServer && !jtraderServer) {
                    vnpyServer = true;
                    writeLog("服务器不支持序号校验 (the server has no jtrader extensions, e.g. vn.py: no sequence"
                            + " checks, no order retries)", LogData.INFO);
                }
            } else {
                LOG.debug("{}: sequence check failed: {}", name, cause.toString());
            }
            return;
        }
        if (!(reply instanceof List<?> answer) || answer.size() != 2 || !(answer.get(0) instanceof String session)
                || !(answer.get(1) instanceof Number last)) {
            LOG.warn("{}: unexpected answer to {}: {}", name, Reliability.LAST_SEQUENCE_FUNCTION, reply);
            return;
        }
        synchronized (pushLock) {
            jtraderServer = true;
            SequenceTracker.Verdict verdict = tracker.onCheck(session, last.longValue());
            if (verdict == SequenceTracker.Verdict.GAP) {
                onGap(SequenceGap.Kind.TAIL, session, tracker.gapFrom(), tracker.gapTo());
            } else if (verdict == SequenceTracker.Verdict.NEW_SESSION) {
                onNewSession(session);
            }
        }
    }

    /** Under pushLock. */
    private void relayOne(String type, Object payload) {
        try {
            EventRelay.Outcome outcome = relay.relay(type, payload);
            if (outcome == EventRelay.Outcome.DUPLICATE_DROPPED) {
                duplicatesDropped.incrementAndGet();
            } else if (outcome != EventRelay.Outcome.TIMER_DROPPED) {
                relayed.incrementAndGet();
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: server event '{}' could not be relayed and was skipped: {}", name, type, e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------ snapshot

    /** rpc-gateway-NAME thread. */
    private void takeSnapshot() {
        RpcClient c = client;
        if (c == null || closed) {
            return;
        }
        synchronized (pushLock) {
            scheduledResync = null;     // a request from now on schedules another re-query
            if (buffered == null) {
                buffered = new ArrayList<>();
            }
        }
        awaitSubscription(c);
        Throwable failure = null;
        try {
            emitList(call(c, "get_all_contracts"), ContractData.class, relay::onServerContract);
            writeLog("合约信息查询成功", LogData.INFO);
            emitList(call(c, "get_all_accounts"), AccountData.class, relay::onServerAccount);
            writeLog("资金信息查询成功", LogData.INFO);
            emitList(call(c, "get_all_positions"), PositionData.class, relay::onServerPosition);
            writeLog("持仓信息查询成功", LogData.INFO);
            emitList(call(c, "get_all_orders"), OrderData.class, relay::onServerOrder);
            writeLog("委托信息查询成功", LogData.INFO);
            emitList(call(c, "get_all_trades"), TradeData.class, relay::onServerTrade);
            writeLog("成交信息查询成功", LogData.INFO);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            replayBuffered();
        }
        if (failure != null && !closed) {
            long delayMs = Math.min(RESYNC_BACKOFF_MAX_MS, RESYNC_BACKOFF_MIN_MS << Math.min(resyncFailures, 6));
            resyncFailures++;
            writeLog("初始化查询失败 (snapshot failed: " + failure.getMessage() + "; retrying in " + delayMs + " ms)",
                    LogData.ERROR);
            synchronized (pushLock) {
                requestResync(delayMs);
            }
        } else if (failure == null) {
            resyncFailures = 0;
            resyncs.incrementAndGet();
        }
        CompletableFuture<Void> current = synced;
        if (failure == null) {
            if (!current.complete(null)) {
                synced = CompletableFuture.completedFuture(null);
            }
        } else if (!current.isDone()) {
            current.completeExceptionally(failure);
        }
    }

    private void awaitSubscription(RpcClient c) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.subscribeWaitMs());
        while (!c.heartbeatSeen() && !firstPushSeen && System.nanoTime() - deadline < 0 && !closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private Object call(RpcClient c, String function) {
        return c.call(Duration.ofMillis(context.callTimeoutMs()), function);
    }

    /** Relays what waited and goes live, unless gaps still wait for repair (the repair then does this). */
    private void replayBuffered() {
        synchronized (pushLock) {
            if (!pendingGaps.isEmpty()) {
                return;
            }
            List<Object[]> pending = buffered;
            buffered = null;
            if (pending != null) {
                for (Object[] push : pending) {
                    relayOne((String) push[0], push[1]);
                }
            }
            if (bufferOverflow > 0) {
                writeLog(bufferOverflow + " pushes arrived while the snapshot was taken beyond the buffer of "
                        + MAX_BUFFERED_PUSHES + " and were lost", LogData.ERROR);
                bufferOverflow = 0;
            }
        }
    }

    private <T> void emitList(Object result, Class<T> type, Consumer<T> sink) {
        if (!(result instanceof List<?> items)) {
            throw new GatewayException(name + ": expected a list of " + type.getSimpleName() + " from the server, got "
                    + result);
        }
        synchronized (pushLock) {
            relay.snapshotMode(true);
            try {
                for (Object item : items) {
                    if (type.isInstance(item)) {
                        sink.accept(type.cast(item));
                    } else {
                        LOG.warn("{}: skipping a snapshot item that is not {}: {}", name, type.getSimpleName(), item);
                    }
                }
            } finally {
                relay.snapshotMode(false);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ internals

    private RpcClient requireClient() {
        RpcClient c = client;
        if (c == null) {
            throw new GatewayException(name + " is not connected" + (closed ? " (closed)" : "; connect first"));
        }
        return c;
    }

    private void fireAndReport(String what, CompletableFuture<Object> call) {
        call.whenComplete((r, e) -> {
            if (e != null && !closed) {
                writeLog(what + " failed: " + e.getMessage(), LogData.WARNING);
            }
        });
    }

    private void writeLog(String msg, int level) {
        listener.onLog(LogData.of(name, level, msg));
    }

    /** rpc-client thread. */
    private final class Liveness implements ServerLivenessListener {
        @Override
        public void onServerLost(Duration silence) {
            writeLog("RPC服务器连接中断 (server lost: nothing received for " + silence.toMillis() + " ms)",
                    LogData.WARNING);
        }

        @Override
        public void onServerRestored() {
            writeLog("RPC服务器连接恢复，重新查询 (server restored: taking a new snapshot)", LogData.INFO);
            synchronized (pushLock) {
                requestResync(0);
            }
        }
    }

    /** Settings of an {@link RpcGateway} beyond its connect settings, validated by {@link #conclude()}. */
    public static final class Context {
        private long callTimeoutMs = RpcClient.Context.CALL_TIMEOUT_MS_DEFAULT;
        private long historyTimeoutMs = 120_000;
        private long heartbeatToleranceMs = RpcClient.Context.HEARTBEAT_TOLERANCE_MS_DEFAULT;
        private long subscribeWaitMs = 2_000;
        private long sequenceCheckMs = 1_000;
        private int orderRetries = 2;
        private int subReceiveHwm = RpcClient.Context.SUB_RECEIVE_HWM_DEFAULT;
        private int maxReplyBytes = MAX_REPLY_BYTES_DEFAULT;
        private FrameCodec codec;

        /** A busy day's snapshot (hundreds of thousands of orders, ~450 bytes each) must fit. */
        public static final int MAX_REPLY_BYTES_DEFAULT = 256 * 1024 * 1024;

        /** Refuses a setting outside {@code min..max} (no upper bound: {@code Long.MAX_VALUE}), naming it. */
        private static void range(String key, long value, long min, long max) {
            if (value < min || value > max) {
                throw new GatewayException("RPC " + key + " must be " + (max == Long.MAX_VALUE ? ">= " + min : min + ".." + max)
                        + ", got " + value);
            }
        }

        public Context conclude() {
            range("callTimeoutMs", callTimeoutMs, 1, 3_600_000);
            range("historyTimeoutMs", historyTimeoutMs, 1, 3_600_000);
            range("heartbeatToleranceMs", heartbeatToleranceMs, 10, 300_000);
            range("subscribeWaitMs", subscribeWaitMs, 0, 60_000);
            range("sequenceCheckMs", sequenceCheckMs, 10, 60_000);
            range("subReceiveHwm", subReceiveHwm, 1, Long.MAX_VALUE);
            range("orderRetries", orderRetries, 0, 10);
            range("maxReplyBytes", maxReplyBytes, 1024, Long.MAX_VALUE);
            if (codec == null) {
                codec = VnpyTypes.codec(PickleCodecConfig.defaults().withMaxFrameBytes(maxReplyBytes)
                        .withMaxMemoEntries(1 << 25).withMaxCollectionSize(1 << 22));
            }
            return this;
        }

        /** Largest reply or publish frame accepted (ZeroMQ drops the connection above it); default 256 MiB. */
        public int maxReplyBytes() {
            return maxReplyBytes;
        }

        public Context maxReplyBytes(int maxReplyBytes) {
            this.maxReplyBytes = maxReplyBytes;
            return this;
        }

        /** Timeout of each call except history; default 30 s (vn.py's). */
        public long callTimeoutMs() {
            return callTimeoutMs;
        }

        public Context callTimeoutMs(long callTimeoutMs) {
            this.callTimeoutMs = callTimeoutMs;
            return this;
        }

        /** Timeout of {@code query_history}; default 120 s. */
        public long historyTimeoutMs() {
            return historyTimeoutMs;
        }

        public Context historyTimeoutMs(long historyTimeoutMs) {
            this.historyTimeoutMs = historyTimeoutMs;
            return this;
        }

        /** Longest silence before the server counts as lost (shorter when its heartbeats are faster); default 30 s. */
        public long heartbeatToleranceMs() {
            return heartbeatToleranceMs;
        }

        public Context heartbeatToleranceMs(long heartbeatToleranceMs) {
            this.heartbeatToleranceMs = heartbeatToleranceMs;
            return this;
        }

        /** How long a snapshot waits for the subscription to be in place (first heartbeat or event); default 2 s. */
        public long subscribeWaitMs() {
            return subscribeWaitMs;
        }

        public Context subscribeWaitMs(long subscribeWaitMs) {
            this.subscribeWaitMs = subscribeWaitMs;
            return this;
        }

        /** Events buffered on the SUB socket before ZeroMQ drops newer ones (a gap, then repaired); default 100,000. */
        public int subReceiveHwm() {
            return subReceiveHwm;
        }

        public Context subReceiveHwm(int subReceiveHwm) {
            this.subReceiveHwm = subReceiveHwm;
            return this;
        }

        /** How often the server's last event number is checked (tail loss, restarts); default 1000 ms. */
        public long sequenceCheckMs() {
            return sequenceCheckMs;
        }

        public Context sequenceCheckMs(long sequenceCheckMs) {
            this.sequenceCheckMs = sequenceCheckMs;
            return this;
        }

        /**
         * How often a timed-out {@code send_order} is sent again with the same idempotency key (jtrader servers only;
         * the server places it at most once); default 2.
         */
        public int orderRetries() {
            return orderRetries;
        }

        public Context orderRetries(int orderRetries) {
            this.orderRetries = orderRetries;
            return this;
        }

        public FrameCodec codec() {
            return codec;
        }

        public Context codec(FrameCodec codec) {
            this.codec = codec;
            return this;
        }
    }
}
