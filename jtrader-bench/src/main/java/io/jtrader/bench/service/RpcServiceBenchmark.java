package io.jtrader.bench.service;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpcservice.client.RpcGateway;
import io.jtrader.rpcservice.client.RpcGatewayFactory;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import io.jtrader.sim.SimSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Round trips through the RPC service on loopback, in one JVM (server: MainEngine + SIM + RpcEngine; client: a raw
 * RpcClient and an RpcGateway in its own MainEngine). Compare with BASELINE.md's "vn.py RpcClient → vn.py RpcServer
 * send_order" (p50 89.5 / 96.6 µs).
 * <ul>
 * <li>{@code getContract}: {@code get_contract(vt_symbol)} answered from the server's OMS;</li>
 * <li>{@code sendOrder}: {@code send_order(req, "SIM")} with a one-lot FAK below the market (SIM accepts it and
 * cancels the rest, so nothing accumulates), answered with its vt_orderid;</li>
 * <li>{@code gatewaySendOrder}: the same order through the client's {@code MainEngine.sendOrder(req, "RPC")}
 * (RpcGateway: server gateway lookup, call, id re-labelled).</li>
 * </ul>
 * <pre>java -jar jtrader-bench/target/benchmarks.jar RpcServiceBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RpcServiceBenchmark {

    /** The server process's side: MainEngine + SIM + RpcEngine on free loopback ports. */
    @State(Scope.Benchmark)
    public static class Server {
        Path home;
        MainEngine engine;
        RpcEngine rpcEngine;
        String vtSymbol;
        OrderRequest fakBelowMarket;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            home = Files.createTempDirectory("jtrader-bench-service");
            engine = new MainEngine(new MainEngine.Context().homeDir(home.resolve("server")).logCommands(false)
                    .installLogEventLogger(false));
            engine.addGateway("SIM");
            engine.connect(GatewaySettings.of(Map.of(SimSettings.JOURNAL, false, SimSettings.ORDER_ACK_LATENCY_MS, 0,
                    SimSettings.TICK_INTERVAL_MS, 1000)), "SIM");
            rpcEngine = (RpcEngine) engine.addApp(new RpcServiceApp());
            rpcEngine.start("tcp://127.0.0.1:0", "tcp://127.0.0.1:0", false);
            ContractData contract = awaitFuture(engine);
            vtSymbol = contract.vtSymbol();
            engine.subscribe(new SubscribeRequest(contract.symbol(), contract.exchange()), "SIM");
            TickData tick = awaitTick(engine, vtSymbol);
            fakBelowMarket = new OrderRequest(contract.symbol(), contract.exchange(), Direction.LONG, OrderType.FAK, 1,
                    tick.limitDown(), Offset.OPEN, "");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            engine.close();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A raw vn.py-style caller: DEALER only, no SUB. */
    @State(Scope.Benchmark)
    public static class RawClient {
        RpcClient rpc;

        @Setup(Level.Trial)
        public void setUp(Server server) {
            rpc = new RpcClient(new RpcClient.Context().reqEndpoint(server.rpcEngine.boundRepEndpoint())
                    .subEndpoint(null).codec(VnpyTypes.codec()));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rpc.close();
        }
    }

    /** A client main engine with an RpcGateway that also receives and relays every published event. */
    @State(Scope.Benchmark)
    public static class GatewayClient {
        MainEngine engine;

        @Setup(Level.Trial)
        public void setUp(Server server) throws Exception {
            engine = new MainEngine(new MainEngine.Context().homeDir(server.home.resolve("client")).logCommands(false)
                    .installLogEventLogger(false));
            RpcGateway gateway = (RpcGateway) engine.addGateway(new RpcGatewayFactory(), "RPC");
            engine.connect(GatewaySettings.of(Map.of(RpcGateway.REQ_ADDRESS_ALIAS, server.rpcEngine.boundRepEndpoint(),
                    RpcGateway.SUB_ADDRESS_ALIAS, server.rpcEngine.boundPubEndpoint())), "RPC");
            gateway.synced().get(30, TimeUnit.SECONDS);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
        }
    }

    @Benchmark
    public Object getContract(Server server, RawClient client) {
        return client.rpc.call("get_contract", server.vtSymbol);
    }

    @Benchmark
    public Object sendOrder(Server server, RawClient client) {
        return client.rpc.call("send_order", server.fakBelowMarket, "SIM");
    }

    @Benchmark
    public String gatewaySendOrder(Server server, GatewayClient client) {
        return client.engine.sendOrder(server.fakBelowMarket, "RPC");
    }

    private static ContractData awaitFuture(MainEngine engine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ContractData c : engine.oms().getAllContracts()) {
                if (c.exchange() == Exchange.SHFE && c.product() == Product.FUTURES) {
                    return c;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("SIM listed no SHFE future within 30 s");
    }

    private static TickData awaitTick(MainEngine engine, String vtSymbol) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            TickData tick = engine.oms().getTick(vtSymbol);
            if (tick != null) {
                return tick;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no tick of " + vtSymbol + " within 30 s");
    }
}
