package io.jtrader.bench.sim;

import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.sim.SimGateway;
import io.jtrader.sim.SimSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Orders straight into the SIM gateway (no engine): the simulator's own ceiling. Each invocation sends
 * {@value SimBench#BATCH} one-lot FAK orders on IF (buy open / sell close alternately, marketable) and waits
 * until the listener has seen every one reach a final state. The journal is on (fsync per group commit) or off.
 * <pre>java -jar jtrader-bench/target/benchmarks.jar SimGatewayThroughput -f 1 -wi 3 -i 5 -w 1 -r 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SimGatewayThroughputBenchmark {

    @Param({"true", "false"})
    public boolean journal;

    private Path home;
    private SimGateway gateway;
    private final SimBench.Counter counter = new SimBench.Counter();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        home = Files.createTempDirectory("jtrader-bench-sim");
        GatewayListener listener = new GatewayListener() {
            @Override
            public void onOrder(OrderData order) {
                Status s = order.status();
                if (s == Status.ALLTRADED) {
                    counter.finished(true);
                } else if (s == Status.CANCELLED || s == Status.REJECTED) {
                    counter.finished(false);
                }
            }

            @Override
            public void onTick(TickData tick) {
            }

            @Override
            public void onTrade(TradeData trade) {
            }

            @Override
            public void onPosition(PositionData position) {
            }

            @Override
            public void onAccount(AccountData account) {
            }

            @Override
            public void onContract(ContractData contract) {
            }

            @Override
            public void onQuote(QuoteData quote) {
            }

            @Override
            public void onLog(LogData log) {
            }
        };
        gateway = new SimGateway(new GatewayContext("SIM", listener, home));
        gateway.connect(GatewaySettings.of(Map.of(SimSettings.JOURNAL, journal, SimSettings.ORDER_ACK_LATENCY_MS, 0,
                SimSettings.TICK_INTERVAL_MS, 1, SimSettings.INITIAL_CAPITAL, 1e12)));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        counter.awaitAll();
        gateway.close();
        SimBench.deleteTree(home);
    }

    @Benchmark
    @OperationsPerInvocation(SimBench.BATCH)
    public void ordersFilled(SimBench.Fills fills) {
        long target = counter.expect(SimBench.BATCH);
        for (int i = 0; i < SimBench.BATCH; i++) {
            gateway.sendOrder(SimBench.order(i));
        }
        counter.awaitFinished(target, fills);
    }
}
