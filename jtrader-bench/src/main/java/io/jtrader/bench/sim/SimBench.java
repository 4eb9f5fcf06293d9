package io.jtrader.bench.sim;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** Shared pieces of the SIM benchmarks. */
public final class SimBench {
    static final int BATCH = 1_000;
    private static final OrderRequest BUY = new OrderRequest("IF2612", Exchange.CFFEX, Direction.LONG, OrderType.FAK,
            1, 4900, Offset.OPEN, "bench");
    private static final OrderRequest SELL = new OrderRequest("IF2612", Exchange.CFFEX, Direction.SHORT, OrderType.FAK,
            1, 4100, Offset.CLOSE, "bench");

    private SimBench() {
    }

    /** Buy open, then sell close: marketable one-lot FAKs inside IF's limit band, so the position stays flat. */
    static OrderRequest order(int i) {
        return (i & 1) == 0 ? BUY : SELL;
    }

    /**
     * Counts orders reaching a final state. The benchmark keeps two batches in flight: after sending batch k it
     * parks until batch k-1 is done, so the pipeline (sender, exchange, journal, event engine) never drains
     * between invocations, as with several RPC clients sending at once. {@link #awaitAll()} drains it at the end.
     */
    static final class Counter {
        private final AtomicLong finished = new AtomicLong();
        private final AtomicLong filled = new AtomicLong();
        private long expected;

        long expect(int n) {
            expected += n;
            return expected;
        }

        void finished(boolean wasFilled) {
            if (wasFilled) {
                filled.incrementAndGet();
            }
            finished.incrementAndGet();
        }

        /** Parks until all but the last {@code inFlight} sent orders are final. */
        void awaitFinished(long target, Fills fills) {
            awaitCount(target - BATCH);
            long f = filled.getAndSet(0);
            fills.filled += f;
            fills.unfilled += SimBench.BATCH - f;
        }

        void awaitAll() {
            awaitCount(expected);
        }

        private void awaitCount(long target) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (finished.get() < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("orders did not finish within 30 s: " + finished.get() + " of " + target);
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /** Reported beside the score: how many orders filled and how many did not (should be 0). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Fills {
        public long filled;
        public long unfilled;

        @Setup(Level.Iteration)
        public void reset() {
            filled = 0;
            unfilled = 0;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
