package io.jtrader.bench.sim;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.Status;
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
 * Orders through {@code MainEngine.sendOrder} → SIM (journal on by default) → events: each invocation sends
 * {@value SimBench#BATCH} one-lot marketable FAK orders on IF and (keeping one more batch in flight) waits until an {@code eOrder.} handler on the
 * event engine has seen every one in a final state; the OMS holds them all. The event engine uses its default
 * backoff idle strategy.
 * <pre>java -jar jtrader-bench/target/benchmarks.jar SimThroughput -f 1 -wi 3 -i 5 -w 1 -r 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SimThroughputBenchmark {

    @Param({"true"})
    public boolean journal;

    /** vn.py 4.2+ logs every command as an eLog; that doubles the events per order. */
    @Param({"false", "true"})
    public boolean logCommands;

    private Path home;
    private MainEngine engine;
    private final SimBench.Counter counter = new SimBench.Counter();
    private long sent;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        home = Files.createTempDirectory("jtrader-bench-sim");
        EventEngine events = new EventEngine(new EventEngine.Context().daemon(true));
        events.register(EventType.ORDER, event -> {
            Status s = ((OrderData) event.data()).status();
            if (s == Status.ALLTRADED) {
                counter.finished(true);
            } else if (s == Status.CANCELLED || s == Status.REJECTED) {
                counter.finished(false);
            }
        });
        engine = new MainEngine(new MainEngine.Context().eventEngine(events).homeDir(home).logCommands(logCommands)
                .installLogEventLogger(false));
        engine.addGateway("SIM");
        engine.connect(GatewaySettings.of(Map.of(SimSettings.JOURNAL, journal, SimSettings.ORDER_ACK_LATENCY_MS, 0,
                SimSettings.TICK_INTERVAL_MS, 1, SimSettings.INITIAL_CAPITAL, 1e12)), "SIM");
        System.out.println("# SIM via MainEngine: journal " + journal + ", logCommands " + logCommands + ", JDK "
                + Runtime.version() + ", cores " + Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        counter.awaitAll();
        int inOms = engine.oms().getAllOrders().size();
        long dropped = engine.eventEngine().droppedEvents();
        engine.close();
        SimBench.deleteTree(home);
        if (dropped != 0) {
            throw new IllegalStateException(dropped + " events were dropped by the event engine");
        }
        if (inOms != sent) {
            throw new IllegalStateException("the OMS holds " + inOms + " orders, " + sent + " were sent");
        }
    }

    @Benchmark
    @OperationsPerInvocation(SimBench.BATCH)
    public void ordersFilled(SimBench.Fills fills) {
        long target = counter.expect(SimBench.BATCH);
        for (int i = 0; i < SimBench.BATCH; i++) {
            engine.sendOrder(SimBench.order(i), "SIM");
        }
        sent += SimBench.BATCH;
        counter.awaitFinished(target, fills);
    }
}
