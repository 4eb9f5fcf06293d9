package io.jtrader.rpc;

import io.jtrader.rpc.internal.CompactEnvelope;
import io.jtrader.rpc.internal.Endpoints;
import io.jtrader.rpc.internal.IdleSpin;
import io.jtrader.rpc.internal.InprocNudge;
import io.jtrader.rpc.internal.Wakeup;
import io.jtrader.rpc.pickle.PyTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Calls functions on a vn.py RpcServer (pyzmq REP) or a jtrader {@link RpcServer} (ROUTER), and receives
 * their publishes.
 *
 * <p>Requests go out on a DEALER socket as {@code [correlation id (8 bytes), "", pickle]}; both server kinds
 * echo the envelope, so replies are matched by id: calls pipeline from any number of threads, a call that
 * times out fails alone with {@link RpcTimeoutException}, and a reply that arrives later is dropped and
 * counted. The SUB socket subscribes to everything; each frame is decoded and handed to the subscribers of
 * its topic and to the all-topic subscribers. Heartbeat topics ({@code heartbeat}, vn.py 2.x's
 * {@code _keep_alive}) and {@code eTimer} are liveness only and are not delivered.
 *
 * <p>Threading: {@code call}, {@code callAsync}, {@code subscribe} and {@code close} are safe from any thread.
 * The {@code rpc-client} thread owns the SUB socket, completes futures (so dependent stages attached without
 * an executor run there and must not block), and calls subscribers and liveness listeners. Whoever holds
 * {@code dealerLock} owns the DEALER socket: usually {@code rpc-client}, which sends queued calls and reads their
 * replies. A blocking {@code call} made while nothing else is queued or in flight takes the lock and sends and
 * waits on the calling thread itself ({@link Context#directCalls}): no hand-off to {@code rpc-client} and back,
 * which on small machines costs more than the network round trip. The caller blocks in the DEALER's receive until the
 * reply comes or the call's deadline passes, with no shorter timeout: on virtual machines a sleep with a timer due
 * within a few milliseconds costs tens of microseconds more than one without (docs/benchmarks.md, round 5). When
 * another thread queues a call (or the client closes), it cancels that receive through a JeroMQ cancellation token,
 * and the caller hands its call over to {@code rpc-client} (the lock is released, so other threads' calls are not
 * held up) and waits as for any queued call. Calls from one thread stay in order either way: a direct call is only
 * made when none of the client's earlier calls is still outstanding.
 */
public final class RpcClient implements AutoCloseable {
    /** vn.py 2.x's heartbeat topic (payload: a naive UTC datetime). */
    public static final String LEGACY_KEEP_ALIVE_TOPIC = "_keep_alive";
    /** vn.py DatafeedServer's timer topic (payload: None). */
    public static final String TIMER_TOPIC = "eTimer";

    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    private static final Set<String> LIVENESS_TOPICS = Set.of(RpcServer.HEARTBEAT_TOPIC, LEGACY_KEEP_ALIVE_TOPIC, TIMER_TOPIC);
    private static final int BATCH = 1024;
    private static final int HEARTBEAT_GAP_WINDOW = 16;
    /** Never report a server lost after less silence than this, whatever its heartbeat interval. */
    private static final long MIN_TOLERANCE_NS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Context context;
    /** One-frame requests ({@link CompactEnvelope}): only to a server known to be jtrader's. */
    private final boolean compactEnvelope;
    private final long handshakeStallNs;
    /** Handshake timeouts a connection may stay unreported as connected, with calls waiting, before it is reopened. */
    private static final int NEVER_CONNECTED_FACTOR = 3;
    /** First poke of a connection still without its handshake after its TCP connect ({@link #pokeIoThread}). */
    private static final long FIRST_POKE_NS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Pokes per connection, at 50, 100, 200, 400 and 800 ms after its TCP connect; then the reopen watch takes over. */
    private static final int MAX_POKES = 5;
    /** How often the SUB monitor is read while its connection is up. */
    private static final long SUB_MONITOR_READ_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often an idle rpc-client thread looks at the DEALER and its monitor when nothing asks it to. */
    private static final long DEALER_CHECK_NS = TimeUnit.MILLISECONDS.toNanos(1_000);
    private final ZContext zmq = new ZContext(1);
    /**
     * What the rpc-client thread's SUB socket receives from {@link #nudge} when another thread wakes it: not a
     * pickle (those start with 0x80), never delivered, never counted, and no evidence that the server is alive.
     */
    private static final byte[] WAKE_FRAME = "\0jtrader-wake".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Ends the rpc-client thread's blocking SUB receive (an inproc PUB the SUB also connects to); null without SUB. */
    private final InprocNudge nudge;
    private final Wakeup wakeup = new Wakeup(this::nudgeOwner);
    private final ConcurrentLinkedQueue<PendingCall> commands = new ConcurrentLinkedQueue<>();
    private final Map<String, CopyOnWriteArrayList<RpcSubscriber>> topicSubscribers = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<RpcSubscriber> allTopicSubscribers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ServerLivenessListener> livenessListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextCallId = new AtomicLong();
    private final Thread thread;
    /** Guards the DEALER, its monitor and every field marked "dealerLock" below. */
    private final ReentrantLock dealerLock = new ReentrantLock();
    /** Set by a direct caller that handed its call over (under dealerLock, before releasing it). */
    private volatile boolean handoverPending;
    private ZMQ.Socket dealer;                                  // dealerLock; replaced when a handshake stalls
    private ZMQ.Socket dealerMonitor;                           // dealerLock
    private ZMQ.CancellationToken dealerCancel;                 // dealerLock; ends a direct caller's blocking receive
    /**
     * The token of the direct call now blocked in the DEALER's receive, null when none is: a thread that queues a call
     * or closes the client cancels it, and the caller hands its call over (or gives up, when closing).
     */
    private volatile ZMQ.CancellationToken directWait;
    private final ZMQ.Socket sub;
    private final ZMQ.Socket subMonitor;                        // rpc-client thread; null without SUB
    private volatile boolean closing;
    private volatile boolean heartbeatSeen;
    private volatile boolean serverLost;

    // dealerLock
    private final Map<Long, PendingCall> inFlight = new HashMap<>();
    private final TreeSet<PendingCall> byDeadline = new TreeSet<>(
            Comparator.comparingLong(PendingCall::deadlineNs).thenComparingLong(PendingCall::id));
    private int dealerGeneration;
    private final HandshakeWatch dealerWatch = new HandshakeWatch();
    private final List<PendingCall> sentBeforeHandshake = new java.util.ArrayList<>();

    // rpc-client thread only
    private final HandshakeWatch subWatch = new HandshakeWatch();
    private long subMonitorReadNs;                              // when the SUB monitor was last read
    private final long[] heartbeatGapsNs = new long[HEARTBEAT_GAP_WINDOW];
    private int heartbeatGapCount;
    private long lastHeartbeatNs;
    private long toleranceNs;                                   // silence after which the server is lost
    private long lastMessageNs;
    /** When this thread next takes the DEALER without being asked (handshake watch, monitor events, late replies). */
    private long dealerDueNs;
    /** The sleep that ended the last round read the SUB socket until it was empty; cleared by the next round. */
    private boolean subDrained;
    /**
     * Replies and timeouts found while holding dealerLock; their futures are completed after the lock is released (if
     * it is), so a caller woken by its reply finds the socket free for its next, direct call.
     */
    private final List<Completion> completions = new java.util.ArrayList<>();

    private final AtomicLong callsSent = new AtomicLong();
    private final AtomicLong repliesReceived = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong lateReplies = new AtomicLong();
    private final AtomicLong badReplies = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong badFrames = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    private final AtomicLong heartbeatsReceived = new AtomicLong();
    private final AtomicLong stalledHandshakes = new AtomicLong();
    private final AtomicLong directCalls = new AtomicLong();
    private final AtomicLong handovers = new AtomicLong();
    private final AtomicLong handshakePokes = new AtomicLong();
    private volatile String securityFailure;
    private static final int EVENT_HANDSHAKE_FAILED_NO_DETAIL = 2048;   // zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
    private static final int EVENT_HANDSHAKE_SUCCEEDED = 4096;   // zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED
    private static final int EVENT_HANDSHAKE_FAILED_PROTOCOL = 8192;   // zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
    private static final int EVENT_HANDSHAKE_FAILED_AUTH = 16384;  // zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH (the field "zmq" hides the package)

    /** Connects both sockets (ZeroMQ connects in the background and reconnects by itself) and starts {@code rpc-client}. */
    public RpcClient(Context context) {
        this.context = Objects.requireNonNull(context, "context").conclude();
        this.compactEnvelope = context.compactEnvelope != null ? context.compactEnvelope : context.curveServerKey != null;
        this.handshakeStallNs = TimeUnit.MILLISECONDS.toNanos(context.handshakeTimeoutMs);
        this.toleranceNs = TimeUnit.MILLISECONDS.toNanos(context.heartbeatToleranceMs);
        try {
            Endpoints.check("reqEndpoint", context.reqEndpoint);
            openDealer();
            if (context.subEndpoint != null) {
                sub = zmq.createSocket(SocketType.SUB);
                sub.setMsgAllocator(new io.jtrader.rpc.internal.SafeMsgAllocator(context.maxInboundFrameBytes));
                applyCurve(sub);
                sub.setRcvHWM(context.subReceiveHwm);
                sub.setMaxMsgSize(context.maxInboundFrameBytes);
                sub.setLinger(0);
                sub.setTCPKeepAlive(1);
                sub.subscribe(new byte[0]);
                String subMonitorEndpoint = "inproc://jtrader-rpc-client-sub-" + System.identityHashCode(this);
                sub.monitor(subMonitorEndpoint, ZMQ.EVENT_CONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL
                        | ZMQ.EVENT_DISCONNECTED);
                subMonitor = zmq.createSocket(SocketType.PAIR);
                subMonitor.connect(subMonitorEndpoint);
                subWatch.opened(System.nanoTime());
                sub.connect(Endpoints.check("subEndpoint", context.subEndpoint));
                ZMQ.Socket wakePub = zmq.createSocket(SocketType.PUB);
                wakePub.setLinger(0);
                String wakeEndpoint = InprocNudge.newEndpoint("rpc-client");
                wakePub.bind(wakeEndpoint);
                sub.connect(wakeEndpoint);
                nudge = new InprocNudge(wakePub, WAKE_FRAME);
            } else {
                sub = null;
                subMonitor = null;
                nudge = null;
            }
        } catch (ZMQException e) {
            zmq.close();
            wakeup.close();
            throw new RpcException("cannot connect to " + context.reqEndpoint + " / " + context.subEndpoint + ": "
                    + e.getMessage(), e);
        }
        lastMessageNs = System.nanoTime();
        thread = new Thread(this::run, "rpc-client");
        thread.setDaemon(true);
        thread.start();
    }

    public static RpcClient connect(Context context) {
        return new RpcClient(context);
    }

    public Context context() {
        return context;
    }

    /** Calls {@code function(*args)} and waits up to the default timeout for its result. */
    public Object call(String function, Object... args) {
        return call(Duration.ofMillis(context.callTimeoutMs), function, PyTuple.of(args), Map.of());
    }

    /** Calls {@code function(*args)} and waits up to {@code timeout} for its result. */
    public Object call(Duration timeout, String function, Object... args) {
        return call(timeout, function, PyTuple.of(args), Map.of());
    }

    /** Calls {@code function(*args, **kwargs)} and waits up to {@code timeout}. */
    public Object call(Duration timeout, String function, PyTuple args, Map<String, ?> kwargs) {
        if (context.directCalls && !closing && commands.isEmpty() && timeout.toNanos() > 0 && dealerLock.tryLock()) {
            PendingCall handedOver = null;
            try {
                DirectCall direct = callDirect(timeout, function, args, kwargs);
                if (direct != null) {
                    if (direct.handedOver == null) {
                        return direct.result;
                    }
                    handedOver = direct.handedOver;
                }
            } finally {
                if (handedOver != null) {
                    handoverPending = true;
                }
                dealerLock.unlock();
                if (handedOver != null || !commands.isEmpty()) {
                    wakeup.wake();
                }
            }
            if (handedOver != null) {
                return await(handedOver.future(), timeout.toMillis());
            }
        }
        return await(callAsync(timeout, function, args, kwargs), timeout.toMillis());
    }

    private record Completion(CompletableFuture<Object> future, Object value, RpcException error) {
        void run() {
            if (error == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(error);
            }
        }
    }

    /** A direct call's outcome: its result, or the call handed over to rpc-client (then {@code result} is unused). */
    private record DirectCall(Object result, PendingCall handedOver) {
    }

    /**
     * Under dealerLock: sends the call on the calling thread and waits for its reply until it comes, the deadline
     * passes, or another thread queues a call (then hands it over to rpc-client). Returns null (nothing sent) when
     * the queued path must be taken: the client is closing, an earlier call is queued or in flight (order), the
     * connection has no completed handshake, or the request cannot be encoded (the queued path reports that the same
     * way). Throws what {@code call} throws.
     */
    private DirectCall callDirect(Duration timeout, String function, PyTuple args, Map<String, ?> kwargs) {
        long now = System.nanoTime();
        if (closing || !inFlight.isEmpty() || !commands.isEmpty()) {
            return null;
        }
        drainMonitor(now);
        if (!dealerWatch.done) {
            return null;
        }
        byte[] frame;
        try {
            frame = encodeRequest(function, args, kwargs);
        } catch (RuntimeException e) {
            return null;
        }
        long timeoutNs = timeout.toNanos();
        long id = nextCallId.incrementAndGet();
        long deadlineNs = now + timeoutNs;
        sendOnDealer(id, frame);
        callsSent.incrementAndGet();
        directCalls.incrementAndGet();
        ZMQ.CancellationToken token = dealerCancel;
        token.reset();          // a cancel meant for an earlier call must not end this one's wait
        directWait = token;     // published before the queue is looked at: a caller that queues after that cancels it
        try {
            while (true) {
                if (!commands.isEmpty() || token.isCancellationRequested()) {
                    // Only now does the call need a future: rpc-client completes it when the reply comes.
                    PendingCall call = new PendingCall(id, function, frame, deadlineNs, timeoutNs, new CompletableFuture<>());
                    handovers.incrementAndGet();
                    inFlight.put(call.id(), call);
                    byDeadline.add(call);
                    return new DirectCall(null, call);
                }
                dealer.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - now))));
                // The reply cannot be there yet: wait for it at once (a look first costs a system call), then take
                // whatever else has arrived without waiting.
                int flags = 0;
                Reply reply;
                while ((reply = receiveReply(flags, token)) != null) {
                    flags = ZMQ.DONTWAIT;
                    if (reply == Reply.BAD) {
                        continue;
                    }
                    if (reply.id() != id) {
                        lateReplies.incrementAndGet();
                        LOG.debug("late reply to call #{} dropped", reply.id());
                        continue;
                    }
                    repliesReceived.incrementAndGet();
                    return new DirectCall(interpretReply(function, reply.body()), null);
                }
                now = System.nanoTime();
                if (now - deadlineNs >= 0) {
                    timeouts.incrementAndGet();
                    throw timeoutException(function, timeoutNs);
                }
                if (closing) {
                    throw new RpcException("RPC client closed before the reply arrived");
                }
            }
        } finally {
            directWait = null;
        }
    }

    /** Any thread: ends a direct caller's blocking receive, if one is waiting (it then looks why). */
    private void interruptDirectWait() {
        ZMQ.CancellationToken token = directWait;
        if (token != null) {
            token.cancel();
        }
    }

    /** vn.py's request pickle {@code [name, args, kwargs]}; throws what the codec throws for an unencodable argument. */
    private byte[] encodeRequest(String function, PyTuple args, Map<String, ?> kwargs) {
        return context.codec.encode(List.of(function, args == null ? PyTuple.of() : args,
                kwargs == null ? Map.of() : kwargs));
    }

    /** Sends {@code function(*args)} with the default timeout; the future completes on {@code rpc-client}. */
    public CompletableFuture<Object> callAsync(String function, Object... args) {
        return callAsync(Duration.ofMillis(context.callTimeoutMs), function, PyTuple.of(args), Map.of());
    }

    /**
     * Sends {@code function(*args, **kwargs)}. The future completes with the result, or fails with
     * {@link RpcRemoteException} ({@code [False, text]}), {@link RpcTimeoutException}, {@link RpcDecodeException}
     * (the reply could not be decoded), {@link RpcEncodeException} (an argument has no pickle form) or
     * {@link RpcException} (the client was closed). Any thread; the request is encoded on the calling thread.
     */
    public CompletableFuture<Object> callAsync(Duration timeout, String function, PyTuple args, Map<String, ?> kwargs) {
        Objects.requireNonNull(function, "function");
        long timeoutNs = Objects.requireNonNull(timeout, "timeout").toNanos();
        CompletableFuture<Object> future = new CompletableFuture<>();
        if (timeoutNs <= 0) {
            future.completeExceptionally(new IllegalArgumentException("timeout must be positive, got " + timeout));
            return future;
        }
        if (closing) {
            future.completeExceptionally(new RpcException("RPC client is closed; " + function + "() not sent"));
            return future;
        }
        byte[] frame;
        try {
            frame = encodeRequest(function, args, kwargs);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return future;
        }
        commands.add(new PendingCall(nextCallId.incrementAndGet(), function, frame, System.nanoTime() + timeoutNs,
                timeoutNs, future));
        wakeup.wake();
        interruptDirectWait();   // a direct call waiting for its reply hands it over, so this one is sent at once
        if (closing) {
            failQueuedCommands();   // close() may have drained the queue before this call was added
        }
        return future;
    }

    /** Delivers frames whose topic equals {@code topic} (e.g. {@code ""} for vn.py's RpcEngine events). */
    public void subscribe(String topic, RpcSubscriber subscriber) {
        topicSubscribers.computeIfAbsent(Objects.requireNonNull(topic, "topic"), t -> new CopyOnWriteArrayList<>())
                .add(Objects.requireNonNull(subscriber, "subscriber"));
    }

    /** Delivers every frame except liveness ones ({@code heartbeat}, {@code _keep_alive}, {@code eTimer}). */
    public void subscribeAll(RpcSubscriber subscriber) {
        allTopicSubscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
    }

    public void unsubscribe(RpcSubscriber subscriber) {
        allTopicSubscribers.remove(subscriber);
        topicSubscribers.values().forEach(list -> list.remove(subscriber));
    }

    public void addLivenessListener(ServerLivenessListener listener) {
        livenessListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** True once a heartbeat has arrived on the SUB socket (the subscription is in place). */
    public boolean heartbeatSeen() {
        return heartbeatSeen;
    }

    /** True while the server counts as lost (reported to {@link ServerLivenessListener#onServerLost}). */
    public boolean serverLost() {
        return serverLost;
    }

    /** Closes both sockets promptly (no linger, no waiting for heartbeats); pending calls fail. Idempotent. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        wakeup.wake();
        interruptDirectWait();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.error("rpc-client thread did not stop within 5 s");
            }
        }
    }

    public Counters counters() {
        return new Counters(callsSent.get(), repliesReceived.get(), timeouts.get(), lateReplies.get(),
                badReplies.get(), messagesReceived.get(), heartbeatsReceived.get(), badFrames.get(), callbackErrors.get(),
                stalledHandshakes.get(), directCalls.get(), handovers.get(), handshakePokes.get());
    }

    /**
     * @param callsSent          requests handed to ZeroMQ
     * @param repliesReceived    replies matched to a waiting call
     * @param timeouts           calls failed with {@link RpcTimeoutException}
     * @param lateReplies        replies that arrived after their call timed out (dropped)
     * @param badReplies         replies with a malformed envelope or an undecodable body
     * @param messagesReceived   SUB frames decoded (heartbeats included)
     * @param heartbeatsReceived liveness frames received
     * @param badFrames          SUB frames that could not be decoded or were not {@code [topic, data]} (skipped)
     * @param callbackErrors     exceptions thrown by subscribers or liveness listeners (logged, skipped)
     * @param stalledHandshakes  request connections reopened because their ZeroMQ handshake never completed
     * @param directCalls        blocking calls sent and awaited on the calling thread (see {@link Context#directCalls})
     * @param handovers          direct calls handed over to rpc-client while waiting for their reply (another thread
     *                           queued a call)
     * @param handshakePokes     pokes of the I/O thread for a connection that was late with its handshake (a JeroMQ
     *                           0.6.0 race; see {@link Context#handshakeTimeoutMs})
     */
    public record Counters(long callsSent, long repliesReceived, long timeouts, long lateReplies, long badReplies,
                           long messagesReceived, long heartbeatsReceived, long badFrames, long callbackErrors,
                           long stalledHandshakes, long directCalls, long handovers, long handshakePokes) {
    }

    private record PendingCall(long id, String function, byte[] frame, long deadlineNs, long timeoutNs,
                               CompletableFuture<Object> future) {
    }

    private Object await(CompletableFuture<Object> future, long timeoutMs) {
        long spinUntil = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(context.idleSpinMicros);
        while (!future.isDone() && System.nanoTime() - spinUntil < 0) {
            Thread.onSpinWait();   // a reply within the spin saves waking this thread from park
        }
        try {
            // rpc-client fails the future at its deadline; the extra second only guards against a dead thread
            return future.get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RpcException rpc) {
                throw rpc;
            }
            throw new RpcException("call failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new RpcTimeoutException("no reply within " + timeoutMs + " ms (the rpc-client thread did not answer)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException("interrupted while waiting for a reply", e);
        }
    }

    // ---------------------------------------------------------------- rpc-client thread

    /**
     * The rpc-client thread's poller: the DEALER, its monitor and the SUB while it owns the DEALER; else only the
     * wake-up pipe (used without a SUB socket: with one, the thread blocks in the SUB's receive instead).
     */
    private ZMQ.Poller newPoller(boolean withDealer) {
        ZMQ.Poller poller = zmq.createPoller(4);
        if (withDealer) {
            poller.register(dealer, ZMQ.Poller.POLLIN);
            poller.register(dealerMonitor, ZMQ.Poller.POLLIN);
            if (sub != null) {
                poller.register(sub, ZMQ.Poller.POLLIN);
            }
        }
        poller.register(wakeup.channel(), ZMQ.Poller.POLLIN);
        return poller;
    }

    /**
     * rpc-client thread only: the state {@link #round()} carries from one round to the next. {@code withDealer} is
     * rebuilt whenever the DEALER is replaced.
     */
    private ZMQ.Poller withDealer;
    private ZMQ.Poller withoutDealer;
    private int pollerGeneration = -1;
    private IdleSpin idle;

    /**
     * Runs {@link #round()} until the client closes. The loop is kept apart from the round so that the JIT compiles
     * the round as a method after a few thousand rounds (a loop inside one method waits for on-stack replacement,
     * tens of thousands of rounds, and ran interpreted until then).
     */
    private void run() {
        withoutDealer = newPoller(false);
        idle = new IdleSpin(TimeUnit.MICROSECONDS.toNanos(context.idleSpinMicros));
        try {
            while (!closing) {
                round();
            }
        } catch (Throwable t) {
            LOG.error("rpc-client thread failed; the client is closed", t);
            closing = true;
        } finally {
            dealerLock.lock();   // close() cancels a direct caller's receive; it lets go
            try {
                completions.forEach(Completion::run);   // found before a failure: still delivered
                completions.clear();
                RpcException closed = new RpcException("RPC client closed before the reply arrived");
                inFlight.values().forEach(call -> call.future().completeExceptionally(closed));
                inFlight.clear();
                byDeadline.clear();
                failQueuedCommands();
                if (withDealer != null) {
                    withDealer.close();
                }
                withoutDealer.close();
                if (nudge != null) {
                    nudge.close();
                }
                zmq.close();
                wakeup.close();
            } finally {
                dealerLock.unlock();
            }
        }
    }

    /**
     * One round: take the DEALER, if there is work for it (queued calls, a handed-over call, calls in flight, or
     * once a second: the handshake watch, monitor events, late replies) and no direct call holds it: send queued
     * calls, read replies, expire calls, watch the handshake. Then read publishes, then sleep. The DEALER is released
     * before sleeping unless calls are in flight (their replies must wake this thread), so an idle client leaves it to
     * direct calls; an unfinished handshake is still checked on time, through the sleep's timeout. The owner of the
     * DEALER sleeps in a poll of both sockets and the wake-up pipe. Without it, this thread blocks in the SUB socket's
     * receive (or, without SUB, polls the pipe); a direct caller or {@code callAsync} that leaves work behind wakes it
     * through the {@link Wakeup}.
     */
    private void round() {
        long now = System.nanoTime();
        boolean wantDealer = !commands.isEmpty() || handoverPending || now - dealerDueNs >= 0;
        boolean owner = wantDealer && dealerLock.tryLock();
        if (wantDealer && !owner) {
            dealerDueNs = now + DEALER_CHECK_NS;   // a direct caller has it; it wakes this thread if it leaves work
        }
        try {
            int work = 0;
            long dealerWakeNs = Long.MAX_VALUE;
            if (owner) {
                handoverPending = false;
                watchHandshake(now);
                if (pollerGeneration != dealerGeneration) {
                    if (withDealer != null) {
                        withDealer.close();
                    }
                    withDealer = newPoller(true);
                    pollerGeneration = dealerGeneration;
                }
                work += sendCommands();
                work += readReplies();
                now = System.nanoTime();
                expireCalls(now);
                boolean callsOut = !inFlight.isEmpty() || !sentBeforeHandshake.isEmpty();
                if (callsOut || !dealerWatch.done) {
                    dealerWakeNs = dealerWakeNs(now);   // without calls out, the handshake is checked on time
                }
                if (!callsOut) {
                    dealerLock.unlock();
                    owner = false;
                    dealerDueNs = now + Math.min(dealerWakeNs, DEALER_CHECK_NS);
                } else {
                    dealerDueNs = now;   // replies to wait for: take it again next round
                }
                for (Completion completion : completions) {
                    completion.run();
                }
                completions.clear();
            }
            if (sub != null) {
                watchSubHandshake(now);
                if (subDrained) {
                    subDrained = false;   // the sleep just read the SUB socket empty: no need to look again
                } else {
                    work += readPublishes(null);
                }
                now = System.nanoTime();
                checkLiveness(now);
            }
            if (work > 0) {
                idle.reset();
                return;
            }
            if (idle.keepSpinning(now)) {
                return;
            }
            idle.reset();
            long timeoutMs = idleTimeoutMs(now, owner ? dealerWakeNs : dealerDueNs - now);
            // Without the DEALER, wait in the SUB socket's own receive (woken by the nudge): far cheaper, and
            // without the multi-millisecond tails, than JeroMQ's poller, which only a DEALER owner needs.
            boolean receive = !owner && sub != null;
            if (receive) {
                wakeup.prepareToReceive();
            } else {
                wakeup.prepareToPoll();
            }
            boolean dealerWork = (!commands.isEmpty() || handoverPending) && (owner || !dealerLock.isLocked());
            boolean sleep = !dealerWork && !closing;
            byte[] received = null;
            if (sleep && receive) {
                sub.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, timeoutMs));
                received = sub.recv(0);
            } else if (sleep) {
                (owner ? withDealer : withoutDealer).poll(timeoutMs);
            }
            wakeup.awake();
            if (sleep && receive) {
                // what the receive got, and all that followed it; a timed-out receive found none
                subDrained = received == null || readPublishes(received) < BATCH;
            }
        } finally {
            if (owner) {
                dealerLock.unlock();
            }
        }
    }

    private void failQueuedCommands() {
        PendingCall call;
        while ((call = commands.poll()) != null) {
            call.future().completeExceptionally(new RpcException("RPC client is closed; " + call.function() + "() not sent"));
        }
    }

    private int sendCommands() {
        int sent = 0;
        PendingCall call;
        while (sent < BATCH && (call = commands.poll()) != null) {
            sent++;
            if (call.future().isDone()) {
                continue;   // cancelled by the caller before it was sent
            }
            sendOnDealer(call.id(), call.frame());
            callsSent.incrementAndGet();
            inFlight.put(call.id(), call);
            byDeadline.add(call);
            if (!dealerWatch.done) {
                sentBeforeHandshake.add(call);
            }
        }
        return sent;
    }

    private void sendOnDealer(long id, byte[] frame) {
        if (compactEnvelope) {
            dealer.send(CompactEnvelope.frame(id, frame), 0);
            return;
        }
        dealer.send(longToBytes(id), ZMQ.SNDMORE);
        dealer.send(new byte[0], ZMQ.SNDMORE);
        dealer.send(frame, 0);
    }

    /** Constructor, then under dealerLock: a DEALER with a monitor that reports its connection events. */
    private void openDealer() {
        dealerGeneration++;
        dealer = zmq.createSocket(SocketType.DEALER);
        dealer.setSndHWM(1_000_000);                       // calls are bounded by their timeouts; far above any window
        dealer.setRcvHWM(1_000_000);
        dealer.setMaxMsgSize(context.maxInboundFrameBytes);
        dealer.setLinger(0);
        dealer.setTCPKeepAlive(1);
        String monitorEndpoint = "inproc://jtrader-rpc-client-" + System.identityHashCode(this) + "-" + dealerGeneration;
        dealer.setMsgAllocator(new io.jtrader.rpc.internal.SafeMsgAllocator(context.maxInboundFrameBytes));
        applyCurve(dealer);
        dealer.monitor(monitorEndpoint, ZMQ.EVENT_CONNECTED | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL
                | EVENT_HANDSHAKE_FAILED_AUTH | EVENT_HANDSHAKE_FAILED_PROTOCOL
                | EVENT_HANDSHAKE_FAILED_NO_DETAIL | EVENT_HANDSHAKE_SUCCEEDED);
        dealerCancel = dealer.createCancellationToken();
        dealerMonitor = zmq.createSocket(SocketType.PAIR);
        dealerMonitor.connect(monitorEndpoint);
        dealer.connect(context.reqEndpoint);
        dealerWatch.opened(System.nanoTime());
    }

    /** CurveZMQ client role when {@link Context#curve} was set; nothing otherwise. */
    private void applyCurve(ZMQ.Socket socket) {
        if (context.curveServerKey == null) {
            return;
        }
        socket.setCurveServerKey(ZMQ.Curve.z85Decode(context.curveServerKey));
        socket.setCurvePublicKey(context.curveClientKeys.publicKeyBytes());
        socket.setCurveSecretKey(context.curveClientKeys.secretKeyBytes());
    }

    /**
     * Why the last security handshake failed (null when none failed or one succeeded since); timeouts name it so
     * a refused key reads as a refused key, not as a silent server.
     */
    public String securityFailure() {
        return securityFailure;
    }

    /**
     * JeroMQ 0.6.0 sometimes leaves a fresh TCP connection without its ZMTP handshake for good: everything sent on it
     * would wait forever. First the I/O thread is poked ({@link #pokeIoThread}), which repairs that race. If the
     * handshake still has not come after {@link Context#handshakeTimeoutMs()}, the DEALER is replaced and the calls sent
     * before the handshake (they cannot have reached the server) are sent again on the new one.
     */
    private void watchHandshake(long now) {
        drainMonitor(now);
        if (dealerWatch.done) {
            return;
        }
        if (dealerWatch.pokeDue(now)) {
            pokeIoThread(context.reqEndpoint);
        }
        long reopenAt = dealerWatch.reopenAtNs(handshakeStallNs, !sentBeforeHandshake.isEmpty());
        if (reopenAt == Long.MAX_VALUE || now - reopenAt < 0) {
            return;
        }
        stalledHandshakes.incrementAndGet();
        if (dealerWatch.connectedAtNs != 0) {   // TCP-connected, but silent
            LOG.warn("connection to {} got no ZeroMQ handshake within {} ms; reopening it and resending {} call(s)",
                    context.reqEndpoint, TimeUnit.NANOSECONDS.toMillis(handshakeStallNs), sentBeforeHandshake.size());
        } else {
            LOG.info("no connection to {} within {} ms; reopening it and resending {} call(s)", context.reqEndpoint,
                    TimeUnit.NANOSECONDS.toMillis(NEVER_CONNECTED_FACTOR * handshakeStallNs), sentBeforeHandshake.size());
        }
        dealer.close();
        dealerMonitor.close();
        openDealer();
        for (PendingCall call : sentBeforeHandshake) {
            if (inFlight.containsKey(call.id())) {
                sendOnDealer(call.id(), call.frame());
            }
        }
        sentBeforeHandshake.removeIf(call -> !inFlight.containsKey(call.id()));
    }

    /** Under dealerLock: applies the DEALER's connection events (handshake done, lost, refused) to the fields. */
    private void drainMonitor(long now) {
        ZMQ.Event event;
        while ((event = ZMQ.Event.recv(dealerMonitor, ZMQ.DONTWAIT)) != null) {
            int type = event.getEvent();
            dealerWatch.apply(type, now);
            if (type == ZMQ.EVENT_HANDSHAKE_PROTOCOL) {
                sentBeforeHandshake.clear();
            } else if (type == EVENT_HANDSHAKE_SUCCEEDED) {
                securityFailure = null;
            } else if (type == EVENT_HANDSHAKE_FAILED_AUTH
                    || type == EVENT_HANDSHAKE_FAILED_PROTOCOL
                    || type == EVENT_HANDSHAKE_FAILED_NO_DETAIL) {
                String reason = type == EVENT_HANDSHAKE_FAILED_AUTH
                        ? "the server refused this client's CurveZMQ key (not on its allow-list, or revoked)"
                        : "the security handshake with the server failed (CurveZMQ on one side only, or a wrong server"
                        + " public key)";
                if (!reason.equals(securityFailure)) {
                    LOG.error("{}: {}", context.reqEndpoint, reason);
                }
                securityFailure = reason;
            }
        }
    }

    private int readReplies() {
        int read = 0;
        Reply reply;
        while (read < BATCH && (reply = receiveReply(ZMQ.DONTWAIT, null)) != null) {
            read++;
            if (reply != Reply.BAD) {
                onReply(reply.id(), reply.body());
            }
        }
        return read;
    }

    /** A reply's envelope id and body; {@link #BAD} for one with a malformed envelope (counted, logged). */
    private record Reply(long id, byte[] body) {
        static final Reply BAD = new Reply(-1, null);
    }

    /**
     * Under dealerLock: the next reply on the DEALER, or null when none is waiting ({@link ZMQ#DONTWAIT}) or none came
     * within the socket's receive timeout ({@code flags} 0) or before {@code token} (may be null) was cancelled.
     */
    private Reply receiveReply(int flags, ZMQ.CancellationToken token) {
        byte[] first;
        if (token == null) {
            first = dealer.recv(flags);
        } else {
            try {
                first = dealer.recv(flags, token);
            } catch (ZMQException e) {
                if (e.getErrorCode() != ZError.ECANCELED) {
                    throw e;
                }
                return null;
            }
        }
        if (first == null) {
            return null;
        }
        if (CompactEnvelope.matches(first) && !dealer.hasReceiveMore()) {
            return new Reply(CompactEnvelope.idOf(first), CompactEnvelope.bodyOf(first));
        }
        byte[] delimiter = dealer.hasReceiveMore() ? dealer.recv(0) : null;
        byte[] body = delimiter != null && dealer.hasReceiveMore() ? dealer.recv(0) : null;
        boolean extra = false;
        while (dealer.hasReceiveMore()) {
            dealer.recv(0);
            extra = true;
        }
        if (first.length != Long.BYTES || delimiter == null || delimiter.length != 0 || body == null || extra) {
            badReplies.incrementAndGet();
            LOG.warn("reply with an unexpected envelope dropped (expected [8-byte id, '', pickle])");
            return Reply.BAD;
        }
        return new Reply(bytesToLong(first), body);
    }

    private void onReply(long id, byte[] body) {
        PendingCall call = inFlight.remove(id);
        if (call == null) {
            lateReplies.incrementAndGet();
            LOG.debug("late reply to call #{} dropped", id);
            return;
        }
        byDeadline.remove(call);
        repliesReceived.incrementAndGet();
        try {
            completions.add(new Completion(call.future(), interpretReply(call.function(), body), null));
        } catch (RpcException e) {
            completions.add(new Completion(call.future(), null, e));
        }
    }

    /**
     * The result of a {@code [True, result]} reply; throws {@link RpcRemoteException} for {@code [False, text]} and
     * {@link RpcDecodeException} (counted) for a body that is neither.
     */
    private Object interpretReply(String function, byte[] body) {
        Object reply;
        try {
            reply = context.codec.decode(body);
        } catch (RpcDecodeException e) {
            badReplies.incrementAndGet();
            throw new RpcDecodeException("reply to " + function + "() cannot be decoded: " + e.getMessage(), e);
        }
        if (!(reply instanceof List<?> parts) || parts.size() != 2 || !(parts.get(0) instanceof Boolean ok)) {
            badReplies.incrementAndGet();
            throw new RpcDecodeException("reply to " + function + "() is not [bool, result] but "
                    + PythonText.typeName(reply));
        }
        if (!ok) {
            Object text = parts.get(1);
            throw new RpcRemoteException(function, text instanceof String s ? s : String.valueOf(text));
        }
        return parts.get(1);
    }

    private void expireCalls(long now) {
        while (!byDeadline.isEmpty()) {
            PendingCall first = byDeadline.first();
            if (now - first.deadlineNs() < 0) {
                return;
            }
            byDeadline.pollFirst();
            inFlight.remove(first.id());
            timeouts.incrementAndGet();
            completions.add(new Completion(first.future(), null, timeoutException(first.function(), first.timeoutNs())));
        }
    }

    private RpcTimeoutException timeoutException(String function, long timeoutNs) {
        return new RpcTimeoutException("no reply to " + function + "() within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms from " + context.reqEndpoint
                + (securityFailure == null ? "" : ": " + securityFailure));
    }

    /** Reads and delivers up to a batch of publishes, starting with {@code first} if a blocking receive got one. */
    private int readPublishes(byte[] first) {
        int read = 0;
        byte[] frame = first;
        while (read < BATCH && (frame != null || (frame = sub.recv(ZMQ.DONTWAIT)) != null)) {
            read++;
            boolean multipart = false;
            while (sub.hasReceiveMore()) {
                sub.recv(0);
                multipart = true;
            }
            if (multipart || !Arrays.equals(frame, WAKE_FRAME)) {
                onPublish(frame, multipart);
            }
            frame = null;
        }
        return read;
    }

    /** Any thread, through {@link Wakeup#wake()}: ends the rpc-client thread's blocking SUB receive. */
    private void nudgeOwner() {
        nudge.run();
    }

    private void onPublish(byte[] frame, boolean multipart) {
        long now = System.nanoTime();
        lastMessageNs = now;
        if (serverLost) {
            serverLost = false;
            LOG.info("RPC server {} is sending again", context.subEndpoint);
            for (ServerLivenessListener listener : livenessListeners) {
                try {
                    listener.onServerRestored();
                } catch (RuntimeException e) {
                    callbackErrors.incrementAndGet();
                    LOG.warn("liveness listener failed in onServerRestored", e);
                }
            }
        }
        Object decoded;
        try {
            decoded = context.codec.decode(frame);
        } catch (RpcDecodeException e) {
            badFrames.incrementAndGet();
            LOG.warn("undecodable publish frame of {} bytes skipped: {}", frame.length, e.getMessage());
            return;
        }
        if (multipart || !(decoded instanceof List<?> parts) || parts.size() != 2 || !(parts.get(0) instanceof String topic)) {
            badFrames.incrementAndGet();
            LOG.warn("publish frame skipped: expected one frame [topic: str, data], got {}{}", PythonText.typeName(decoded),
                    multipart ? " in a multipart message" : "");
            return;
        }
        messagesReceived.incrementAndGet();
        if (LIVENESS_TOPICS.contains(topic)) {
            onHeartbeat(senderTimeNs(parts.get(1), now));
            return;
        }
        Object data = parts.get(1);
        List<RpcSubscriber> forTopic = topicSubscribers.get(topic);
        if (forTopic != null) {
            for (RpcSubscriber subscriber : forTopic) {
                deliver(subscriber, topic, data);
            }
        }
        for (RpcSubscriber subscriber : allTopicSubscribers) {
            deliver(subscriber, topic, data);
        }
    }

    private void deliver(RpcSubscriber subscriber, String topic, Object data) {
        try {
            subscriber.onMessage(topic, data);
        } catch (RuntimeException e) {
            callbackErrors.incrementAndGet();
            LOG.warn("subscriber failed on topic {}; frame skipped for it", PythonText.repr(topic), e);
        }
    }

    /**
     * When the server sent a liveness frame, in nanoseconds on the server's clock when the frame says (vn.py 3+:
     * epoch seconds as a float; 2.x: a naive UTC datetime), else on ours ({@code eTimer} carries nothing). Gaps are
     * measured on the sender's clock so that heartbeats delivered in a bunch after a backlog do not shrink the
     * observed interval.
     */
    private static long senderTimeNs(Object payload, long arrivalNs) {
        if (payload instanceof Number seconds && Double.isFinite(seconds.doubleValue())) {
            return (long) (seconds.doubleValue() * 1e9);
        }
        if (payload instanceof java.time.LocalDateTime utc) {
            return utc.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000_000L + utc.getNano();
        }
        return arrivalNs;
    }

    private void onHeartbeat(long sentNs) {
        heartbeatsReceived.incrementAndGet();
        long gap = sentNs - lastHeartbeatNs;
        if (lastHeartbeatNs != 0 && gap > 0) {
            heartbeatGapsNs[heartbeatGapCount++ % HEARTBEAT_GAP_WINDOW] = gap;
        }
        lastHeartbeatNs = sentNs;
        toleranceNs = computeToleranceNs();
        heartbeatSeen = true;
    }

    /**
     * Three times the median of the recent heartbeat gaps, capped by the configured tolerance (vn.py's 30 s). The
     * median, not the largest gap: the gap that spans an outage (a server restart, a cut link) must not stretch the
     * tolerance for the next outage; a server that really changed its interval moves the median within a few beats.
     */
    private long toleranceNs() {
        return toleranceNs;
    }

    private long computeToleranceNs() {
        long capNs = TimeUnit.MILLISECONDS.toNanos(context.heartbeatToleranceMs);
        int n = Math.min(heartbeatGapCount, HEARTBEAT_GAP_WINDOW);
        if (n == 0) {
            return capNs;
        }
        long[] gaps = java.util.Arrays.copyOf(heartbeatGapsNs, n);
        java.util.Arrays.sort(gaps);
        long median = gaps[(n - 1) / 2];
        return Math.min(capNs, Math.max(MIN_TOLERANCE_NS, 3 * median));
    }

    private void checkLiveness(long now) {
        if (serverLost) {
            return;
        }
        long silenceNs = now - lastMessageNs;
        if (silenceNs > toleranceNs()) {
            serverLost = true;
            Duration silence = Duration.ofNanos(silenceNs);
            LOG.warn("RPC server {} lost: nothing received for {} ms", context.subEndpoint, silence.toMillis());
            for (ServerLivenessListener listener : livenessListeners) {
                try {
                    listener.onServerLost(silence);
                } catch (RuntimeException e) {
                    callbackErrors.incrementAndGet();
                    LOG.warn("liveness listener failed in onServerLost", e);
                }
            }
        }
    }

    /** How long rpc-client may block: until the next deadline of the DEALER ({@code dealerWakeNs}) or of liveness. */
    private long idleTimeoutMs(long now, long dealerWakeNs) {
        long untilNs = Math.min(TimeUnit.MILLISECONDS.toNanos(1_000), dealerWakeNs);
        if (sub != null && !serverLost) {
            untilNs = Math.min(untilNs, lastMessageNs + toleranceNs() - now);
        }
        if (sub != null) {
            untilNs = Math.min(untilNs, subWatch.untilLookNs(now, handshakeStallNs));
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilNs) + 1);
    }

    /** Under dealerLock: nanoseconds until the next call deadline or handshake check. */
    private long dealerWakeNs(long now) {
        long untilNs = Long.MAX_VALUE;
        if (!byDeadline.isEmpty()) {
            untilNs = Math.min(untilNs, byDeadline.first().deadlineNs() - now);
        }
        long reopenAt = dealerWatch.reopenAtNs(handshakeStallNs, !sentBeforeHandshake.isEmpty());
        if (reopenAt != Long.MAX_VALUE) {
            untilNs = Math.min(untilNs, Math.max(0, reopenAt - now));
        }
        return Math.min(untilNs, dealerWatch.untilLookNs(now, handshakeStallNs));
    }

    /**
     * One connection's way to its ZeroMQ handshake, as its socket monitor reports it, and the pokes of the I/O thread
     * it has had ({@link #pokeIoThread}). Used by the thread that reads that monitor.
     */
    private static final class HandshakeWatch {
        boolean done;
        long connectedAtNs;   // 0 = no TCP connection waiting for its handshake
        long openedAtNs;      // when the socket was opened
        int pokes;            // since the last TCP connect

        void opened(long now) {
            done = false;
            connectedAtNs = 0;
            pokes = 0;
            openedAtNs = now;
        }

        /** Applies one monitor event (CONNECTED, HANDSHAKE_PROTOCOL, DISCONNECTED; others are ignored here). */
        void apply(int type, long now) {
            if (type == ZMQ.EVENT_CONNECTED) {
                connectedAtNs = now;
                pokes = 0;
            } else if (type == ZMQ.EVENT_HANDSHAKE_PROTOCOL) {
                done = true;
                connectedAtNs = 0;
            } else if (type == ZMQ.EVENT_DISCONNECTED) {
                done = false;
                connectedAtNs = 0;
            }
        }

        /** True, and counted, when the connection is due for its next poke: 50, 100, 200, 400, 800 ms after connect. */
        boolean pokeDue(long now) {
            if (done || connectedAtNs == 0 || pokes >= MAX_POKES || now - nextPokeNs() < 0) {
                return false;
            }
            pokes++;
            return true;
        }

        private long nextPokeNs() {
            return connectedAtNs + (FIRST_POKE_NS << pokes);
        }

        /**
         * When a connection still without its handshake is to be reopened: {@code stallNs} after its TCP connect; or,
         * never reported as connected (the stall shows that way too) and with calls waiting, a few {@code stallNs}
         * after it was opened (a server that is simply down then costs one quiet reopen per period).
         * {@code Long.MAX_VALUE} when no reopen is due.
         */
        long reopenAtNs(long stallNs, boolean callsWaiting) {
            if (done) {
                return Long.MAX_VALUE;
            }
            if (connectedAtNs != 0) {
                return connectedAtNs + stallNs;
            }
            return callsWaiting ? openedAtNs + NEVER_CONNECTED_FACTOR * stallNs : Long.MAX_VALUE;
        }

        /**
         * Nanoseconds until the connection needs a look: its next poke, or, while it is younger than {@code youngNs}
         * and not yet TCP-connected, {@link #FIRST_POKE_NS} (its CONNECTED event is only seen when the monitor is
         * read). {@code Long.MAX_VALUE} when nothing is due.
         */
        long untilLookNs(long now, long youngNs) {
            if (done) {
                return Long.MAX_VALUE;
            }
            if (connectedAtNs != 0) {
                return pokes < MAX_POKES ? Math.max(0, nextPokeNs() - now) : Long.MAX_VALUE;
            }
            return now - openedAtNs < youngNs ? FIRST_POKE_NS : Long.MAX_VALUE;
        }
    }

    /**
     * rpc-client thread: follows the SUB connection's handshake through its monitor, and pokes when it is late. Once
     * the handshake is done the monitor is read every 100 ms only (for a disconnect), not on every publish.
     */
    private void watchSubHandshake(long now) {
        if (subWatch.done && now - subMonitorReadNs < SUB_MONITOR_READ_NS) {
            return;
        }
        subMonitorReadNs = now;
        ZMQ.Event event;
        while ((event = ZMQ.Event.recv(subMonitor, ZMQ.DONTWAIT)) != null) {
            subWatch.apply(event.getEvent(), now);
        }
        if (subWatch.pokeDue(now)) {
            pokeIoThread(context.subEndpoint);
        }
    }

    /**
     * Works around a race in JeroMQ 0.6.0's I/O thread (reported upstream as zeromq/jeromq pull request 1022, not
     * released): when a connect completes, the connecter's selection key is cancelled and the new engine registers
     * the same channel; if both happen in one pass of the poller, before a select has dropped the cancelled key, the
     * engine is never registered. The connection is then TCP-connected but silent: no greeting goes out and no
     * handshake completes (measured here on about 3-14% of fresh loopback connections). Any later change of that I/O
     * thread's registrations repairs it, so this makes one: it binds a listener to a free loopback port and closes it
     * at once (nothing connects to it). Called when a connection has gone {@link #FIRST_POKE_NS} and more without its
     * handshake; the reopen after {@link Context#handshakeTimeoutMs} stays as the last resort.
     */
    private void pokeIoThread(String endpoint) {
        handshakePokes.incrementAndGet();
        ZMQ.Socket poke = zmq.createSocket(SocketType.PULL);
        try {
            poke.setLinger(0);
            poke.bind("tcp://127.0.0.1:*");
            LOG.debug("connection to {} is late with its ZeroMQ handshake; poked the I/O thread", endpoint);
        } catch (ZMQException e) {
            LOG.debug("could not poke the I/O thread for {}: {}", endpoint, e.getMessage());
        } finally {
            zmq.destroySocket(poke);
        }
    }

    private static byte[] longToBytes(long value) {
        byte[] bytes = new byte[Long.BYTES];
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private static long bytesToLong(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    /** Client settings, validated once by {@link #conclude()} (the constructor calls it). */
    public static final class Context {
        public static final String REQ_ENDPOINT_DEFAULT = "tcp://127.0.0.1:2014";
        public static final String SUB_ENDPOINT_DEFAULT = "tcp://127.0.0.1:4102";
        /** vn.py's default call timeout. */
        public static final long CALL_TIMEOUT_MS_DEFAULT = 30_000;
        /** vn.py's HEARTBEAT_TOLERANCE: the longest silence before the server counts as lost. */
        public static final long HEARTBEAT_TOLERANCE_MS_DEFAULT = 30_000;
        public static final int SUB_RECEIVE_HWM_DEFAULT = 100_000;
        public static final int MAX_INBOUND_FRAME_BYTES_DEFAULT = 64 * 1024 * 1024;
        public static final long IDLE_SPIN_MICROS_DEFAULT = 0;
        public static final long HANDSHAKE_TIMEOUT_MS_DEFAULT = 2_000;

        private String reqEndpoint = REQ_ENDPOINT_DEFAULT;
        private String subEndpoint = SUB_ENDPOINT_DEFAULT;
        private FrameCodec codec;
        private long callTimeoutMs = CALL_TIMEOUT_MS_DEFAULT;
        private long heartbeatToleranceMs = HEARTBEAT_TOLERANCE_MS_DEFAULT;
        private int subReceiveHwm = SUB_RECEIVE_HWM_DEFAULT;
        private int maxInboundFrameBytes = MAX_INBOUND_FRAME_BYTES_DEFAULT;
        private long idleSpinMicros = IDLE_SPIN_MICROS_DEFAULT;
        private long handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS_DEFAULT;
        private boolean directCalls = true;
        private Boolean compactEnvelope;
        private String curveServerKey;
        private io.jtrader.rpc.security.CurveKeys curveClientKeys;
        private boolean concluded;

        /**
         * Connects as a CurveZMQ client: {@code serverPublicKey} (Z85) is the server's public key, {@code clientKeys}
         * this client's key pair (secret half required; its public key must be on the server's allow-list).
         * Default: no CURVE (vn.py's plain TCP).
         */
        public Context curve(String serverPublicKey, io.jtrader.rpc.security.CurveKeys clientKeys) {
            checkOpen();
            this.curveServerKey = serverPublicKey;
            this.curveClientKeys = clientKeys;
            return this;
        }

        /** The server's public key (Z85), or null without CURVE. */
        public String curveServerKey() {
            return curveServerKey;
        }

        public io.jtrader.rpc.security.CurveKeys curveClientKeys() {
            return curveClientKeys;
        }

        /** The server's request endpoint (vn.py's {@code rep_address}). */
        public Context reqEndpoint(String endpoint) {
            checkOpen();
            this.reqEndpoint = endpoint;
            return this;
        }

        public String reqEndpoint() {
            return reqEndpoint;
        }

        /** The server's publish endpoint; {@code null} = calls only, no SUB socket and no liveness watch. */
        public Context subEndpoint(String endpoint) {
            checkOpen();
            this.subEndpoint = endpoint;
            return this;
        }

        public String subEndpoint() {
            return subEndpoint;
        }

        public Context codec(FrameCodec codec) {
            checkOpen();
            this.codec = codec;
            return this;
        }

        public FrameCodec codec() {
            return codec;
        }

        /** Default call timeout, 1..3,600,000 ms. */
        public Context callTimeoutMs(long timeoutMs) {
            checkOpen();
            this.callTimeoutMs = timeoutMs;
            return this;
        }

        public long callTimeoutMs() {
            return callTimeoutMs;
        }

        /**
         * The longest silence before the server is reported lost, 10..300,000 ms. Below it the client uses
         * three of the heartbeat intervals it actually observes.
         */
        public Context heartbeatToleranceMs(long toleranceMs) {
            checkOpen();
            this.heartbeatToleranceMs = toleranceMs;
            return this;
        }

        public long heartbeatToleranceMs() {
            return heartbeatToleranceMs;
        }

        /** SUB frames ZeroMQ buffers before dropping; 0 = unlimited. */
        public Context subReceiveHwm(int frames) {
            checkOpen();
            this.subReceiveHwm = frames;
            return this;
        }

        public int subReceiveHwm() {
            return subReceiveHwm;
        }

        /** Largest reply or publish frame; ZeroMQ disconnects a peer that sends more (it reconnects). */
        public Context maxInboundFrameBytes(int bytes) {
            checkOpen();
            this.maxInboundFrameBytes = bytes;
            return this;
        }

        public int maxInboundFrameBytes() {
            return maxInboundFrameBytes;
        }

        /**
         * How long the rpc-client thread, and a thread waiting in {@code call}, keep checking before they block,
         * 0..10,000 µs (0 = block at once). A short spin saves the tens of microseconds a blocked thread takes to wake.
         */
        public Context idleSpinMicros(long micros) {
            checkOpen();
            this.idleSpinMicros = micros;
            return this;
        }

        public long idleSpinMicros() {
            return idleSpinMicros;
        }

        /**
         * How long a new request connection may stay without its ZeroMQ handshake before the client reopens it
         * and resends the calls queued on it, 100..60,000 ms. The last resort against a JeroMQ 0.6.0 race that leaves
         * a few percent of fresh connections silent; before it, the client pokes its I/O thread 50, 100, 200, 400 and
         * 800 ms after the TCP connect (request and SUB connections alike), which repairs them
         * ({@link Counters#handshakePokes()}).
         */
        public Context handshakeTimeoutMs(long timeoutMs) {
            checkOpen();
            this.handshakeTimeoutMs = timeoutMs;
            return this;
        }

        public long handshakeTimeoutMs() {
            return handshakeTimeoutMs;
        }

        /**
         * Whether a blocking {@code call} made while nothing else is queued or in flight sends and waits on the calling
         * thread (default true; see the class comment). False sends every call through the {@code rpc-client} thread.
         */
        public Context directCalls(boolean direct) {
            checkOpen();
            this.directCalls = direct;
            return this;
        }

        public boolean directCalls() {
            return directCalls;
        }

        /**
         * Whether requests go out in the one-frame envelope only jtrader servers read ({@code "JTR" 1, id, pickle};
         * docs/protocol.md) instead of {@code [id, "", pickle]}. Default: on with {@link #curve} (a CurveZMQ server is
         * jtrader's; one frame instead of three cuts the crypto work per call to a third), off otherwise (the server may
         * be vn.py's).
         */
        public Context compactEnvelope(boolean compact) {
            checkOpen();
            this.compactEnvelope = compact;
            return this;
        }

        /** The configured value, or null for the default described at {@link #compactEnvelope(boolean)}. */
        public Boolean compactEnvelope() {
            return compactEnvelope;
        }

        public Context conclude() {
            if (concluded) {
                return this;
            }
            Endpoints.check("reqEndpoint", reqEndpoint);
            if (subEndpoint != null) {
                Endpoints.check("subEndpoint", subEndpoint);
            }
            if (codec == null) {
                throw new RpcConfigurationException("codec must be set (e.g. new PickleCodec()), got null");
            }
            RpcServer.Context.range("callTimeoutMs", callTimeoutMs, 1, 3_600_000, "");
            RpcServer.Context.range("heartbeatToleranceMs", heartbeatToleranceMs, 10, 300_000, " (vn.py uses 30000)");
            RpcServer.Context.range("subReceiveHwm", subReceiveHwm, 0, Integer.MAX_VALUE, " (0 = unlimited)");
            RpcServer.Context.range("maxInboundFrameBytes", maxInboundFrameBytes, 1024, 1 << 30, "");
            RpcServer.Context.range("idleSpinMicros", idleSpinMicros, 0, 10_000, " (0 = block at once)");
            RpcServer.Context.range("handshakeTimeoutMs", handshakeTimeoutMs, 100, 60_000, "");
            if (curveServerKey != null || curveClientKeys != null) {
                io.jtrader.rpc.security.CurveKeys.requireKey("curve server public key", curveServerKey);
                if (curveClientKeys == null || !curveClientKeys.hasSecret()) {
                    throw new RpcConfigurationException("curve needs this client's key pair with its secret half"
                            + " (a NAME.key_secret file from 'jtrader keys'), got " + curveClientKeys);
                }
            }
            concluded = true;
            return this;
        }

        private void checkOpen() {
            if (concluded) {
                throw new IllegalStateException("RpcClient.Context is already concluded (in use by a client); make a new one");
            }
        }
    }
}
