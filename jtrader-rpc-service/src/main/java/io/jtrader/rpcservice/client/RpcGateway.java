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
import io.jtrader.rpc.ServerLivenessListener;
import io.jtrader.rpc.pickle.PickleCodecConfig;
import io.jtrader.rpcservice.vnpy.VnpyEvent;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

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
 * <p>Threading: every method is safe from any thread. The {@code rpc-client} thread delivers pushes (relayed
 * under a lock shared with the snapshot); the {@code rpc-gateway-NAME} thread takes snapshots. Listener callbacks
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

    private static final Logger LOG = LoggerFactory.getLogger(RpcGateway.class);
    private static final int MAX_BUFFERED_PUSHES = 1_000_000;

    private final String name;
    private final GatewayListener listener;
    private final Context context;
    private final EventRelay relay;
    private final ExecutorService syncThread;

    private final Object pushLock = new Object();
    /** Non-null while a snapshot is being taken: pushes wait here. Guarded by pushLock. */
    private List<Object[]> buffered;
    private long bufferOverflow;
    private volatile boolean firstPushSeen;

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
        this.syncThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rpc-gateway-" + name);
            t.setDaemon(true);
            return t;
        });
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
                c = new RpcClient(new RpcClient.Context()
                        .reqEndpoint(req)
                        .subEndpoint(sub)
                        .codec(context.codec())
                        .callTimeoutMs(context.callTimeoutMs())
                        .heartbeatToleranceMs(context.heartbeatToleranceMs())
                        .maxInboundFrameBytes(context.maxReplyBytes()));
            } catch (RpcException e) {
                throw new GatewayException(name + " cannot connect to " + req + " / " + sub + ": " + e.getMessage(), e);
            }
            c.subscribeAll(this::onPush);
            c.addLivenessListener(new Liveness());
            client = c;
        }
        writeLog("服务器连接成功，开始初始化查询 (" + req + " / " + sub + ")", LogData.INFO);
        syncThread.execute(this::takeSnapshot);
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
        Object result;
        try {
            result = requireClient().call(Duration.ofMillis(context.callTimeoutMs()), "send_order", request,
                    serverGateway);
        } catch (RpcException e) {
            throw new GatewayException(name + " send_order " + request.vtSymbol() + " via server gateway '"
                    + serverGateway + "' failed: " + e.getMessage(), e);
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
        synchronized (pushLock) {
            if (buffered != null) {
                if (buffered.size() < MAX_BUFFERED_PUSHES) {
                    buffered.add(new Object[] {type, payload});
                } else {
                    bufferOverflow++;
                }
                return;
            }
            relayOne(type, payload);
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
            if (!closed) {
                writeLog("初始化查询失败 (snapshot failed; will retry when the server is heard again): "
                        + e.getMessage(), LogData.ERROR);
            }
        } finally {
            replayBuffered();
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

    private void replayBuffered() {
        synchronized (pushLock) {
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
            for (Object item : items) {
                if (type.isInstance(item)) {
                    sink.accept(type.cast(item));
                } else {
                    LOG.warn("{}: skipping a snapshot item that is not {}: {}", name, type.getSimpleName(), item);
                }
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
            if (!closed) {
                synchronized (pushLock) {
                    if (buffered == null) {
                        buffered = new ArrayList<>();
                    }
                }
                syncThread.execute(RpcGateway.this::takeSnapshot);
            }
        }
    }

    /** Settings of an {@link RpcGateway} beyond its connect settings, validated by {@link #conclude()}. */
    public static final class Context {
        private long callTimeoutMs = RpcClient.Context.CALL_TIMEOUT_MS_DEFAULT;
        private long historyTimeoutMs = 120_000;
        private long heartbeatToleranceMs = RpcClient.Context.HEARTBEAT_TOLERANCE_MS_DEFAULT;
        private long subscribeWaitMs = 2_000;
        private int maxReplyBytes = MAX_REPLY_BYTES_DEFAULT;
        private FrameCodec codec;

        /** A busy day's snapshot (hundreds of thousands of orders, ~450 bytes each) must fit. */
        public static final int MAX_REPLY_BYTES_DEFAULT = 256 * 1024 * 1024;

        public Context conclude() {
            if (callTimeoutMs < 1 || callTimeoutMs > 3_600_000) {
                throw new GatewayException("RPC callTimeoutMs must be 1..3600000, got " + callTimeoutMs);
            }
            if (historyTimeoutMs < 1 || historyTimeoutMs > 3_600_000) {
                throw new GatewayException("RPC historyTimeoutMs must be 1..3600000, got " + historyTimeoutMs);
            }
            if (heartbeatToleranceMs < 10 || heartbeatToleranceMs > 300_000) {
                throw new GatewayException("RPC heartbeatToleranceMs must be 10..300000, got " + heartbeatToleranceMs);
            }
            if (subscribeWaitMs < 0 || subscribeWaitMs > 60_000) {
                throw new GatewayException("RPC subscribeWaitMs must be 0..60000, got " + subscribeWaitMs);
            }
            if (maxReplyBytes < 1024) {
                throw new GatewayException("RPC maxReplyBytes must be >= 1024, got " + maxReplyBytes);
            }
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

        public FrameCodec codec() {
            return codec;
        }

        public Context codec(FrameCodec codec) {
            this.codec = codec;
            return this;
        }
    }
}
