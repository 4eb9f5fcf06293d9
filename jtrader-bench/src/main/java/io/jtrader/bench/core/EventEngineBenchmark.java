package io.jtrader.bench.core;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventHandler;
import io.jtrader.core.event.EventType;
import io.jtrader.core.event.IdleStrategy;
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

import java.util.concurrent.TimeUnit;

/**
 * EventEngine throughput: one producer thread puts events (a new {@link Event} each, as a gateway does) and the
 * {@code event-engine} thread dispatches each to 4 handlers registered for its type that only count. One
 * invocation puts {@value #BATCH} events and returns when all of them have been dispatched, so the score
 * (ops/s = events/s) is the end-to-end put → dispatch rate; a put refused because the queue is full is retried
 * (back-pressure), never lost.
 *
 * <p>Run: {@code java -jar jtrader-bench/target/benchmarks.jar EventEngineBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1}.
 * {@code idle=busy-spin} keeps the engine thread spinning (benchmark setting); {@code idle=backoff} is the
 * default strategy that parks when idle (the producer must then wake it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventEngineBenchmark {
    static final int BATCH = 10_000;

    @Param({"busy-spin", "backoff"})
    public String idle;

    private EventEngine engine;
    private final Object payload = new Object();
    private long put;

    /** Counting handlers; written on the event-engine thread only. */
    static final class CountingHandler implements EventHandler {
        long count;

        @Override
        public void onEvent(Event event) {
            count++;
        }
    }

    private final CountingHandler[] handlers = {
            new CountingHandler(), new CountingHandler(), new CountingHandler(), new CountingHandler()};

    @Setup(Level.Trial)
    public void setUp() {
        IdleStrategy strategy = idle.equals("busy-spin") ? IdleStrategy.busySpin() : IdleStrategy.backoff();
        engine = new EventEngine(new EventEngine.Context().idleStrategy(strategy).daemon(true));
        for (CountingHandler handler : handlers) {
            engine.register(EventType.TICK, handler);
        }
        engine.start();
        System.out.println("# EventEngine idle strategy: " + strategy.name() + ", queue " + engine.queueCapacity()
                + ", JDK " + Runtime.version() + ", cores " + Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.stop();
        long expected = put;
        for (CountingHandler handler : handlers) {
            if (handler.count != expected) {
                throw new IllegalStateException("a handler counted " + handler.count + " events, expected " + expected);
            }
        }
        if (engine.handlerErrors() != 0) {
            throw new IllegalStateException(engine.handlerErrors() + " handler errors");
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long putAndDispatchToFourHandlers() {
        EventEngine e = engine;
        for (int i = 0; i < BATCH; i++) {
            Event event = new Event(EventType.TICK, payload);
            int spins = 0;
            while (!e.put(event)) {
                spins = backOff(spins);
            }
        }
        put += BATCH;
        long target = put;
        int spins = 0;
        while (e.dispatchedEvents() < target) {
            spins = backOff(spins);
        }
        return target;
    }

    /** Spin briefly, then yield: on a loaded 2-core machine a spinning producer would starve the engine thread. */
    private static int backOff(int spins) {
        if (spins < 100) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }
}
