package io.jtrader.rpcservice;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.oms.OmsEngine;
import io.jtrader.rpcservice.client.RpcGateway;
import io.jtrader.rpcservice.client.RpcGatewayFactory;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.sim.SimSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** A server (MainEngine + SIM + RpcEngine on free loopback ports) and clients (MainEngine + RpcGateway) in one JVM. */
public final class ServiceFixture implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(15);

    public final MainEngine server;
    public final RpcEngine rpcEngine;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    public ServiceFixture(Path home) {
        this(home, 100);
    }

    /** As {@link #ServiceFixture(Path)} with the server's heartbeat every {@code heartbeatIntervalMs}. */
    public ServiceFixture(Path home, long heartbeatIntervalMs) {
        server = new MainEngine(new MainEngine.Context().homeDir(home.resolve("server")).logCommands(false));
        closeables.add(server);
        server.addGateway("SIM");
        server.connect(GatewaySettings.of(Map.of(SimSettings.TICK_INTERVAL_MS, 50, SimSettings.JOURNAL, false,
                SimSettings.ORDER_ACK_LATENCY_MS, 0)), "SIM");
        rpcEngine = (RpcEngine) server.addApp(new RpcServiceApp(() -> new RpcEngine.Context().heartbeatIntervalMs(heartbeatIntervalMs)));
        rpcEngine.start("tcp://127.0.0.1:0", "tcp://127.0.0.1:0");
        await().atMost(WAIT).until(() -> !server.oms().getAllContracts().isEmpty()
                && !server.oms().getAllAccounts().isEmpty());
    }

    /** A client main engine with an RPC gateway named {@code name}, connected and synced. */
    public Client client(Path home, String name) {
        MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home.resolve("client-" + name))
                .logCommands(false));
        closeables.add(engine);
        RpcGateway gateway = (RpcGateway) engine.addGateway(
                new RpcGatewayFactory(() -> new RpcGateway.Context().callTimeoutMs(5_000)), name);
        Client client = new Client(engine, gateway, name);
        engine.eventEngine().registerGeneral(client.events::add);
        engine.connect(GatewaySettings.of(Map.of(RpcGateway.REQ_ADDRESS_ALIAS, rpcEngine.boundRepEndpoint(),
                RpcGateway.SUB_ADDRESS_ALIAS, rpcEngine.boundPubEndpoint())), name);
        gateway.synced().orTimeout(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
        awaitDispatched(engine);
        return client;
    }

    /**
     * Waits until the event engine has dispatched everything put before this call (the gateway reports its snapshot
     * to the listener, which queues events: the OMS holds them once they are dispatched).
     */
    public static void awaitDispatched(MainEngine engine) {
        java.util.concurrent.CountDownLatch barrier = new java.util.concurrent.CountDownLatch(1);
        String type = "eTestBarrier." + System.nanoTime();
        io.jtrader.core.event.EventHandler handler = e -> barrier.countDown();
        engine.eventEngine().register(type, handler);
        try {
            engine.eventEngine().put(new Event(type, null));
            await().atMost(WAIT).until(() -> barrier.getCount() == 0);
        } finally {
            engine.eventEngine().unregister(type, handler);
        }
    }

    /** A SHFE futures contract of the server (SIM lists several). */
    public ContractData shfeFuture() {
        return server.oms().getAllContracts().stream()
                .filter(c -> c.exchange() == io.jtrader.core.model.Exchange.SHFE && c.product() == io.jtrader.core.model.Product.FUTURES)
                .findFirst().orElseThrow();
    }

    /** Subscribes {@code contract} at the server's SIM and returns its lower price limit (a buy there rests). */
    public double awaitPrice(ContractData contract) {
        server.subscribe(new io.jtrader.core.model.SubscribeRequest(contract.symbol(), contract.exchange()), "SIM");
        await().atMost(WAIT).until(() -> server.oms().getTick(contract.vtSymbol()) != null);
        return server.oms().getTick(contract.vtSymbol()).limitDown();
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + closeables.get(i) + " failed", e);
            }
        }
    }

    /** One client process's view. */
    public static final class Client {
        public final MainEngine engine;
        public final RpcGateway gateway;
        public final String name;
        public final List<Event> events = new CopyOnWriteArrayList<>();

        Client(MainEngine engine, RpcGateway gateway, String name) {
            this.engine = engine;
            this.gateway = gateway;
            this.name = name;
        }

        public OmsEngine oms() {
            return engine.oms();
        }

        public List<Event> ofType(String type) {
            return events.stream().filter(e -> e.type().equals(type)).toList();
        }

        public TickData awaitTick(String vtSymbol) {
            await().atMost(WAIT).until(() -> oms().getTick(vtSymbol) != null);
            return oms().getTick(vtSymbol);
        }

        public long count(String type) {
            return events.stream().filter(e -> e.type().equals(type)).count();
        }

        public static boolean isGeneral(Event e) {
            return e.type().equals(EventType.ORDER) || e.type().equals(EventType.TRADE);
        }
    }
}
