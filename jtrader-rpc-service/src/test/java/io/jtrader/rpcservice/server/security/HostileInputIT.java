package io.jtrader.rpcservice.server.security;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Status;
import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcServer;
import io.jtrader.rpcservice.ServiceFixture;
import io.jtrader.rpcservice.ServiceFixture.Client;
import io.jtrader.rpcservice.vnpy.VnpyEvent;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live hostility test: a real {@code RpcEngine} on the SIM gateway (in this JVM, loopback, no keys: every
 * peer is admin as in vn.py) takes over 100,000 hostile frames of every kind from raw ZeroMQ and TCP sockets while
 * three honest clients ({@code RpcGateway} in this JVM, each with its own main engine, as a trader's process would
 * have) trade through it, and a fourth honest peer, a plain SUB socket with vn.py's codec, watches what is published.
 *
 * <p>Hostile senders: one DEALER sending {@code ["", frame...]} with up to {@value #WINDOW} requests in flight (every
 * one must get exactly one {@code [False, text]} reply, or any reply for bit-flipped golden frames); one DEALER sending
 * messages no server can answer (no delimiter, too many frames); short-lived DEALERs that send such a message and
 * vanish; raw TCP peers (garbage, HTTP, bad greetings, 2^63-byte frame headers) on both ports. The honest clients
 * each send one order per {@value #HOSTILE_PER_ORDER} hostile frames, so trading runs throughout.
 */
class HostileInputIT {
    private static final Logger LOG = LoggerFactory.getLogger(HostileInputIT.class);
    private static final int HOSTILE_REQUESTS = 100_000;
    private static final int UNROUTABLE_MESSAGES = 3_000;
    private static final int VANISHING_PEERS = 100;
    private static final int RAW_TCP_PEERS = 400;
    private static final int WINDOW = 256;
    private static final int HOSTILE_PER_ORDER = 2_000;
    private static final long HEARTBEAT_MS = 1_000;   // the server's default
    /** jtrader clients declare the server lost after three observed intervals of silence: stay below that. */
    private static final long MAX_HEARTBEAT_GAP_MS = 3 * HEARTBEAT_MS - 1;
    private static final Set<String> PUBLISHED_EVENT_TYPES = Set.of(EventType.TICK, EventType.ORDER, EventType.TRADE,
            EventType.POSITION, EventType.ACCOUNT, EventType.CONTRACT, EventType.LOG, EventType.RPC_LOG, EventType.QUOTE);

    @TempDir
    Path home;

    @Test
    @Timeout(120)
    void shouldKeepServingHonestTradersWhileTakingAHundredThousandHostileFramesOfEveryKind() throws Exception {
        FrameCodec codec = VnpyTypes.codec();
        Path pwned = home.resolve("pwned");
        HostileFrames frames = new HostileFrames(20_260_101L, codec, pwned);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (ServiceFixture fixture = new ServiceFixture(home, HEARTBEAT_MS); ZContext zmq = new ZContext(1)) {
            ContractData contract = cheapestShfeFuture(fixture);   // 150 orders must not exhaust the SIM's funds
            double limitUp = fixture.server.oms().getTick(contract.vtSymbol()).limitUp();
            double limitDown = fixture.server.oms().getTick(contract.vtSymbol()).limitDown();
            List<Client> traders = List.of(fixture.client(home, "RPC1"), fixture.client(home, "RPC2"),
                    fixture.client(home, "RPC3"));
            RpcServer.Counters before = fixture.rpcEngine.counters();

            SubObserver observer = new SubObserver(zmq, fixture.rpcEngine.boundPubEndpoint(), codec, failures);
            observer.start();
            await().atMost(ofSeconds(20)).until(() -> observer.heartbeats.get() >= 1 || !failures.isEmpty());
            assertThat(failures).as("observer failures").isEmpty();

            AtomicBoolean hostileDone = new AtomicBoolean();
            List<Semaphore> orderPermits = List.of(new Semaphore(0), new Semaphore(0), new Semaphore(0));
            Map<String, List<String>> sentOrders = new ConcurrentHashMap<>();
            List<Thread> honest = new ArrayList<>();
            for (int i = 0; i < traders.size(); i++) {
                Client trader = traders.get(i);
                Semaphore permits = orderPermits.get(i);
                List<String> ids = new CopyOnWriteArrayList<>();
                sentOrders.put(trader.name, ids);
                honest.add(named("it-honest-" + trader.name, failures, () -> {
                    while (!hostileDone.get() || permits.availablePermits() > 0) {
                        if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        int n = ids.size();
                        // buy (fills), sell to close (fills), a resting buy at the lower limit, repeat
                        OrderRequest request = switch (n % 3) {
                            case 0 -> OrderRequest.limit(contract.symbol(), contract.exchange(), Direction.LONG,
                                    Offset.OPEN, limitUp, 1);
                            case 1 -> OrderRequest.limit(contract.symbol(), contract.exchange(), Direction.SHORT,
                                    Offset.CLOSETODAY, limitDown, 1);
                            default -> OrderRequest.limit(contract.symbol(), contract.exchange(), Direction.LONG,
                                    Offset.OPEN, limitDown, 1);
                        };
                        String id = trader.engine.sendOrder(request, trader.name);
                        assertThat(id).as("order %d of %s", n, trader.name).startsWith(trader.name + ".");
                        ids.add(id);
                    }
                }));
            }
            long startNs = System.nanoTime();
            observer.resetGapMeasurement();
            HostileDealer dealer = new HostileDealer(zmq, fixture.rpcEngine.boundRepEndpoint(), frames, codec,
                    orderPermits);
            Thread dealerThread = named("it-hostile-dealer", failures, dealer::run);
            AtomicLong transportJunk = new AtomicLong();
            Thread transportThread = named("it-hostile-transport", failures, () -> {
                ZMQ.Socket unroutable = zmq.createSocket(SocketType.DEALER);
                try {
                    unroutable.connect(fixture.rpcEngine.boundRepEndpoint());
                    for (int i = 0; i < UNROUTABLE_MESSAGES; i++) {
                        byte[] frame = ("[" + HostileFrames.MARKER + i + "]").getBytes(StandardCharsets.US_ASCII);
                        if (i % 2 == 0) {
                            unroutable.send(frame);                                    // no delimiter
                        } else {
                            unroutable.sendMore(new byte[0]);                          // 40 frames
                            for (int f = 0; f < 39; f++) {
                                unroutable.sendMore(frame);
                            }
                            unroutable.send(frame);
                        }
                        transportJunk.incrementAndGet();
                        if (i % (UNROUTABLE_MESSAGES / VANISHING_PEERS) == 0) {
                            ZMQ.Socket vanishing = zmq.createSocket(SocketType.DEALER);
                            vanishing.connect(fixture.rpcEngine.boundRepEndpoint());
                            vanishing.send(frame);                                     // no delimiter, then gone
                            vanishing.setLinger(100);
                            zmq.destroySocket(vanishing);
                            transportJunk.incrementAndGet();
                        }
                        if (i % (UNROUTABLE_MESSAGES / RAW_TCP_PEERS) == 0) {
                            frames.rawTcpPeer(fixture.rpcEngine.boundRepEndpoint(), fixture.rpcEngine.boundPubEndpoint(), i);
                            transportJunk.incrementAndGet();
                        }
                    }
                } finally {
                    zmq.destroySocket(unroutable);
                }
            });
            honest.forEach(Thread::start);
            dealerThread.start();
            transportThread.start();
            dealerThread.join(TimeUnit.SECONDS.toMillis(80));
            transportThread.join(TimeUnit.SECONDS.toMillis(20));
            hostileDone.set(true);
            for (Thread t : honest) {
                t.join(TimeUnit.SECONDS.toMillis(20));
            }
            long hostileMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertThat(dealerThread.isAlive() || transportThread.isAlive()).as("hostile senders finished").isFalse();
            assertThat(honest).noneMatch(Thread::isAlive);
            assertThat(failures).as("failures in the honest and hostile threads").isEmpty();
            long maxGapMs = observer.maxGapMs();
            long heartbeatsDuring = observer.heartbeats.get();
            RpcServer.Counters after = fixture.rpcEngine.counters();
            LOG.warn("measured (a WARN so that it shows in the build output): hostile phase {} ms: {} hostile requests ({} by kind, {} bit-flips answered True), {} transport"
                    + " junk; server counters before {} after {}; max heartbeat gap {} ms (interval {} ms) over {}"
                    + " heartbeats; orders sent {}", hostileMs, dealer.sent, dealer.byKind, dealer.acceptedBitFlips,
                    transportJunk.get(), before, after, maxGapMs, HEARTBEAT_MS, heartbeatsDuring,
                    sentOrders.values().stream().mapToInt(List::size).sum());

            // the server stayed up and kept its rhythm
            assertThat(fixture.rpcEngine.isActive()).isTrue();
            assertThat(dealer.sent + transportJunk.get()).isGreaterThanOrEqualTo(100_000);
            assertThat(maxGapMs).as("longest silence between heartbeats (every %d ms)", HEARTBEAT_MS)
                    .isLessThanOrEqualTo(MAX_HEARTBEAT_GAP_MS);
            // every hostile request got exactly its one answer; bad frames and unroutable messages are counted
            assertThat(dealer.replies).isEqualTo(dealer.sent);
            assertThat(after.badFrames() - before.badFrames()).isGreaterThanOrEqualTo(dealer.expectedBadFrames);
            assertThat(after.unroutableMessages() - before.unroutableMessages()).isGreaterThanOrEqualTo(UNROUTABLE_MESSAGES);
            // raw TCP garbage that JeroMQ parses as ZMTP 1.0 can form a request whose peer is gone before its reply
            assertThat(after.replyDrops() - before.replyDrops()).isLessThanOrEqualTo(RAW_TCP_PEERS);
            assertThat(Files.exists(pwned)).as("a code-execution payload ran").isFalse();
            // nothing hostile was published; the observer saw only heartbeats and the service's own events
            assertThat(observer.badPublishes).isEmpty();
            assertThat(observer.events.get()).isPositive();

            // honest traders: no errors, every order they sent exists with its updates, on their side and the server's
            for (Client trader : traders) {
                assertThat(sentOrders.get(trader.name)).hasSizeGreaterThanOrEqualTo(HOSTILE_REQUESTS / HOSTILE_PER_ORDER);
                assertThat(trader.gateway.reliabilityCounters().gapsDetected()).as("events lost by %s", trader.name)
                        .isZero();
                assertThat(trader.gateway.reliabilityCounters().orderRetries()).isZero();
                assertThat(trader.ofType(EventType.LOG)).as("warnings seen by %s", trader.name)
                        .noneMatch(e -> e.data() instanceof LogData log && log.level() >= LogData.WARNING
                                && log.gatewayName().equals(trader.name));
            }
            for (Client trader : traders) {
                ServiceFixture.awaitDispatched(trader.engine);
                for (String id : sentOrders.get(trader.name)) {
                    await().atMost(ofSeconds(10)).until(() -> settled(trader.oms().getOrder(id)));
                    String serverId = "SIM." + id.substring(trader.name.length() + 1);
                    OrderData onServer = fixture.server.oms().getOrder(serverId);
                    assertThat(onServer).as("server order %s", serverId).isNotNull();
                    assertThat(trader.oms().getOrder(id).status()).isEqualTo(onServer.status());
                    assertThat(statuses(trader, id)).as("updates of %s", id).isNotEmpty()
                            .endsWith(onServer.status());
                    if (onServer.status() == Status.NOTTRADED) {
                        trader.engine.cancelOrder(trader.oms().getOrder(id).createCancelRequest(), trader.name);
                    }
                }
                for (String id : sentOrders.get(trader.name)) {
                    await().atMost(ofSeconds(10)).until(() -> trader.oms().getOrder(id).status() == Status.ALLTRADED
                            || trader.oms().getOrder(id).status() == Status.CANCELLED);
                }
            }
            observer.stop();
            assertThat(failures).isEmpty();
        }
    }

    private static ContractData cheapestShfeFuture(ServiceFixture fixture) {
        return fixture.server.oms().getAllContracts().stream()
                .filter(c -> c.exchange() == io.jtrader.core.model.Exchange.SHFE
                        && c.product() == io.jtrader.core.model.Product.FUTURES)
                .min(java.util.Comparator.comparingDouble(c -> {
                    fixture.awaitPrice(c);
                    return fixture.server.oms().getTick(c.vtSymbol()).lastPrice() * c.size();
                })).orElseThrow();
    }

    private static boolean settled(OrderData order) {
        return order != null && (order.status() == Status.ALLTRADED || order.status() == Status.NOTTRADED);
    }

    private static List<Status> statuses(Client trader, String vtOrderId) {
        return trader.ofType(EventType.ORDER).stream().map(Event::data).map(OrderData.class::cast)
                .filter(o -> o.vtOrderId().equals(vtOrderId)).map(OrderData::status).toList();
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread named(String name, List<Throwable> failures, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(new AssertionError(name + " failed: " + t, t));
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Sends the hostile requests with a window of requests in flight and checks each reply in order. */
    private static final class HostileDealer {
        final ZContext zmq;
        final String endpoint;
        final HostileFrames frames;
        final FrameCodec codec;
        final List<Semaphore> orderPermits;
        final Map<HostileFrames.Kind, Integer> byKind = new EnumMap<>(HostileFrames.Kind.class);
        volatile long sent;
        volatile long replies;
        volatile long expectedBadFrames;
        volatile long acceptedBitFlips;

        HostileDealer(ZContext zmq, String endpoint, HostileFrames frames, FrameCodec codec, List<Semaphore> permits) {
            this.zmq = zmq;
            this.endpoint = endpoint;
            this.frames = frames;
            this.codec = codec;
            this.orderPermits = permits;
        }

        void run() {
            ZMQ.Socket dealer = zmq.createSocket(SocketType.DEALER);
            ArrayDeque<HostileFrames.Hostile> inFlight = new ArrayDeque<>();
            try {
                dealer.setReceiveTimeOut(15_000);
                dealer.setRcvHWM(0);
                dealer.setSndHWM(0);
                dealer.connect(endpoint);
                while (replies < HOSTILE_REQUESTS) {
                    while (sent < HOSTILE_REQUESTS && inFlight.size() < WINDOW) {
                        HostileFrames.Hostile hostile = frames.next();
                        send(dealer, hostile);
                        inFlight.add(hostile);
                        sent++;
                        byKind.merge(hostile.kind(), 1, Integer::sum);
                        if (hostile.expect() == HostileFrames.Expect.BAD_FRAME) {
                            expectedBadFrames++;
                        }
                        if (sent % HOSTILE_PER_ORDER == 0) {
                            orderPermits.forEach(Semaphore::release);
                        }
                    }
                    receiveOne(dealer, inFlight.poll());
                }
            } finally {
                zmq.destroySocket(dealer);
            }
        }

        private void send(ZMQ.Socket dealer, HostileFrames.Hostile hostile) {
            List<byte[]> body = hostile.body();
            if (body.isEmpty()) {
                dealer.send(new byte[0]);
                return;
            }
            dealer.sendMore(new byte[0]);
            for (int i = 0; i < body.size() - 1; i++) {
                dealer.sendMore(body.get(i));
            }
            dealer.send(body.get(body.size() - 1));
        }

        private void receiveOne(ZMQ.Socket dealer, HostileFrames.Hostile hostile) {
            byte[] delimiter = dealer.recv();
            assertThat(delimiter).as("reply to hostile request %d (%s) within 15 s", replies, hostile.kind()).isNotNull();
            assertThat(delimiter).isEmpty();
            assertThat(dealer.hasReceiveMore()).isTrue();
            byte[] frame = dealer.recv();
            assertThat(dealer.hasReceiveMore()).isFalse();
            Object reply = codec.decode(frame);
            assertThat(reply).isInstanceOf(List.class);
            List<?> parts = (List<?>) reply;
            assertThat(parts).hasSize(2);
            if (hostile.expect() == HostileFrames.Expect.ANY_REPLY) {
                if (Boolean.TRUE.equals(parts.get(0))) {
                    acceptedBitFlips++;
                }
            } else {
                assertThat(parts.get(0)).as("reply to %s request %d: %s", hostile.kind(), replies, parts.get(1))
                        .isEqualTo(Boolean.FALSE);
                assertThat(parts.get(1)).isInstanceOf(String.class);
                if (hostile.expect() == HostileFrames.Expect.BAD_FRAME) {
                    assertThat((String) parts.get(1)).contains("ValueError");
                }
            }
            replies++;
        }
    }

    /**
     * An honest vn.py-style SUB socket on its own thread: every frame must decode to a heartbeat or an event of the
     * service's own types, and must not carry any hostile text; measures the longest gap between heartbeats.
     */
    private static final class SubObserver {
        final ZContext zmq;
        final String endpoint;
        final FrameCodec codec;
        final List<Throwable> failures;
        final AtomicLong heartbeats = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final List<String> badPublishes = new CopyOnWriteArrayList<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong maxGapNs = new AtomicLong();
        final AtomicBoolean resetGap = new AtomicBoolean();
        Thread thread;

        SubObserver(ZContext zmq, String endpoint, FrameCodec codec, List<Throwable> failures) {
            this.zmq = zmq;
            this.endpoint = endpoint;
            this.codec = codec;
            this.failures = failures;
        }

        void start() {
            thread = named("it-observer-sub", failures, this::run);
            thread.start();
        }

        void resetGapMeasurement() {
            resetGap.set(true);
        }

        long maxGapMs() {
            return TimeUnit.NANOSECONDS.toMillis(maxGapNs.get());
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(5_000);
        }

        private ZMQ.Socket openSub() {
            ZMQ.Socket sub = zmq.createSocket(SocketType.SUB);
            sub.setRcvHWM(0);
            sub.setReceiveTimeOut(100);
            sub.subscribe(new byte[0]);
            sub.connect(endpoint);
            return sub;
        }

        private void run() {
            ZMQ.Socket sub = openSub();
            long openedAtNs = System.nanoTime();
            try {
                long lastHeartbeatNs = -1;
                byte[] marker = HostileFrames.MARKER.getBytes(StandardCharsets.US_ASCII);
                while (!stop.get()) {
                    byte[] frame = sub.recv();
                    if (frame == null) {
                        if (heartbeats.get() == 0 && System.nanoTime() - openedAtNs > TimeUnit.SECONDS.toNanos(5)) {
                            // JeroMQ 0.6.0 now and then leaves a new connection without its handshake (the product's
                            // RpcClient reopens such a connection too): nothing was received yet, so nothing is lost.
                            LOG.warn("observer SUB got nothing in 5 s; reopening it");
                            zmq.destroySocket(sub);
                            sub = openSub();
                            openedAtNs = System.nanoTime();
                        }
                        continue;
                    }
                    if (contains(frame, marker)) {
                        badPublishes.add("a published frame carries hostile text: " + new String(frame, StandardCharsets.ISO_8859_1));
                        continue;
                    }
                    Object decoded;
                    try {
                        decoded = codec.decode(frame);
                    } catch (RuntimeException e) {
                        badPublishes.add("undecodable publish: " + e.getMessage());
                        continue;
                    }
                    if (!(decoded instanceof List<?> parts) || parts.size() != 2) {
                        badPublishes.add("publish is not [topic, data]: " + decoded);
                        continue;
                    }
                    if (RpcServer.HEARTBEAT_TOPIC.equals(parts.get(0)) && parts.get(1) instanceof Double) {
                        long now = System.nanoTime();
                        if (resetGap.getAndSet(false)) {
                            maxGapNs.set(0);
                        } else if (lastHeartbeatNs >= 0) {
                            maxGapNs.accumulateAndGet(now - lastHeartbeatNs, Math::max);
                        }
                        lastHeartbeatNs = now;
                        heartbeats.incrementAndGet();
                    } else if ("".equals(parts.get(0)) && parts.get(1) instanceof VnpyEvent event
                            && PUBLISHED_EVENT_TYPES.stream().anyMatch(t -> event.type().startsWith(t))) {
                        events.incrementAndGet();
                    } else {
                        badPublishes.add("unexpected publish: " + decoded);
                    }
                }
            } finally {
                zmq.destroySocket(sub);
            }
        }

        private static boolean contains(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
