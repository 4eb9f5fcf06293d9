package io.jtrader.rpcservice.reliability;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpcservice.ServiceFixture;
import io.jtrader.rpcservice.client.ReliabilityCounters;
import io.jtrader.rpcservice.client.RpcGateway;
import io.jtrader.rpcservice.client.RpcGatewayFactory;
import io.jtrader.rpcservice.client.SequenceGap;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.rpcservice.vnpy.KeyedOrderRequest;
import io.jtrader.rpcservice.vnpy.Reliability;
import io.jtrader.rpcservice.vnpy.VnpyEvent;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import io.jtrader.sim.SimSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static io.jtrader.rpcservice.ServiceFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Never lose, never duplicate: numbered events, gap repair, slow consumers, idempotent orders, restarts. */
class ReliabilityTest {
    private static final int BURST = 200_000;
    private static final String BURST_SYMBOL = "burst";

    @TempDir
    Path home;

    @Test
    @Timeout(30)
    void shouldNumberEveryPublishedEventInOneSessionAndAnswerTheLastNumber() {
        try (ServiceFixture f = new ServiceFixture(home);
             RpcClient probe = new RpcClient(new RpcClient.Context().reqEndpoint(f.rpcEngine.boundRepEndpoint())
                     .subEndpoint(f.rpcEngine.boundPubEndpoint()).codec(VnpyTypes.codec()).callTimeoutMs(5_000))) {
            List<VnpyEvent> events = new CopyOnWriteArrayList<>();
            probe.subscribe("", (topic, data) -> events.add((VnpyEvent) data));
            await().atMost(WAIT).until(probe::heartbeatSeen);
            f.awaitPrice(f.shfeFuture());   // ticks flow
            await().atMost(WAIT).until(() -> events.size() >= 20);
            List<VnpyEvent> seen = List.copyOf(events);
            String session = f.rpcEngine.publishSession();
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i).extra()).containsEntry(Reliability.SESSION_ATTRIBUTE, session);
                if (i > 0) {
                    assertThat((Long) seen.get(i).extra().get(Reliability.SEQUENCE_ATTRIBUTE))
                            .isEqualTo((Long) seen.get(i - 1).extra().get(Reliability.SEQUENCE_ATTRIBUTE) + 1);
                }
            }
            List<?> last = (List<?>) probe.call(Reliability.LAST_SEQUENCE_FUNCTION);
            assertThat(last.get(0)).isEqualTo(session);
            assertThat((Long) last.get(1)).isGreaterThanOrEqualTo(
                    (Long) seen.get(seen.size() - 1).extra().get(Reliability.SEQUENCE_ATTRIBUTE));
            long first = (Long) seen.get(0).extra().get(Reliability.SEQUENCE_ATTRIBUTE);
            List<?> replayed = (List<?>) probe.call(Reliability.REPLAY_FUNCTION, session, first, 5L);
            assertThat(replayed).hasSize(5);
            assertThat(((VnpyEvent) replayed.get(0)).extra()).isEqualTo(seen.get(0).extra());
            assertThat(probe.call(Reliability.REPLAY_FUNCTION, "another-session", first, 5L)).isNull();
        }
    }

    /**
     * 200,000 ticks as fast as the event engine takes them. A fast client gets every one, in order, while a stalled
     * client (its handler blocked for the whole burst, small buffers) and a stuck raw subscriber (never reads) hold
     * nobody up; the stalled client then finds the loss at the tail and gets every tick by replay, in order.
     */
    @Test
    @Timeout(180)
    void shouldDeliverEveryTickOfABurstToAFastClientAndRepairAStalledClientByReplay() throws Exception {
        MainEngine server = new MainEngine(new MainEngine.Context().homeDir(home.resolve("server")).logCommands(false));
        try (server; ZContext zmq = new ZContext()) {
            RpcEngine rpc = (RpcEngine) server.addApp(new RpcServiceApp(() -> new RpcEngine.Context()
                    .heartbeatIntervalMs(100).pubSendHwm(2_000).replayRingCapacity(BURST + 50_000)));
            rpc.start("tcp://127.0.0.1:0", "tcp://127.0.0.1:0", false);
            ZMQ.Socket stuck = zmq.createSocket(SocketType.SUB);
            stuck.setReceiveBufferSize(64 * 1024);
            stuck.setRcvHWM(100);
            stuck.subscribe(new byte[0]);
            stuck.connect(rpc.boundPubEndpoint());

            TickCounter fast = new TickCounter(null);
            CountDownLatch release = new CountDownLatch(1);
            TickCounter stalled = new TickCounter(release);
            try (RpcGateway fastGateway = gateway("FAST", fast, new RpcGateway.Context().sequenceCheckMs(200));
                 RpcGateway stalledGateway = gateway("SLOW", stalled, new RpcGateway.Context().sequenceCheckMs(200)
                         .subReceiveHwm(1_000).callTimeoutMs(20_000))) {
                connect(fastGateway, rpc);
                connect(stalledGateway, rpc);
                fastGateway.synced().get(15, TimeUnit.SECONDS);
                stalledGateway.synced().get(15, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> fastGateway.serverNumbersEvents() && stalledGateway.serverNumbersEvents());

                ZonedDateTime t0 = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
                long startNs = System.nanoTime();
                for (int i = 1; i <= BURST; i++) {
                    Event tick = new Event(EventType.TICK, TickData.builder("SIM", BURST_SYMBOL, Exchange.SHFE, t0)
                            .volume(i).lastPrice(100).build());
                    while (!server.eventEngine().put(tick)) {
                        LockSupport.parkNanos(50_000);   // event engine queue full: back off, never drop
                    }
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> fast.received.get() >= BURST);
                long fastMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                fast.assertAllInOrder();
                assertThat(stalled.received.get()).as("the stalled client is still stuck in its handler").isLessThanOrEqualTo(1);

                release.countDown();
                await().atMost(Duration.ofSeconds(90)).until(() -> stalled.received.get() >= BURST);
                stalled.assertAllInOrder();
                ReliabilityCounters slow = stalledGateway.reliabilityCounters();
                assertThat(slow.gapsDetected()).as(slow.toString()).isPositive();
                assertThat(slow.gapsReplayed()).as(slow.toString()).isEqualTo(slow.gapsDetected());
                assertThat(slow.eventsReplayed()).as(slow.toString()).isEqualTo(slow.eventsMissed());
                assertThat(stalled.gapEvents).isNotEmpty();
                ReliabilityCounters quick = fastGateway.reliabilityCounters();
                assertThat(quick.gapsReplayed()).as(quick.toString()).isEqualTo(quick.gapsDetected());
                System.out.printf("burst of %d ticks: fast client had all after %d ms (%s); stalled client: %s%n",
                        BURST, fastMs, quick, slow);
            }
            stuck.close();
        }
    }

    @Test
    @Timeout(60)
    void shouldPlaceARetriedOrderOnceWhenItsReplyIsDropped() throws Exception {
        try (ServiceFixture f = new ServiceFixture(home);
             ReplyDroppingProxy proxy = new ReplyDroppingProxy(f.rpcEngine.boundRepEndpoint(), "send_order",
                     VnpyTypes.serverCodec(RpcEngine.Context.SNAPSHOT_LIMITS))) {
            MainEngine client = new MainEngine(new MainEngine.Context().homeDir(home.resolve("client")).logCommands(false));
            try (client) {
                RpcGateway gateway = (RpcGateway) client.addGateway(new RpcGatewayFactory(() -> new RpcGateway.Context()
                        .callTimeoutMs(1_000).sequenceCheckMs(100)), "RPC");
                client.connect(GatewaySettings.of(Map.of(RpcGateway.REQ_ADDRESS_ALIAS, proxy.endpoint(),
                        RpcGateway.SUB_ADDRESS_ALIAS, f.rpcEngine.boundPubEndpoint())), "RPC");
                gateway.synced().get(15, TimeUnit.SECONDS);
                await().atMost(WAIT).until(gateway::serverNumbersEvents);
                ContractData contract = f.shfeFuture();
                int ordersBefore = f.server.oms().getAllOrders().size();

                proxy.dropNextReplies(1);
                String vtOrderId = client.sendOrder(OrderRequest.limit(contract.symbol(), contract.exchange(),
                        Direction.LONG, Offset.OPEN, f.awaitPrice(contract), 1), "RPC");

                assertThat(proxy.dropped()).isEqualTo(1);
                assertThat(proxy.requestsSeen()).as("the send was retried").isEqualTo(2);
                assertThat(gateway.reliabilityCounters().orderRetries()).isEqualTo(1);
                assertThat(f.server.oms().getAllOrders()).as("orders at the SIM").hasSize(ordersBefore + 1);
                String serverId = f.server.oms().getAllOrders().stream().map(OrderData::orderId)
                        .filter(id -> vtOrderId.equals("RPC." + id)).findFirst().orElse(null);
                assertThat(serverId).as("the id returned is the order placed: " + vtOrderId).isNotNull();
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldReturnTheOriginalOrderIdForAKeyAfterTheServerRestarts() throws Exception {
        String key = "test-key-1";
        String first;
        int ordersAfterFirst;
        OrderRequest request;
        try (JournaledServer server = new JournaledServer(home.resolve("server"))) {
            ContractData contract = server.shfeFuture();
            request = OrderRequest.limit(contract.symbol(), contract.exchange(), Direction.LONG, Offset.OPEN,
                    server.awaitPrice(contract), 1);   // at the lower limit: rests
            first = (String) server.client.call("send_order", new KeyedOrderRequest(request, key), "SIM");
            assertThat(first).startsWith("SIM.");
            assertThat(server.client.call("send_order", new KeyedOrderRequest(request, key), "SIM")).isEqualTo(first);
            await().atMost(WAIT).until(() -> server.engine.oms().getOrder(first) != null);
            ordersAfterFirst = server.engine.oms().getAllOrders().size();
            assertThat(ordersAfterFirst).isEqualTo(1);
        }
        try (JournaledServer restarted = new JournaledServer(home.resolve("server"))) {
            await().atMost(WAIT).until(() -> restarted.engine.oms().getOrder(first) != null);
            Object again = restarted.client.call("send_order", new KeyedOrderRequest(request, key), "SIM");
            assertThat(again).isEqualTo(first);
            assertThat(restarted.engine.oms().getAllOrders()).as("orders at the SIM after the restart")
                    .hasSize(ordersAfterFirst);
            Object unkeyed = restarted.client.call("send_order", request, "SIM");
            assertThat(unkeyed).as("a request without a key behaves as in vn.py").isNotEqualTo(first);
        }
    }

    @Test
    @Timeout(60)
    void shouldNoticeANewSessionAfterTheServiceRestartsAndEmitNoDuplicateTrade() throws Exception {
        try (ServiceFixture f = new ServiceFixture(home)) {
            ServiceFixture.Client c = f.client(home, "C1");
            List<SequenceGap> gaps = new CopyOnWriteArrayList<>();
            c.engine.eventEngine().register(RpcGateway.EVENT_SEQUENCE_GAP, e -> gaps.add((SequenceGap) e.data()));
            ContractData contract = f.shfeFuture();
            f.awaitPrice(contract);
            c.engine.subscribe(new io.jtrader.core.model.SubscribeRequest(contract.symbol(), contract.exchange()), "C1");
            TickData tick = c.awaitTick(contract.vtSymbol());
            String vtOrderId = c.engine.sendOrder(OrderRequest.limit(contract.symbol(), contract.exchange(),
                    Direction.LONG, Offset.OPEN, tick.limitUp(), 1), "C1");
            await().atMost(WAIT).until(() -> c.count(EventType.TRADE) == 1);
            String rep = f.rpcEngine.boundRepEndpoint();
            String pub = f.rpcEngine.boundPubEndpoint();
            String oldSession = f.rpcEngine.publishSession();
            long resyncsBefore = c.gateway.reliabilityCounters().resyncs();

            f.rpcEngine.stop();
            f.rpcEngine.start(rep, pub, false);

            await().atMost(WAIT).until(() -> c.gateway.reliabilityCounters().newSessions() == 1
                    && c.gateway.reliabilityCounters().resyncs() > resyncsBefore);
            assertThat(f.rpcEngine.publishSession()).isNotEqualTo(oldSession);
            assertThat(gaps).extracting(SequenceGap::kind).contains(SequenceGap.Kind.NEW_SESSION);
            ServiceFixture.awaitDispatched(c.engine);
            assertThat(c.count(EventType.TRADE)).as("the trade re-queried after the restart is not emitted again")
                    .isEqualTo(1);
            assertThat(c.oms().getOrder(vtOrderId)).isNotNull();
            assertThat(c.gateway.reliabilityCounters().unchangedSuppressed()).isPositive();
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private RpcGateway gateway(String name, GatewayListener listener, RpcGateway.Context context) {
        return new RpcGateway(new GatewayContext(name, listener, home.resolve(name)), context);
    }

    private static void connect(RpcGateway gateway, RpcEngine rpc) {
        gateway.connect(GatewaySettings.of(Map.of(RpcGateway.REQ_ADDRESS_ALIAS, rpc.boundRepEndpoint(),
                RpcGateway.SUB_ADDRESS_ALIAS, rpc.boundPubEndpoint())));
    }

    /** Counts burst ticks and checks they arrive once each, in order; optionally blocks on the first one. */
    private static final class TickCounter implements GatewayListener {
        final AtomicLong received = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final List<SequenceGap> gapEvents = new CopyOnWriteArrayList<>();
        private final CountDownLatch blockUntil;
        private long last;

        TickCounter(CountDownLatch blockUntil) {
            this.blockUntil = blockUntil;
        }

        @Override
        public void onTick(TickData tick) {
            if (!tick.symbol().equals(BURST_SYMBOL)) {
                return;
            }
            if (blockUntil != null) {
                try {
                    blockUntil.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long index = (long) tick.volume();
            if (index != last + 1) {
                outOfOrder.incrementAndGet();
            }
            last = index;
            received.incrementAndGet();
        }

        void assertAllInOrder() {
            assertThat(outOfOrder.get()).as("ticks out of order or missing").isZero();
            assertThat(received.get()).isEqualTo(BURST);
            assertThat(last).isEqualTo(BURST);
        }

        @Override
        public void onEvent(Event event) {
            if (event.data() instanceof SequenceGap gap) {
                gapEvents.add(gap);
            }
        }

        @Override public void onOrder(OrderData order) { }
        @Override public void onTrade(TradeData trade) { }
        @Override public void onPosition(PositionData position) { }
        @Override public void onAccount(AccountData account) { }
        @Override public void onContract(ContractData contract) { }
        @Override public void onQuote(QuoteData quote) { }
        @Override public void onLog(LogData log) { }
    }

    /** A server whose SIM journals its state, with a raw RPC client (as a retrying client would send). */
    private static final class JournaledServer implements AutoCloseable {
        final MainEngine engine;
        final RpcEngine rpc;
        final RpcClient client;

        JournaledServer(Path home) {
            engine = new MainEngine(new MainEngine.Context().homeDir(home).logCommands(false));
            engine.addGateway("SIM");
            engine.connect(GatewaySettings.of(Map.of(SimSettings.TICK_INTERVAL_MS, 50, SimSettings.JOURNAL, true,
                    SimSettings.ORDER_ACK_LATENCY_MS, 0)), "SIM");
            rpc = (RpcEngine) engine.addApp(new RpcServiceApp(() -> new RpcEngine.Context().heartbeatIntervalMs(100)));
            rpc.start("tcp://127.0.0.1:0", "tcp://127.0.0.1:0", false);
            client = new RpcClient(new RpcClient.Context().reqEndpoint(rpc.boundRepEndpoint())
                    .subEndpoint(rpc.boundPubEndpoint()).codec(VnpyTypes.codec()).callTimeoutMs(10_000));
            await().atMost(WAIT).until(() -> !engine.oms().getAllContracts().isEmpty());
        }

        ContractData shfeFuture() {
            return engine.oms().getAllContracts().stream()
                    .filter(c -> c.exchange() == Exchange.SHFE && c.product() == io.jtrader.core.model.Product.FUTURES)
                    .findFirst().orElseThrow();
        }

        double awaitPrice(ContractData contract) {
            engine.subscribe(new io.jtrader.core.model.SubscribeRequest(contract.symbol(), contract.exchange()), "SIM");
            await().atMost(WAIT).until(() -> engine.oms().getTick(contract.vtSymbol()) != null);
            return engine.oms().getTick(contract.vtSymbol()).limitDown();
        }

        @Override
        public void close() {
            client.close();
            engine.close();
        }
    }
}
