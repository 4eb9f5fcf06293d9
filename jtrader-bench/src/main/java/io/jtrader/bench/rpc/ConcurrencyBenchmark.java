package io.jtrader.bench.rpc;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Concurrency: 1, 4 and 16 connections (from up to 4 client processes) calling {@code send_order} back to back
 * against one server process, each repeat once quiet and once while one more connection keeps calling a slow
 * {@code query_history} (holds a worker for {@code --slow-ms}); the order alternates every repeat. Reports aggregate
 * calls/s, the send_order p50/p99 of all connections together, the worst single connection's p99, and the ratio
 * loaded/quiet of the p99 (target ≤ 1.20: the stuck connection must not slow the others by more than 20%).
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.ConcurrencyBenchmark --seconds 5 --repeats 5</pre>
 */
public final class ConcurrencyBenchmark {
    public static void main(String[] args) {
        double seconds = Double.parseDouble(BenchSupport.stringArg(args, "seconds", "5"));
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        long slowMs = BenchSupport.longArg(args, "slow-ms", 200);
        long inline = BenchSupport.longArg(args, "inline", 0);
        String warmup = BenchSupport.stringArg(args, "warmup-seconds", "2");
        String[] shapes = BenchSupport.stringArg(args, "connections", "1,4,16").split(",");
        System.out.println("# RPC concurrency, " + BenchSupport.environment() + "; seconds=" + seconds + " repeats="
                + repeats + " slow query_history=" + slowMs + " ms, send_order " + (inline != 0 ? "inline" : "on the pool"));
        try (BenchSupport.Child server = new BenchSupport.Child("server", ConcurrencyServer.class,
                "--slow-ms", String.valueOf(slowMs), "--inline", String.valueOf(inline))) {
            String ready = server.expect("READY", 60);
            System.out.println("server: " + ready);
            String rep = BenchSupport.field(ready, "rep");
            for (String shape : shapes) {
                runShape(rep, Integer.parseInt(shape.trim()), seconds, repeats, warmup);
            }
        }
    }

    private static void runShape(String rep, int connections, double seconds, int repeats, String warmup) {
        int processes = Math.min(4, connections);
        if (connections % processes != 0) {
            throw new IllegalArgumentException("connections must be 1..4 or a multiple of 4, got " + connections);
        }
        List<BenchSupport.Child> orders = new ArrayList<>();
        double[] quietRate = new double[repeats];
        double[] loadedRate = new double[repeats];
        double[] quietP50 = new double[repeats];
        double[] quietP99 = new double[repeats];
        double[] loadedP50 = new double[repeats];
        double[] loadedP99 = new double[repeats];
        double[] worstQuiet = new double[repeats];
        double[] worstLoaded = new double[repeats];
        double[] ratio = new double[repeats];
        try (BenchSupport.Child slow = new BenchSupport.Child("slow", ConcurrencyClient.class, "--rep", rep,
                "--connections", "1", "--function", "query_history", "--warmup-seconds", "0")) {
            for (int p = 0; p < processes; p++) {
                orders.add(new BenchSupport.Child("orders" + connections + "x" + p, ConcurrencyClient.class, "--rep", rep,
                        "--connections", String.valueOf(connections / processes), "--warmup-seconds", warmup));
            }
            slow.expect("READY", 120);
            orders.forEach(c -> c.expect("READY", 120));
            for (int r = 0; r < repeats; r++) {
                for (int step = 0; step < 2; step++) {
                    boolean loaded = (step == 0) == (r % 2 == 1);
                    double[] result = run(orders, loaded ? slow : null, seconds);
                    if (loaded) {
                        loadedRate[r] = result[0];
                        loadedP50[r] = result[1];
                        loadedP99[r] = result[2];
                        worstLoaded[r] = result[3];
                    } else {
                        quietRate[r] = result[0];
                        quietP50[r] = result[1];
                        quietP99[r] = result[2];
                        worstQuiet[r] = result[3];
                    }
                }
                ratio[r] = loadedP99[r] / quietP99[r];
                System.out.printf(Locale.ROOT, "repeat %d, %d connection(s): quiet %.0f calls/s p50 %.0f p99 %.0f µs (worst connection %.0f)"
                                + " | with a slow query_history %.0f calls/s p50 %.0f p99 %.0f µs (worst %.0f) | p99 ratio %.2f%n",
                        r + 1, connections, quietRate[r], quietP50[r], quietP99[r], worstQuiet[r], loadedRate[r], loadedP50[r],
                        loadedP99[r], worstLoaded[r], ratio[r]);
            }
        } finally {
            orders.forEach(BenchSupport.Child::close);
        }
        String label = "RESULT concurrency " + connections + " connection(s) from " + processes + " process(es)";
        System.out.println(label + " quiet: calls/s " + BenchSupport.summary(quietRate, "%.0f") + "; send_order p50 µs "
                + BenchSupport.summary(quietP50, "%.0f") + "; p99 µs " + BenchSupport.summary(quietP99, "%.0f")
                + "; worst connection p99 µs " + BenchSupport.summary(worstQuiet, "%.0f"));
        System.out.println(label + " with a slow query_history: calls/s " + BenchSupport.summary(loadedRate, "%.0f")
                + "; send_order p50 µs " + BenchSupport.summary(loadedP50, "%.0f") + "; p99 µs "
                + BenchSupport.summary(loadedP99, "%.0f") + "; worst connection p99 µs " + BenchSupport.summary(worstLoaded, "%.0f"));
        System.out.println(label + " p99 ratio slow/quiet " + BenchSupport.summary(ratio, "%.2f") + " (target <= 1.20)");
    }

    /** One timed round: {calls/s, p50 µs, p99 µs, worst connection p99 µs}. */
    private static double[] run(List<BenchSupport.Child> orders, BenchSupport.Child slow, double seconds) {
        String go = "GO " + seconds;
        if (slow != null) {
            slow.send(go);
        }
        orders.forEach(c -> c.send(go));
        Histogram merged = new Histogram(3);
        double worst = 0;
        for (BenchSupport.Child child : orders) {
            String done = child.expect("DONE", (long) seconds + 120);
            long errors = Long.parseLong(BenchSupport.field(done, "errors"));
            if (errors != 0) {
                throw new IllegalStateException(errors + " send_order call(s) failed");
            }
            byte[] encoded = Base64.getDecoder().decode(BenchSupport.field(done, "histogram"));
            try {
                merged.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 0));
            } catch (java.util.zip.DataFormatException e) {
                throw new IllegalStateException("bad histogram from " + done.substring(0, Math.min(60, done.length())), e);
            }
            worst = Math.max(worst, Double.parseDouble(BenchSupport.field(done, "worst_p99_us")));
        }
        if (slow != null) {
            String done = slow.expect("DONE", (long) seconds + 120);
            if (Long.parseLong(BenchSupport.field(done, "calls")) == 0) {
                throw new IllegalStateException("the slow connection completed no query_history call");
            }
        }
        return new double[]{merged.getTotalCount() / seconds, merged.getValueAtPercentile(50) / 1_000.0,
                merged.getValueAtPercentile(99) / 1_000.0, worst};
    }
}
