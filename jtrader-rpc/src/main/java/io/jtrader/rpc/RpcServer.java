package io.jtrader.rpc;

import io.jtrader.rpc.internal.CompactEnvelope;
import io.jtrader.rpc.internal.Endpoints;
import io.jtrader.rpc.internal.IdleSpin;
import io.jtrader.rpc.internal.InprocNudge;
import io.jtrader.rpc.internal.RateLimitedLog;
import io.jtrader.rpc.internal.SafeMsgAllocator;
import io.jtrader.rpc.internal.Wakeup;
import io.jtrader.rpc.internal.WorkerPool;
import io.jtrader.rpc.internal.ZapHandler;
import io.jtrader.rpc.pickle.PyTuple;
import io.jtrader.rpc.security.ClientAuthenticator;
import io.jtrader.rpc.security.CurveKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.Msg;
import zmq.io.Metadata;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Serves named {@link RpcFunction}s over a ZeroMQ ROUTER socket and publishes {@code [topic, data]} frames
 * over a PUB socket, in vn.py's wire format (one pickle per frame, see {@link FrameCodec}).
 *
 * <ul>
 *   <li>Requests: vn.py REQ clients send {@code [routing id, "", frame]}; jtrader DEALER clients send
 *       {@code [routing id, correlation id, "", frame]}. Everything between the routing id and the empty
 *       delimiter is the envelope and is echoed back untouched with the reply. Each request gets exactly one
 *       reply {@code [True, result]} or {@code [False, text]}; a message without a delimiter cannot be
 *       answered and is counted ({@link Counters#unroutableMessages()}) and logged.</li>
 *   <li>Calls from one connection run one at a time in the order sent; different connections run
 *       concurrently on the worker pool.</li>
 *   <li>Inline functions ({@link #registerInline}) run on the {@code rpc-server} thread itself when the calling
 *       connection has nothing queued or running, which saves the two thread hand-offs (to a worker and back) of
 *       a pooled call. A call from a connection with earlier calls still pending goes to the pool behind them, so
 *       the order per connection holds. A function with three inline calls over
 *       {@link Context#inlineBudgetMicros()} within 100 of its calls moves to the pool for good (logged,
 *       {@link Counters#inlineDemotions()}), so one slow function cannot keep delaying the other connections. Overruns
 *       further apart do not count against it: a pause of the whole process or machine (a GC pause, a virtual CPU
 *       the host holds back for a few ms) lands on an inline call now and then, whatever the function does, while a
 *       function that is slow by itself, or blocks, overruns again and again. Every overrun is counted
 *       ({@link Counters#inlineOverruns()}).</li>
 *   <li>{@link #publish(String, Object)} is safe from any thread and never blocks: it queues the value for the
 *       {@code rpc-server} thread, which encodes and sends in the order of the queue. A full queue drops the
 *       publish and counts it ({@link Counters#publishDrops()}); {@code publish} returns false.</li>
 *   <li>A heartbeat {@code ["heartbeat", epoch seconds]} goes out every {@link Context#heartbeatIntervalMs()}.</li>
 * </ul>
 *
 * <p>PUB send high-water mark: ZeroMQ's PUB socket never blocks; when a subscriber's queue holds
 * {@link Context#pubSendHwm()} messages, further messages to that subscriber are dropped by ZeroMQ (a slow
 * subscriber cannot stall the server or the other subscribers). The default (100,000 frames, about 110 MB
 * of tick events per stuck subscriber) absorbs bursts that vn.py's default of 1,000 silently loses.
 */
public final class RpcServer implements AutoCloseable {
    /** The topic of heartbeat frames (vn.py 3.x and later). */
    public static final String HEARTBEAT_TOPIC = "heartbeat";

    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    private static final int RECEIVE_BATCH = 256;
    private static final int SEND_BATCH = 1024;
    private static final int LANE_BATCH = 64;
    private static final int MAX_FRAMES_PER_MESSAGE = 32;
    /** Largest message a subscriber may send to the PUB socket (a subscription: 1 byte + topic); larger = disconnect. */
    private static final int MAX_SUBSCRIPTION_BYTES = 64 * 1024;
    /**
     * Overruns of the inline budget within {@link #INLINE_OVERRUN_WINDOW} calls of a function that move it to the pool:
     * more than one, so a cold first call does not.
     */
    private static final int INLINE_OVERRUNS_TO_DEMOTE = 3;
    /**
     * The span, in inline calls of one function, that {@link #INLINE_OVERRUNS_TO_DEMOTE} overruns must fall within. A
     * pause of the process or the host hits a call at random: on this project's 2-core VM, about 80 stalls of 1-10 ms
     * a second meet a 1 µs function in about 1 call in 12,000, so three of them within 100 calls do not happen.
     */
    private static final int INLINE_OVERRUN_WINDOW = 100;

    private final Context context;
    private final Map<String, Served> functions = new ConcurrentHashMap<>();
    /** True while any registered function is inline; otherwise requests are decoded on the workers only. */
    private volatile boolean anyInline;
    private final Object lifecycle = new Object();
    private volatile Session session;

    private final AtomicLong requestsReceived = new AtomicLong();
    private final AtomicLong repliesSent = new AtomicLong();
    private final AtomicLong replyDrops = new AtomicLong();
    private final AtomicLong badFrames = new AtomicLong();
    private final AtomicLong unroutableMessages = new AtomicLong();
    private final AtomicLong functionErrors = new AtomicLong();
    private final AtomicLong publishesSent = new AtomicLong();
    private final AtomicLong publishDrops = new AtomicLong();
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private final AtomicLong clientsAdmitted = new AtomicLong();
    private final AtomicLong clientsRefused = new AtomicLong();
    private final AtomicLong inlineCalls = new AtomicLong();
    private final AtomicLong inlineDemotions = new AtomicLong();
    private final AtomicLong inlineOverruns = new AtomicLong();

    // Bad input arrives at line rate from a hostile peer: a few lines per second, then a summary (all counted).
    private final RateLimitedLog badRequestLog = new RateLimitedLog(LOG, "bad request(s)");
    private final RateLimitedLog unroutableLog = new RateLimitedLog(LOG, "unroutable message(s)");
    private final RateLimitedLog replyDropLog = new RateLimitedLog(LOG, "dropped reply(ies)");
    private final RateLimitedLog functionFailureLog = new RateLimitedLog(LOG, "function failure(s)");

    public RpcServer(Context context) {
        this.context = Objects.requireNonNull(context, "context").conclude();
    }

    /** Registers (or replaces) the function served under {@code name}, run on the worker pool. Any thread, any time. */
    public RpcServer register(String name, RpcFunction function) {
        return register(name, function, false);
    }

    /**
     * Registers (or replaces) a fast, non-blocking function served under {@code name} that runs on the
     * {@code rpc-server} thread itself when the calling connection has no earlier call queued or running (else on
     * the pool, behind those calls). It must not block: while it runs, no request, reply or publish moves. Three calls
     * over {@link Context#inlineBudgetMicros()} within 100 move the function to the pool for good. Any thread, any
     * time.
     */
    public RpcServer registerInline(String name, RpcFunction function) {
        return register(name, function, true);
    }

    private RpcServer register(String name, RpcFunction function, boolean inline) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("function name must be non-empty, got " + PythonText.repr(name));
        }
        functions.put(name, new Served(name, Objects.requireNonNull(function, "function"), inline));
        refreshAnyInline();
        return this;
    }

    /** Recomputes {@link #anyInline} from the functions as they are now; the last caller sees every earlier change. */
    private synchronized void refreshAnyInline() {
        boolean any = false;
        for (Served served : functions.values()) {
            any |= served.inline;
        }
        anyInline = any;
    }

    /** True when {@code name} is registered inline and has not been demoted to the pool. */
    public boolean isInline(String name) {
        Served served = functions.get(name);
        return served != null && served.inline;
    }

    /** Removes the function served under {@code name}; later calls get {@code KeyError: 'name'}. */
    public void unregister(String name) {
        functions.remove(name);
        refreshAnyInline();
    }

    public Context context() {
        return context;
    }

    /**
     * Binds both endpoints and starts the {@code rpc-server} thread and the worker pool. Does nothing if
     * already running; after {@link #stop()} it binds the configured endpoints again.
     *
     * @throws RpcException when an endpoint cannot be bound (e.g. the port is in use)
     */
    public RpcServer start() {
        synchronized (lifecycle) {
            if (session == null) {
                Session started = new Session();
                started.bind();
                started.thread.start();
                session = started;
                LOG.info("RPC server started: rep={} pub={} workers={} heartbeat={}ms", started.repEndpoint,
                        started.pubEndpoint, context.workerPoolSize, context.heartbeatIntervalMs);
            }
            return this;
        }
    }

    /**
     * Stops reading requests, waits up to {@link Context#drainTimeoutMs()} for calls already running to send
     * their replies, sends queued publishes, closes both sockets (releasing the ports) and stops all threads.
     * Does nothing if not running. Not to be called from an {@link RpcFunction}.
     */
    public void stop() {
        synchronized (lifecycle) {
            Session stopping = session;
            if (stopping == null) {
                return;
            }
            stopping.requestStop();
            long joinMs = context.drainTimeoutMs + context.lingerMs + 5_000;
            try {
                stopping.thread.join(joinMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopping.thread.isAlive()) {
                LOG.error("rpc-server thread did not stop within {} ms; its sockets may still be bound", joinMs);
            }
            stopping.workers.shutdownNow(1_000);
            session = null;
            LOG.info("RPC server stopped: {}", counters());
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return session != null;
    }

    /** The bound request endpoint with its real port, e.g. {@code tcp://127.0.0.1:41234}. */
    public String repEndpoint() {
        return runningSession().repEndpoint;
    }

    /** The bound publish endpoint with its real port. */
    public String pubEndpoint() {
        return runningSession().pubEndpoint;
    }

    /**
     * Publishes {@code [topic, data]} to every subscriber. Any thread; never blocks. Publishes are sent in
     * the order this method was called (across threads: the order they entered the queue or took the socket).
     *
     * <p>With {@link Context#directPublish} (the default), a publish made while nothing is queued and no other thread
     * is sending is encoded and sent on the calling thread, under the lock that guards the PUB socket: no hand-off to
     * the rpc-server thread, whose wake-up costs more than the send on small machines. Otherwise it is queued for the
     * rpc-server thread, which encodes and sends in queue order; a publish that finds the queue non-empty always
     * queues behind it, so one thread's publishes keep their order.
     *
     * @return false when the server is not running, the publish queue is full, or (sent directly) the data cannot be
     *         encoded (each counted as a drop)
     */
    public boolean publish(String topic, Object data) {
        Objects.requireNonNull(topic, "topic");
        Session current = session;
        if (current == null || current.stopRequested) {
            publishDrops.incrementAndGet();
            return false;
        }
        if (context.directPublish && current.outbox.isEmpty() && current.pubLock.tryLock()) {
            try {
                if (current.outbox.isEmpty() && current.pubOpen && !current.stopRequested) {
                    return current.sendPublish(topic, data);
                }
            } finally {
                current.pubLock.unlock();
            }
        }
        if (!current.outbox.offer(new Outgoing(topic, data))) {
            publishDrops.incrementAndGet();
            return false;
        }
        current.wakeup.wake();
        return true;
    }

    public Counters counters() {
        return new Counters(requestsReceived.get(), repliesSent.get(), replyDrops.get(), badFrames.get(),
                unroutableMessages.get(), functionErrors.get(), publishesSent.get(), publishDrops.get(),
                heartbeatsSent.get(), clientsAdmitted.get(), clientsRefused.get(), inlineCalls.get(), inlineDemotions.get(),
                inlineOverruns.get());
    }

    private Session runningSession() {
        Session current = session;
        if (current == null) {
            throw new IllegalStateException("RPC server is not running");
        }
        return current;
    }

    /**
     * What the server has done since it was created (across restarts).
     *
     * @param requestsReceived   requests read from the ROUTER socket (each gets one reply)
     * @param repliesSent        replies handed to ZeroMQ
     * @param replyDrops         replies that could not be sent (the client disconnected first)
     * @param badFrames          requests that could not be decoded or had the wrong shape (answered with ValueError)
     * @param unroutableMessages messages that could not be answered (no envelope delimiter) and were dropped
     * @param functionErrors     calls that failed with an exception other than {@link RpcCallException}
     * @param publishesSent      publishes sent (heartbeats not included)
     * @param publishDrops       publishes refused (queue full, not running) or that could not be encoded
     * @param heartbeatsSent     heartbeat frames sent
     * @param clientsAdmitted    CurveZMQ handshakes admitted by the authenticator (0 without CURVE)
     * @param clientsRefused     CurveZMQ handshakes refused (key not allowed, or another mechanism than CURVE)
     * @param inlineCalls        calls answered on the rpc-server thread (inline functions, and requests refused
     *                           there before reaching a function: undecodable, wrong shape, unknown name)
     * @param inlineDemotions    inline functions moved to the worker pool because their calls overran the inline
     *                           budget three times within 100 calls
     * @param inlineOverruns     inline calls that took longer than the inline budget (demoting or not)
     */
    public record Counters(long requestsReceived, long repliesSent, long replyDrops, long badFrames,
                           long unroutableMessages, long functionErrors, long publishesSent, long publishDrops,
                           long heartbeatsSent, long clientsAdmitted, long clientsRefused, long inlineCalls,
                           long inlineDemotions, long inlineOverruns) {
    }

    /**
     * A registered function; {@code inline} is cleared (for good) when three of its inline calls within 100 overrun the
     * budget.
     */
    private static final class Served {
        final String name;
        final RpcFunction function;
        volatile boolean inline;
        // rpc-server thread only: inline calls so far, overruns so far, and the call number of the last few overruns
        long inlineRuns;
        int overruns;
        final long[] overrunAt = new long[INLINE_OVERRUNS_TO_DEMOTE];

        Served(String name, RpcFunction function, boolean inline) {
            this.name = name;
            this.function = function;
            this.inline = inline;
        }
    }

    private record Outgoing(String topic, Object data) {
    }

    /**
     * A request read by the rpc-server thread. {@code envelopeError} set = answer it with that ValueError;
     * {@code call} set = already decoded by the rpc-server thread (the worker runs it without decoding again).
     */
    private record Request(byte[][] envelope, byte[] frame, String envelopeError, RpcCall call) {
    }

    private record Reply(Lane lane, byte[][] envelope, byte[] body) {
    }

    /** A decoded request and its function, or ({@code reply} set) the failure reply of one that reaches none. */
    private record Prepared(Served served, RpcCall call, byte[] reply) {
        static Prepared refused(byte[] reply) {
            return new Prepared(null, null, reply);
        }
    }

    /** One start..stop: the sockets, the threads and the queues between them. */
    private final class Session implements Runnable {
        final ZContext zmq = new ZContext(1);
        /**
         * The routing id of the inproc DEALER whose messages end the rpc-server thread's blocking ROUTER receive:
         * 16 random bytes (first byte non-zero, as ZeroMQ requires of chosen ids), so no remote peer can pose as it.
         */
        final byte[] wakeId = InprocNudge.randomRoutingId();
        InprocNudge nudge;
        final Wakeup wakeup = new Wakeup(() -> nudge.run());
        final ArrayBlockingQueue<Outgoing> outbox = new ArrayBlockingQueue<>(context.publishQueueCapacity);
        final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
        final Map<ByteBuffer, Lane> lanes = new HashMap<>();   // rpc-server thread only
        final WorkerPool workers = new WorkerPool("rpc-worker", context.workerPoolSize,
                TimeUnit.MICROSECONDS.toNanos(context.idleSpinMicros));
        final Thread thread = new Thread(this, "rpc-server");
        final List<Outgoing> publishBatch = new ArrayList<>(SEND_BATCH);
        ZMQ.Socket router;
        /** Guards {@link #pub} and {@link #pubOpen}: the rpc-server thread and direct publishers send under it. */
        final ReentrantLock pubLock = new ReentrantLock();
        ZMQ.Socket pub;
        boolean pubOpen = true;
        ZapHandler zap;
        String repEndpoint;
        String pubEndpoint;
        byte[] encodeFailureReply;
        final long inlineBudgetNs = TimeUnit.MICROSECONDS.toNanos(context.inlineBudgetMicros);
        volatile boolean stopRequested;
        int outstanding;                                        // rpc-server thread only
        /**
         * rpc-server thread only: the sleep that ended the last round read the ROUTER until it was empty, so the next
         * round need not look again (one receive call less per request); set only there, cleared by the next round.
         */
        boolean routerDrained;

        void bind() {
            try {
                if (context.curveKeys != null) {
                    zap = new ZapHandler(zmq, context.clientAuthenticator, clientsAdmitted, clientsRefused);
                }
                router = zmq.createSocket(SocketType.ROUTER);
                router.setMsgAllocator(new SafeMsgAllocator(context.maxInboundFrameBytes));
                applyCurve(router);
                router.setRouterMandatory(true);
                router.setSndHWM(1_000_000);                    // replies are bounded by requests in flight
                router.setRcvHWM(context.requestReceiveHwm);
                router.setMaxMsgSize(context.maxInboundFrameBytes);
                router.setLinger(context.lingerMs);
                pub = zmq.createSocket(SocketType.PUB);
                pub.setMsgAllocator(new SafeMsgAllocator(MAX_SUBSCRIPTION_BYTES));
                // subscribers only send (un)subscriptions: without a limit, one frame header declaring ~2 GB makes the
                // I/O thread allocate it, and the OutOfMemoryError kills that thread (and every socket it serves)
                pub.setMaxMsgSize(MAX_SUBSCRIPTION_BYTES);
                applyCurve(pub);
                pub.setSndHWM(context.pubSendHwm);
                pub.setLinger(context.lingerMs);
                repEndpoint = bindOne(router, "repEndpoint", context.repEndpoint);
                pubEndpoint = bindOne(pub, "pubEndpoint", context.pubEndpoint);
                String wakeEndpoint = InprocNudge.newEndpoint("rpc-server");
                router.bind(wakeEndpoint);
                ZMQ.Socket wakeDealer = zmq.createSocket(SocketType.DEALER);
                wakeDealer.setIdentity(wakeId);
                wakeDealer.setLinger(0);
                wakeDealer.connect(wakeEndpoint);
                nudge = new InprocNudge(wakeDealer, new byte[] {1});
                encodeFailureReply = context.codec.encode(Arrays.asList(Boolean.FALSE,
                        PythonText.traceback(null, "SystemError", "the reply could not be encoded")));
                if (zap != null) {
                    zap.start();
                }
            } catch (RuntimeException e) {
                if (zap != null) {
                    zap.stop();
                }
                zmq.close();
                wakeup.close();
                workers.shutdownNow(1_000);
                throw e;
            }
        }

        /** CurveZMQ server role: only clients with the server's public key and an admitted key complete the handshake. */
        private void applyCurve(ZMQ.Socket socket) {
            if (context.curveKeys == null) {
                return;
            }
            socket.setZAPDomain("jtrader");
            socket.setCurveServer(true);
            socket.setCurvePublicKey(context.curveKeys.publicKeyBytes());
            socket.setCurveSecretKey(context.curveKeys.secretKeyBytes());
        }

        private String bindOne(ZMQ.Socket socket, String key, String endpoint) {
            String bindable = Endpoints.forBind(key, endpoint);
            try {
                socket.bind(bindable);
            } catch (ZMQException e) {
                throw new RpcException("cannot bind " + key + " " + endpoint + ": " + e.getMessage()
                        + " (errno " + e.getErrorCode() + ")", e);
            }
            String bound = socket.getLastEndpoint();
            return bound == null ? endpoint : bound;
        }

        void requestStop() {
            stopRequested = true;
            wakeup.wake();
        }

        /** rpc-server thread only: the state {@link #round()} carries from one round to the next. */
        private ZMQ.Poller drainPoller;
        private IdleSpin idle;
        private long heartbeatIntervalNs;
        private long nextHeartbeatNs;
        private long drainDeadlineNs = Long.MAX_VALUE;
        private boolean draining;

        /**
         * Runs {@link #round()} until the server has stopped and drained. The loop is kept apart from the round on
         * purpose: the JIT compiles a method once it has been called often, but a loop that stays inside one method
         * only through on-stack replacement, which takes tens of thousands of rounds. With the round inline, the thread
         * ran interpreted for the first 50,000+ requests (a few µs more each; seen in {@code perf}).
         */
        @Override
        public void run() {
            drainPoller = zmq.createPoller(1);
            drainPoller.register(wakeup.channel(), ZMQ.Poller.POLLIN);
            heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(context.heartbeatIntervalMs);
            nextHeartbeatNs = System.nanoTime() + heartbeatIntervalNs;
            idle = new IdleSpin(TimeUnit.MICROSECONDS.toNanos(context.idleSpinMicros));
            try {
                while (round()) {
                    // each round reads, sends and sleeps; see round()
                }
                if (outstanding > 0) {
                    LOG.warn("RPC server stopped with {} call(s) still running after the {} ms drain; their replies are lost",
                            outstanding, context.drainTimeoutMs);
                }
                while (sendPublishes() > 0) {
                    // send what was queued before stop, in order
                }
            } catch (Throwable t) {
                LOG.error("rpc-server thread failed; the server stops serving", t);
                context.errorHandler.accept(t);
            } finally {
                if (drainPoller != null) {
                    drainPoller.close();
                }
                nudge.close();
                if (zap != null) {
                    zap.stop();
                }
                pubLock.lock();   // no direct publisher may touch the PUB socket from now on
                try {
                    pubOpen = false;
                    zmq.close();   // closes both sockets (waiting up to lingerMs for queued frames) and releases the ports
                } finally {
                    pubLock.unlock();
                }
                wakeup.close();
            }
        }

        /**
         * One round: read requests, send finished replies and queued publishes, heartbeat when due; then, when
         * nothing is left, block in the ROUTER's own receive until a request or a nudge arrives (a worker's reply, a
         * queued publish, stop) or the next heartbeat is due. A blocking receive, not JeroMQ's poller: the poller
         * costs ~30 µs more per wake-up and adds multi-millisecond tails on small machines. While draining after
         * stop, no request is read any more, and the thread waits on the wake-up pipe instead.
         *
         * @return false once the server has stopped and drained (or the drain timed out)
         */
        private boolean round() {
            int work = 0;
            if (!draining && stopRequested) {
                draining = true;
                drainDeadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.drainTimeoutMs);
            }
            if (routerDrained) {
                routerDrained = false;   // the sleep just read the ROUTER empty: no need to look again
            } else if (!draining) {
                work += readRequests(null);
            }
            work += sendReplies();
            work += sendPublishes();
            long now = System.nanoTime();
            if (now - nextHeartbeatNs >= 0) {
                pubLock.lock();
                try {
                    sendHeartbeat();
                } finally {
                    pubLock.unlock();
                }
                nextHeartbeatNs = now + heartbeatIntervalNs;
                flushRateLimitedLogs();
                work++;
            }
            if (draining && (outstanding == 0 || now - drainDeadlineNs >= 0)) {
                return false;
            }
            if (work > 0) {
                idle.reset();
            } else if (!idle.keepSpinning(now)) {
                idle.reset();
                long timeoutMs = draining ? 10 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextHeartbeatNs - now) + 1);
                if (draining) {
                    wakeup.prepareToPoll();
                } else {
                    wakeup.prepareToReceive();
                }
                boolean sleep = replies.isEmpty() && outbox.isEmpty() && stopRequested == draining;
                byte[] received = null;
                if (sleep && draining) {
                    drainPoller.poll(timeoutMs);
                } else if (sleep) {
                    router.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, timeoutMs));
                    received = router.recv(0);
                }
                wakeup.awake();
                if (sleep && !draining) {
                    // what the receive got, and all that followed it; a timed-out receive found none
                    routerDrained = received == null || readRequests(received) < RECEIVE_BATCH;
                }
            }
            return true;
        }

        /** Reads up to a batch of requests, starting with {@code received} (a first frame) if a blocking receive got one. */
        private int readRequests(byte[] received) {
            int read = 0;
            byte[] first = received;
            while (read < RECEIVE_BATCH && (first != null || (first = router.recv(ZMQ.DONTWAIT)) != null)) {
                byte[] routingId = first;
                first = null;
                read++;
                if (Arrays.equals(routingId, wakeId)) {
                    while (router.hasReceiveMore()) {
                        router.recv(ZMQ.DONTWAIT);   // the nudge's payload: its arrival was the message
                    }
                    continue;
                }
                List<byte[]> frames = new ArrayList<>(4);
                frames.add(routingId);
                int total = 1;
                String clientKey = null;
                boolean truncated = false;
                while (router.hasReceiveMore()) {
                    // Never block here: a hostile peer's half message must not wedge the rpc-server thread.
                    Msg next = router.recvMsg(ZMQ.DONTWAIT);
                    if (next == null) {
                        truncated = true;
                        break;
                    }
                    total++;
                    if (clientKey == null && next.getMetadata() != null) {
                        clientKey = next.getMetadata().get(Metadata.USER_ID);
                    }
                    if (frames.size() < MAX_FRAMES_PER_MESSAGE + 1) {
                        frames.add(next.data() == null ? new byte[0] : next.data());
                    }
                }
                if (truncated) {
                    unroutableMessages.incrementAndGet();
                    RpcDecodeException e = new RpcDecodeException("message of " + total + " frame(s) from connection "
                            + new RpcCaller(routingId).routingIdHex() + " ended before its last frame; dropped unanswered");
                    unroutableLog.warn(e.getMessage());
                    context.errorHandler.accept(e);
                    continue;
                }
                onMessage(frames, total, clientKey == null || clientKey.isEmpty() ? null : clientKey);
            }
            return read;
        }

        private void onMessage(List<byte[]> frames, int total, String clientKey) {
            byte[] routingId = frames.get(0);
            if (total == 2 && CompactEnvelope.matches(frames.get(1))) {
                byte[] frame = frames.get(1);
                requestsReceived.incrementAndGet();
                byte[][] envelope = {routingId, CompactEnvelope.MARKER, CompactEnvelope.prefixOf(frame)};
                int bodyBytes = frame.length - CompactEnvelope.PREFIX_BYTES;
                dispatch(routingId, clientKey, bodyBytes > context.maxInboundFrameBytes ? oversized(envelope, bodyBytes)
                        : new Request(envelope, CompactEnvelope.bodyOf(frame), null, null));
                return;
            }
            int delimiter = -1;
            for (int i = 1; i < frames.size(); i++) {
                if (frames.get(i).length == 0) {
                    delimiter = i;
                    break;
                }
            }
            if (delimiter < 0 || total > MAX_FRAMES_PER_MESSAGE) {
                unroutableMessages.incrementAndGet();
                RpcDecodeException e = new RpcDecodeException("message of " + total + " frame(s) from connection "
                        + new RpcCaller(routingId).routingIdHex() + (delimiter < 0
                        ? " has no empty delimiter frame (expected [envelope..., '', pickle]); dropped unanswered"
                        : " has more than " + MAX_FRAMES_PER_MESSAGE + " frames; dropped unanswered"));
                unroutableLog.warn(e.getMessage());
                context.errorHandler.accept(e);
                return;
            }
            requestsReceived.incrementAndGet();
            byte[][] envelope = frames.subList(0, delimiter).toArray(new byte[0][]);
            int bodyFrames = frames.size() - delimiter - 1;
            Request request;
            if (bodyFrames != 1) {
                request = new Request(envelope, null, "expected one pickle frame after the delimiter, got " + bodyFrames, null);
            } else {
                byte[] frame = frames.get(delimiter + 1);
                request = frame.length > context.maxInboundFrameBytes ? oversized(envelope, frame.length)
                        : new Request(envelope, frame, null, null);
            }
            dispatch(routingId, clientKey, request);
        }

        /** A request whose pickle is over the size limit: answered with a ValueError, never decoded. */
        private Request oversized(byte[][] envelope, int bodyBytes) {
            return new Request(envelope, null, "request frame of " + bodyBytes + " bytes exceeds the limit of "
                    + context.maxInboundFrameBytes + " bytes", null);
        }

        /** Runs the request inline when its connection is idle and the function allows it, else on its lane. */
        private void dispatch(byte[] routingId, String clientKey, Request request) {
            byte[][] envelope = request.envelope();
            ByteBuffer key = ByteBuffer.wrap(routingId);
            Lane lane = lanes.get(key);
            if (lane == null && anyInline) {
                // Nothing of this connection is queued or running: an inline function may run right here.
                RpcCaller caller = new RpcCaller(routingId, clientKey);
                Prepared prepared = prepare(request, caller);
                if (prepared.reply() != null || prepared.served().inline) {
                    byte[] body = prepared.reply() != null ? prepared.reply() : runInline(prepared.served(), prepared.call());
                    inlineCalls.incrementAndGet();
                    sendReply(caller, envelope, body);
                    return;
                }
                request = new Request(envelope, null, null, prepared.call());
                lane = new Lane(this, key, caller);
                lanes.put(key, lane);
            } else if (lane == null) {
                lane = new Lane(this, key, new RpcCaller(routingId, clientKey));
                lanes.put(key, lane);
            }
            lane.outstanding++;
            outstanding++;
            lane.submit(request);
        }

        /** rpc-server thread: runs an inline function, timing it against the budget. */
        private byte[] runInline(Served served, RpcCall call) {
            long startNs = System.nanoTime();
            byte[] body = invoke(served, call, call.caller());
            long tookNs = System.nanoTime() - startNs;
            if (Thread.interrupted()) {
                LOG.warn("inline function {} left the rpc-server thread interrupted; interrupt cleared", served.name);
            }
            long run = served.inlineRuns++;
            if (tookNs > inlineBudgetNs) {
                overrun(served, run, tookNs);
            }
            return body;
        }

        /**
         * rpc-server thread: counts an overrun of inline call number {@code run}, and moves the function to the pool
         * when it is the third within {@link #INLINE_OVERRUN_WINDOW} calls (only inline functions get here, so it is
         * demoted once).
         */
        private void overrun(Served served, long run, long tookNs) {
            inlineOverruns.incrementAndGet();
            served.overrunAt[served.overruns % INLINE_OVERRUNS_TO_DEMOTE] = run;
            served.overruns++;
            // after the increment, this slot holds the oldest of the last INLINE_OVERRUNS_TO_DEMOTE overruns
            long oldest = served.overrunAt[served.overruns % INLINE_OVERRUNS_TO_DEMOTE];
            long took = TimeUnit.NANOSECONDS.toMicros(tookNs);
            if (served.overruns >= INLINE_OVERRUNS_TO_DEMOTE && run - oldest < INLINE_OVERRUN_WINDOW) {
                served.inline = false;
                refreshAnyInline();
                inlineDemotions.incrementAndGet();
                LOG.warn("inline function {} overran its budget of {} µs {} times within {} calls (this time {} µs); it "
                        + "runs on the worker pool from now on", served.name, context.inlineBudgetMicros,
                        INLINE_OVERRUNS_TO_DEMOTE, run - oldest + 1, took);
            } else {
                LOG.debug("inline function {} took {} µs (budget {} µs), overrun {} in its {} inline calls; it stays "
                        + "inline unless {} overruns fall within {} calls", served.name, took, context.inlineBudgetMicros,
                        served.overruns, run + 1, INLINE_OVERRUNS_TO_DEMOTE, INLINE_OVERRUN_WINDOW);
            }
        }

        private int sendReplies() {
            int sent = 0;
            Reply reply;
            while (sent < SEND_BATCH && (reply = replies.poll()) != null) {
                sent++;
                sendReply(reply.lane().caller, reply.envelope(), reply.body());
                Lane lane = reply.lane();
                outstanding--;
                if (--lane.outstanding == 0) {
                    lanes.remove(lane.key);
                }
            }
            return sent;
        }

        private void sendReply(RpcCaller caller, byte[][] envelope, byte[] body) {
            try {
                if (envelope.length == 3 && envelope[1] == CompactEnvelope.MARKER) {
                    sendMore(envelope[0]);
                    router.send(CompactEnvelope.frame(envelope[2], body), ZMQ.DONTWAIT);
                } else {
                    for (byte[] part : envelope) {
                        sendMore(part);
                    }
                    sendMore(new byte[0]);
                    router.send(body, ZMQ.DONTWAIT);
                }
                repliesSent.incrementAndGet();
            } catch (ZMQException e) {
                replyDrops.incrementAndGet();
                replyDropLog.warn("reply to connection " + caller.routingIdHex() + " dropped: "
                        + e.getMessage() + " (the client disconnected before its reply)");
            }
        }

        /** A frame of a reply with more to follow; a peer that cannot take it (gone, full) ends the reply. */
        private void sendMore(byte[] part) {
            if (!router.send(part, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                throw new ZMQException("send would block", router.errno());
            }
        }

        /**
         * rpc-server thread: sends a batch of queued publishes. Holds the PUB lock from taking the batch until it is
         * sent, so a direct publisher that finds the queue empty cannot overtake a publish taken but not yet sent.
         */
        private int sendPublishes() {
            if (outbox.isEmpty()) {
                return 0;
            }
            pubLock.lock();
            try {
                publishBatch.clear();
                outbox.drainTo(publishBatch, SEND_BATCH);
                for (Outgoing outgoing : publishBatch) {
                    sendPublish(outgoing.topic(), outgoing.data());
                }
                return publishBatch.size();
            } finally {
                pubLock.unlock();
            }
        }

        /** Under pubLock: encodes and sends one publish; false (counted, logged) when the data cannot be encoded. */
        boolean sendPublish(String topic, Object data) {
            byte[] frame;
            try {
                frame = context.codec.encode(Arrays.asList(topic, data));
            } catch (RuntimeException e) {
                publishDrops.incrementAndGet();
                LOG.warn("publish on topic {} dropped: cannot encode {}: {}", PythonText.repr(topic),
                        PythonText.typeName(data), e.getMessage());
                context.errorHandler.accept(e);
                return false;
            }
            pub.send(frame, ZMQ.DONTWAIT);
            publishesSent.incrementAndGet();
            return true;
        }

        private void flushRateLimitedLogs() {
            badRequestLog.flush();
            unroutableLog.flush();
            replyDropLog.flush();
            functionFailureLog.flush();
        }

        private void sendHeartbeat() {
            Instant now = Instant.now();
            double epochSeconds = now.getEpochSecond() + now.getNano() / 1e9;
            try {
                pub.send(context.codec.encode(Arrays.asList(HEARTBEAT_TOPIC, epochSeconds)), ZMQ.DONTWAIT);
                heartbeatsSent.incrementAndGet();
            } catch (RuntimeException e) {
                LOG.error("heartbeat not sent: the codec cannot encode [\"heartbeat\", {}]", epochSeconds, e);
                context.errorHandler.accept(e);
            }
        }

        /** Worker thread (or rpc-server thread for inline calls): decodes if needed, runs the function, encodes the reply. */
        byte[] execute(Request request, RpcCaller caller) {
            Prepared prepared = prepare(request, caller);
            return prepared.reply() != null ? prepared.reply() : invoke(prepared.served(), prepared.call(), caller);
        }

        /**
         * Decodes the request (unless the rpc-server thread already did) and finds its function. Either the call and
         * its function, or the failure reply for a request that never reaches a function.
         */
        Prepared prepare(Request request, RpcCaller caller) {
            try {
                RpcCall call = request.call();
                if (call == null) {
                    if (request.envelopeError() != null) {
                        badFrames.incrementAndGet();
                        badRequestLog.warn("bad request from connection " + caller.routingIdHex() + ": "
                                + request.envelopeError());
                        return Prepared.refused(failure(null, "ValueError", request.envelopeError()));
                    }
                    Object decoded;
                    try {
                        decoded = context.codec.decode(request.frame());
                    } catch (RpcDecodeException e) {
                        badFrames.incrementAndGet();
                        badRequestLog.warn("undecodable request from connection " + caller.routingIdHex() + ": "
                                + e.getMessage());
                        context.errorHandler.accept(e);
                        return Prepared.refused(failure(null, "ValueError", "undecodable request: " + e.getMessage()));
                    }
                    call = toCall(decoded, caller);
                    if (call == null) {
                        badFrames.incrementAndGet();
                        String shape = "a request must be [name: str, args: tuple, kwargs: dict], got "
                                + PythonText.typeName(decoded) + describeShape(decoded);
                        badRequestLog.warn("bad request from connection " + caller.routingIdHex() + ": " + shape);
                        return Prepared.refused(failure(null, "ValueError", shape));
                    }
                }
                Served served = functions.get(call.function());
                if (served == null) {
                    return Prepared.refused(failure(call.function(), "KeyError", PythonText.repr(call.function())));
                }
                return new Prepared(served, call, null);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                functionErrors.incrementAndGet();
                functionFailureLog.warn("request from connection " + caller.routingIdHex() + " could not be prepared", e);
                context.errorHandler.accept(e);
                return Prepared.refused(failure(null, e.getClass().getSimpleName(), e.getMessage()));
            }
        }

        /** Runs the function and encodes its result or its failure. Never throws. */
        byte[] invoke(Served served, RpcCall call, RpcCaller caller) {
            String function = call.function();
            try {
                Object result = served.function.call(call);
                return encodeResult(function, result);
            } catch (RpcCallException e) {
                return failure(function, e.pythonType(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                functionErrors.incrementAndGet();
                return failure(function, "KeyboardInterrupt", "the server is stopping");
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                functionErrors.incrementAndGet();
                functionFailureLog.warn("function " + function + " failed for connection " + caller.routingIdHex(), e);
                context.errorHandler.accept(e);
                return failure(function, e.getClass().getSimpleName(), e.getMessage());
            }
        }

        private RpcCall toCall(Object decoded, RpcCaller caller) {
            if (!(decoded instanceof List<?> parts) || parts.size() != 3 || !(parts.get(0) instanceof String name)) {
                return null;
            }
            Object args = parts.get(1);
            Object kwargs = parts.get(2);
            PyTuple positional;
            if (args instanceof PyTuple tuple) {
                positional = tuple;
            } else if (args instanceof List<?> list) {
                positional = PyTuple.copyOf(list);
            } else {
                return null;
            }
            Map<String, Object> named = new HashMap<>();
            if (kwargs instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        return null;
                    }
                    named.put(key, entry.getValue());
                }
            } else if (kwargs != null) {
                return null;
            }
            return new RpcCall(name, positional, named, caller);
        }

        private String describeShape(Object decoded) {
            return decoded instanceof List<?> list ? " of " + list.size() + " item(s)" : "";
        }

        private byte[] encodeResult(String function, Object result) {
            try {
                return context.codec.encode(Arrays.asList(Boolean.TRUE, result));
            } catch (RuntimeException e) {
                functionErrors.incrementAndGet();
                LOG.warn("result of {}() cannot be encoded: {}", function, e.getMessage());
                context.errorHandler.accept(e);
                return failure(function, "TypeError", "cannot pickle the result of " + function + "(): " + e.getMessage());
            }
        }

        private byte[] failure(String function, String pythonType, String message) {
            try {
                return context.codec.encode(Arrays.asList(Boolean.FALSE, PythonText.traceback(function, pythonType, message)));
            } catch (RuntimeException e) {
                context.errorHandler.accept(e);
                return encodeFailureReply;
            }
        }

        /** Worker thread: the finished reply goes to the rpc-server thread. */
        void complete(Lane lane, byte[][] envelope, byte[] body) {
            replies.add(new Reply(lane, envelope, body));
            wakeup.wake();
        }
    }

    /**
     * One connection's serial queue. The rpc-server thread submits; at most one worker drains it at a time
     * (pending counts queued plus running requests), so calls run one after another in arrival order.
     */
    private final class Lane implements Runnable {
        final Session owner;
        final ByteBuffer key;
        final RpcCaller caller;
        final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger pending = new AtomicInteger();
        int outstanding;                                       // rpc-server thread only: requests not yet replied

        Lane(Session owner, ByteBuffer key, RpcCaller caller) {
            this.owner = owner;
            this.key = key;
            this.caller = caller;
        }

        void submit(Request request) {
            queue.add(request);
            if (pending.getAndIncrement() == 0) {
                schedule();
            }
        }

        private void schedule() {
            try {
                owner.workers.execute(this);
            } catch (RejectedExecutionException e) {
                LOG.error("connection {}: {} call(s) not run, the worker pool has shut down", caller.routingIdHex(), pending.get());
            }
        }

        @Override
        public void run() {
            for (int done = 1; ; done++) {
                Request request = queue.poll();
                owner.complete(this, request.envelope(), owner.execute(request, caller));
                if (pending.decrementAndGet() == 0) {
                    return;
                }
                if (done >= LANE_BATCH) {   // let other connections' calls have the worker
                    schedule();
                    return;
                }
            }
        }
    }

    /**
     * Server settings, validated once by {@link #conclude()} (the constructor calls it). Accessors without
     * get/set: {@code context.heartbeatIntervalMs(100)} sets, {@code context.heartbeatIntervalMs()} reads.
     */
    public static final class Context {
        /** vn.py's request port, bound on loopback (DESIGN.md §6: non-loopback needs CurveZMQ). */
        public static final String REP_ENDPOINT_DEFAULT = "tcp://127.0.0.1:2014";
        public static final String PUB_ENDPOINT_DEFAULT = "tcp://127.0.0.1:4102";
        public static final int WORKER_POOL_SIZE_DEFAULT = Math.max(2, Runtime.getRuntime().availableProcessors());
        public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 1_000;
        public static final int MAX_INBOUND_FRAME_BYTES_DEFAULT = 4 * 1024 * 1024;
        public static final int PUB_SEND_HWM_DEFAULT = 100_000;
        public static final int REQUEST_RECEIVE_HWM_DEFAULT = 10_000;
        public static final int PUBLISH_QUEUE_CAPACITY_DEFAULT = 65_536;
        public static final long DRAIN_TIMEOUT_MS_DEFAULT = 5_000;
        public static final int LINGER_MS_DEFAULT = 1_000;
        public static final long IDLE_SPIN_MICROS_DEFAULT = 0;
        public static final long INLINE_BUDGET_MICROS_DEFAULT = 1_000;

        private String repEndpoint = REP_ENDPOINT_DEFAULT;
        private String pubEndpoint = PUB_ENDPOINT_DEFAULT;
        private FrameCodec codec;
        private int workerPoolSize = WORKER_POOL_SIZE_DEFAULT;
        private long heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS_DEFAULT;
        private int maxInboundFrameBytes = MAX_INBOUND_FRAME_BYTES_DEFAULT;
        private int pubSendHwm = PUB_SEND_HWM_DEFAULT;
        private boolean directPublish = true;
        private int requestReceiveHwm = REQUEST_RECEIVE_HWM_DEFAULT;
        private int publishQueueCapacity = PUBLISH_QUEUE_CAPACITY_DEFAULT;
        private long drainTimeoutMs = DRAIN_TIMEOUT_MS_DEFAULT;
        private int lingerMs = LINGER_MS_DEFAULT;
        private long idleSpinMicros = IDLE_SPIN_MICROS_DEFAULT;
        private long inlineBudgetMicros = INLINE_BUDGET_MICROS_DEFAULT;
        private Consumer<Throwable> errorHandler = e -> { };
        private CurveKeys curveKeys;
        private ClientAuthenticator clientAuthenticator;
        private boolean concluded;

        /**
         * Makes both sockets CurveZMQ servers with {@code serverKeys} (secret half required): traffic is encrypted,
         * and only clients that know the server's public key and whose own key {@code authenticator} admits can
         * connect. Each request's {@link RpcCaller#clientKey()} is then the client's public key. Default: no CURVE.
         */
        public Context curve(CurveKeys serverKeys, ClientAuthenticator authenticator) {
            checkOpen();
            this.curveKeys = serverKeys;
            this.clientAuthenticator = authenticator;
            return this;
        }

        /** The server's key pair, or null without CURVE. */
        public CurveKeys curveKeys() {
            return curveKeys;
        }

        public ClientAuthenticator clientAuthenticator() {
            return clientAuthenticator;
        }

        /** Request endpoint to bind (ROUTER); {@code tcp://127.0.0.1:0} picks a free port. */
        public Context repEndpoint(String endpoint) {
            checkOpen();
            this.repEndpoint = endpoint;
            return this;
        }

        public String repEndpoint() {
            return repEndpoint;
        }

        /** Publish endpoint to bind (PUB); {@code tcp://127.0.0.1:0} picks a free port. */
        public Context pubEndpoint(String endpoint) {
            checkOpen();
            this.pubEndpoint = endpoint;
            return this;
        }

        public String pubEndpoint() {
            return pubEndpoint;
        }

        /** The frame codec (vn.py's pickle: {@code PickleCodec}). Required. */
        public Context codec(FrameCodec codec) {
            checkOpen();
            this.codec = codec;
            return this;
        }

        public FrameCodec codec() {
            return codec;
        }

        /** Threads that run functions, 1..256. */
        public Context workerPoolSize(int threads) {
            checkOpen();
            this.workerPoolSize = threads;
            return this;
        }

        public int workerPoolSize() {
            return workerPoolSize;
        }

        /** Heartbeat period, 1..10,000 ms (vn.py clients give up after 30 s of silence). */
        public Context heartbeatIntervalMs(long intervalMs) {
            checkOpen();
            this.heartbeatIntervalMs = intervalMs;
            return this;
        }

        public long heartbeatIntervalMs() {
            return heartbeatIntervalMs;
        }

        /**
         * Largest request frame accepted, 1 KiB..1 GiB. Also ZeroMQ's MAXMSGSIZE on the ROUTER: a peer that
         * sends a larger message is disconnected by ZeroMQ (the client sees a timeout); a larger body that
         * gets through is answered with ValueError.
         */
        public Context maxInboundFrameBytes(int bytes) {
            checkOpen();
            this.maxInboundFrameBytes = bytes;
            return this;
        }

        public int maxInboundFrameBytes() {
            return maxInboundFrameBytes;
        }

        /** Frames ZeroMQ queues per subscriber before dropping for that subscriber; 0 = unlimited. */
        public Context pubSendHwm(int frames) {
            checkOpen();
            this.pubSendHwm = frames;
            return this;
        }

        public int pubSendHwm() {
            return pubSendHwm;
        }

        /**
         * Whether {@code publish} sends on the calling thread when nothing is queued and the PUB socket is free
         * (default true; see {@link RpcServer#publish}). False queues every publish for the rpc-server thread.
         */
        public Context directPublish(boolean direct) {
            checkOpen();
            this.directPublish = direct;
            return this;
        }

        public boolean directPublish() {
            return directPublish;
        }

        /** Requests ZeroMQ queues per connection before it pushes back on that client; 0 = unlimited. */
        public Context requestReceiveHwm(int messages) {
            checkOpen();
            this.requestReceiveHwm = messages;
            return this;
        }

        public int requestReceiveHwm() {
            return requestReceiveHwm;
        }

        /** Publishes queued for the rpc-server thread before {@code publish} refuses (and counts a drop). */
        public Context publishQueueCapacity(int capacity) {
            checkOpen();
            this.publishQueueCapacity = capacity;
            return this;
        }

        public int publishQueueCapacity() {
            return publishQueueCapacity;
        }

        /** How long {@code stop} waits for running calls to reply, 0..600,000 ms. */
        public Context drainTimeoutMs(long timeoutMs) {
            checkOpen();
            this.drainTimeoutMs = timeoutMs;
            return this;
        }

        public long drainTimeoutMs() {
            return drainTimeoutMs;
        }

        /** How long closing a socket waits to flush queued frames, 0..60,000 ms. */
        public Context lingerMs(int lingerMs) {
            checkOpen();
            this.lingerMs = lingerMs;
            return this;
        }

        public int lingerMs() {
            return lingerMs;
        }

        /**
         * How long the rpc-server thread and the workers keep checking for work before they block, 0..10,000 µs
         * (0 = block at once). A short spin saves the tens of microseconds a blocked thread takes to wake.
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
         * Longest an inline function ({@link RpcServer#registerInline}) may run on the rpc-server thread, 1..1,000,000
         * µs; when three calls of one function within 100 take longer, it moves to the worker pool for good (logged
         * and counted). Overruns further apart are counted and logged only.
         */
        public Context inlineBudgetMicros(long micros) {
            checkOpen();
            this.inlineBudgetMicros = micros;
            return this;
        }

        public long inlineBudgetMicros() {
            return inlineBudgetMicros;
        }

        /**
         * Told of every bad frame, unroutable message, failing function and publish that could not be encoded
         * (they are also counted, and logged at WARN: per kind the first 10 lines a second, then a summary line
         * with the count of the rest). Called on the thread that met the error; must not block or throw.
         */
        public Context errorHandler(Consumer<Throwable> handler) {
            checkOpen();
            this.errorHandler = handler;
            return this;
        }

        public Consumer<Throwable> errorHandler() {
            return errorHandler;
        }

        /** Validates every setting; idempotent. Errors name the setting, its value and the rule. */
        public Context conclude() {
            if (concluded) {
                return this;
            }
            Endpoints.forBind("repEndpoint", repEndpoint);
            Endpoints.forBind("pubEndpoint", pubEndpoint);
            if (codec == null) {
                throw new RpcConfigurationException("codec must be set (e.g. new PickleCodec()), got null");
            }
            range("workerPoolSize", workerPoolSize, 1, 256, "");
            range("heartbeatIntervalMs", heartbeatIntervalMs, 1, 10_000, " (vn.py clients expect a heartbeat within 10 s)");
            range("maxInboundFrameBytes", maxInboundFrameBytes, 1024, 1 << 30, "");
            range("pubSendHwm", pubSendHwm, 0, Integer.MAX_VALUE, " (0 = unlimited)");
            range("requestReceiveHwm", requestReceiveHwm, 0, Integer.MAX_VALUE, " (0 = unlimited)");
            range("publishQueueCapacity", publishQueueCapacity, 1, 1 << 24, "");
            range("drainTimeoutMs", drainTimeoutMs, 0, 600_000, "");
            range("lingerMs", lingerMs, 0, 60_000, "");
            range("idleSpinMicros", idleSpinMicros, 0, 10_000, " (0 = block at once)");
            range("inlineBudgetMicros", inlineBudgetMicros, 1, 1_000_000, "");
            if (errorHandler == null) {
                throw new RpcConfigurationException("errorHandler must not be null (use e -> { } to only log), got null");
            }
            if (curveKeys != null && (!curveKeys.hasSecret() || clientAuthenticator == null)) {
                throw new RpcConfigurationException("curve needs the server's secret key and a client authenticator, got "
                        + curveKeys + " and " + clientAuthenticator);
            }
            concluded = true;
            return this;
        }

        private void checkOpen() {
            if (concluded) {
                throw new IllegalStateException("RpcServer.Context is already concluded (in use by a server); make a new one");
            }
        }

        static void range(String key, long value, long min, long max, String note) {
            if (value < min || value > max) {
                throw new RpcConfigurationException(key + " must be " + min + ".." + max + note + ", got " + value);
            }
        }
    }
}
