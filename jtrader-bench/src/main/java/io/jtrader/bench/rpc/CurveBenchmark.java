package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.pickle.PyTuple;
import io.jtrader.rpc.security.CurveKeys;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CurveZMQ versus plain TCP, between two processes: the same {@code send_order}-shaped call to two identical
 * RpcServers in one child JVM, one plain and one CurveZMQ (encrypted, the client key on its allow-list). Per repeat,
 * interleaved (the order alternates each repeat): round trip (one call at a time, p50/p99) and throughput (calls
 * pipelined with {@code --window} in flight). Ratios curve/plain are taken within each repeat and reported as median
 * (min–max). Target: p50 round-trip overhead ≤ 20% (ratio ≤ 1.20).
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.CurveBenchmark --calls 20000 --warmup 20000 --pipelined 200000 --window 1000 --repeats 5</pre>
 */
public final class CurveBenchmark {
    public static void main(String[] args) {
        int calls = (int) BenchSupport.longArg(args, "calls", 20_000);
        int warmup = (int) BenchSupport.longArg(args, "warmup", 20_000);
        int pipelined = (int) BenchSupport.longArg(args, "pipelined", 200_000);
        int window = (int) BenchSupport.longArg(args, "window", 1_000);
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        long spin = BenchSupport.longArg(args, "spin", 0);
        // Envelopes: by default each client its own default (plain: [id, "", pickle]; CURVE: the one-frame envelope);
        // --compact 1 gives the plain client the one-frame envelope too, so only the encryption differs.
        boolean compactPlain = BenchSupport.longArg(args, "compact", 0) != 0;
        System.out.println("# CurveZMQ vs plain, " + BenchSupport.environment() + "; calls=" + calls + " warmup=" + warmup
                + " pipelined=" + pipelined + " window=" + window + " repeats=" + repeats + " idleSpinMicros=" + spin
                + " plain envelope=" + (compactPlain ? "one frame" : "[id, '', pickle]") + " curve envelope=one frame");
        FrameCodec codec = BenchSupport.codec();
        PyTuple orderArgs = PyTuple.of("rb2601.SHFE", "LONG", 3500.0, 1.0);
        CurveKeys clientKeys = CurveKeys.generate();
        double[] plainP50 = new double[repeats];
        double[] curveP50 = new double[repeats];
        double[] plainP99 = new double[repeats];
        double[] curveP99 = new double[repeats];
        double[] ratioP50 = new double[repeats];
        double[] ratioP99 = new double[repeats];
        double[] plainRate = new double[repeats];
        double[] curveRate = new double[repeats];
        double[] rateRatio = new double[repeats];
        try (BenchSupport.Child server = new BenchSupport.Child("curve-server", CurveServer.class,
                "--client-key", clientKeys.publicKey(), "--spin", String.valueOf(spin))) {
            String ready = server.expect("READY", 60);
            try (RpcClient plain = new RpcClient(new RpcClient.Context().reqEndpoint(BenchSupport.field(ready, "plain"))
                    .subEndpoint(null).codec(codec).callTimeoutMs(30_000).idleSpinMicros(spin).compactEnvelope(compactPlain));
                 RpcClient curve = new RpcClient(new RpcClient.Context().reqEndpoint(BenchSupport.field(ready, "curve"))
                         .curve(BenchSupport.field(ready, "server-key"), clientKeys)
                         .subEndpoint(null).codec(codec).callTimeoutMs(30_000).idleSpinMicros(spin))) {
                for (int r = 0; r < repeats; r++) {
                    Histogram plainHistogram = new Histogram(3);
                    Histogram curveHistogram = new Histogram(3);
                    if (r % 2 == 0) {
                        roundTrips(plain, orderArgs, warmup, calls, plainHistogram);
                        roundTrips(curve, orderArgs, warmup, calls, curveHistogram);
                        plainRate[r] = throughput(plain, orderArgs, pipelined, window);
                        curveRate[r] = throughput(curve, orderArgs, pipelined, window);
                    } else {
                        roundTrips(curve, orderArgs, warmup, calls, curveHistogram);
                        roundTrips(plain, orderArgs, warmup, calls, plainHistogram);
                        curveRate[r] = throughput(curve, orderArgs, pipelined, window);
                        plainRate[r] = throughput(plain, orderArgs, pipelined, window);
                    }
                    plainP50[r] = plainHistogram.getValueAtPercentile(50) / 1000.0;
                    plainP99[r] = plainHistogram.getValueAtPercentile(99) / 1000.0;
                    curveP50[r] = curveHistogram.getValueAtPercentile(50) / 1000.0;
                    curveP99[r] = curveHistogram.getValueAtPercentile(99) / 1000.0;
                    ratioP50[r] = curveP50[r] / plainP50[r];
                    ratioP99[r] = curveP99[r] / plainP99[r];
                    rateRatio[r] = curveRate[r] / plainRate[r];
                    System.out.printf(Locale.ROOT, "repeat %d: plain p50 %.1f µs p99 %.1f µs %.0f calls/s pipelined | curve p50"
                                    + " %.1f µs p99 %.1f µs %.0f calls/s pipelined | curve/plain p50 %.2f p99 %.2f throughput %.2f%n",
                            r + 1, plainP50[r], plainP99[r], plainRate[r], curveP50[r], curveP99[r], curveRate[r],
                            ratioP50[r], ratioP99[r], rateRatio[r]);
                }
            }
        }
        System.out.println("RESULT plain round trip p50 µs " + BenchSupport.summary(plainP50, "%.1f") + "; p99 µs "
                + BenchSupport.summary(plainP99, "%.1f") + "; pipelined calls/s " + BenchSupport.summary(plainRate, "%.0f"));
        System.out.println("RESULT curve round trip p50 µs " + BenchSupport.summary(curveP50, "%.1f") + "; p99 µs "
                + BenchSupport.summary(curveP99, "%.1f") + "; pipelined calls/s " + BenchSupport.summary(curveRate, "%.0f"));
        System.out.println("RESULT ratio curve/plain round trip p50 " + BenchSupport.summary(ratioP50, "%.2f")
                + " (target <= 1.20); p99 " + BenchSupport.summary(ratioP99, "%.2f") + "; pipelined throughput "
                + BenchSupport.summary(rateRatio, "%.2f"));
    }

    private static void roundTrips(RpcClient client, PyTuple orderArgs, int warmup, int calls, Histogram histogram) {
        Duration timeout = Duration.ofSeconds(30);
        for (int i = 0; i < warmup + calls; i++) {
            long t0 = System.nanoTime();
            Object result = client.call(timeout, "send_order", orderArgs, Map.of());
            if (i >= warmup) {
                histogram.recordValue(System.nanoTime() - t0);
            }
            requireResult(result);
        }
    }

    /** Calls per second with {@code window} calls in flight (the first tenth is warm-up and not timed). */
    private static double throughput(RpcClient client, PyTuple orderArgs, int calls, int window) {
        Duration timeout = Duration.ofSeconds(30);
        int warm = calls / 10;
        ArrayDeque<CompletableFuture<Object>> inFlight = new ArrayDeque<>(window);
        long start = 0;
        for (int i = 0; i < warm + calls; i++) {
            if (i == warm) {
                drain(inFlight, 0);
                start = System.nanoTime();
            }
            inFlight.add(client.callAsync(timeout, "send_order", orderArgs, Map.of()));
            drain(inFlight, window);
        }
        drain(inFlight, 0);
        return calls * 1e9 / (System.nanoTime() - start);
    }

    private static void drain(ArrayDeque<CompletableFuture<Object>> inFlight, int keep) {
        while (inFlight.size() > keep) {
            try {
                requireResult(inFlight.poll().get(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a pipelined call", e);
            } catch (Exception e) {
                throw new IllegalStateException("pipelined call failed: " + e, e);
            }
        }
    }

    private static void requireResult(Object result) {
        if (!RoundTripServer.RESULT.equals(result)) {
            throw new IllegalStateException("unexpected result " + result);
        }
    }
}
