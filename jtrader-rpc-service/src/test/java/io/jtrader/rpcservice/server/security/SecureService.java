package io.jtrader.rpcservice.server.security;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Product;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.security.CurveKeys;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import io.jtrader.sim.SimSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** A SIM server with an RpcEngine built from a test's context, on free loopback ports; and raw clients of it. */
final class SecureService implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    final MainEngine server;
    final RpcEngine rpc;
    final List<String> logs = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

    SecureService(Path home, RpcEngine.Context context) {
        server = new MainEngine(new MainEngine.Context().homeDir(home).logCommands(false));
        server.eventEngine().register(EventType.LOG, e -> logs.add(((LogData) e.data()).msg()));
        server.addGateway("SIM");
        server.connect(GatewaySettings.of(Map.of(SimSettings.TICK_INTERVAL_MS, 50, SimSettings.JOURNAL, false,
                SimSettings.ORDER_ACK_LATENCY_MS, 0)), "SIM");
        rpc = (RpcEngine) server.addApp(new RpcServiceApp(() -> context.heartbeatIntervalMs(100)));
        rpc.start("tcp://127.0.0.1:0", "tcp://127.0.0.1:0", false);
        await().atMost(WAIT).until(() -> !server.oms().getAllContracts().isEmpty());
    }

    ContractData shfeFuture() {
        return server.oms().getAllContracts().stream()
                .filter(c -> c.exchange() == Exchange.SHFE && c.product() == Product.FUTURES)
                .findFirst().orElseThrow();
    }

    /** The contract's lower price limit (a buy there rests), from a tick of the subscribed contract. */
    double limitDown(ContractData c) {
        server.subscribe(new io.jtrader.core.model.SubscribeRequest(c.symbol(), c.exchange()), "SIM");
        await().atMost(WAIT).until(() -> server.oms().getTick(c.vtSymbol()) != null);
        return server.oms().getTick(c.vtSymbol()).limitDown();
    }

    RpcClient plainClient() {
        return track(new RpcClient(base()));
    }

    RpcClient curveClient(CurveKeys serverKeys, CurveKeys clientKeys) {
        return track(new RpcClient(base().curve(serverKeys.publicKey(), clientKeys)));
    }

    private RpcClient.Context base() {
        return new RpcClient.Context().reqEndpoint(rpc.boundRepEndpoint()).subEndpoint(rpc.boundPubEndpoint())
                .codec(VnpyTypes.codec()).callTimeoutMs(5_000);
    }

    private RpcClient track(RpcClient client) {
        clients.add(client);
        return client;
    }

    boolean logged(String fragment) {
        return logs.stream().anyMatch(m -> m.contains(fragment));
    }

    void put(Event event) {
        server.eventEngine().put(event);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        server.close();
    }
}
