package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.pickle.PyTuple;
import org.HdrHistogram.Histogram;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Round trip of a small call between two processes: jtrader RpcClient → RpcServer versus raw JeroMQ REQ → REP
 * with the same request and reply bytes. Runs are interleaved (the order alternates each repeat); the ratios
 * ours/raw of p50 and p99 are taken within each repeat and reported as median (min, max). Targets: p50 ≤ 1.1×,
 * p99 ≤ 1.3×.
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.RoundTripBenchmark --calls 20000 --warmup 20000 --repeats 5</pre>
 *
 * <p>{@code --raw-timeout-ms N} makes the raw REQ wait for each reply in receives of at most N ms, called again until
 * the reply comes (as a client that must look at something else now and then would): it shows what short timed
 * waits cost on the machine (docs/benchmarks.md, round 5). Default 0: one receive with a 10 s timeout.
 */
public final class RoundTripBenchmark {
    public static void main(String[] args) {
        int calls = (int) BenchSupport.longArg(args, "calls", 20_000);
        int warmup = (int) BenchSupport.longArg(args, "warmup", 20_000);
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        long spin = BenchSupport.longArg(args, "spin", 0);
        long inline = BenchSupport.longArg(args, "inline", 1);
        int rawTimeoutMs = (int) BenchSupport.longArg(args, "raw-timeout-ms", 0);
        System.out.println("# RPC round trip, " + BenchSupport.environment() + "; calls=" + calls + " warmup=" + warmup
                + " repeats=" + repeats + " idleSpinMicros=" + spin + " inline=" + (inline != 0) + " rawTimeoutMs=" + rawTimeoutMs);
        FrameCodec codec = BenchSupport.codec();
        PyTuple orderArgs = PyTuple.of("rb2601.SHFE", "LONG", 3500.0, 1.0);
        byte[] request = codec.encode(List.of("send_order", orderArgs, Map.of()));
        double[] oursP50 = new double[repeats];
        double[] oursP99 = new double[repeats];
        double[] rawP50 = new double[repeats];
        double[] rawP99 = new double[repeats];
        double[] ratioP50 = new double[repeats];
        double[] ratioP99 = new double[repeats];
        double[] oursRate = new double[repeats];
        double[] rawRate = new double[repeats];
        try (BenchSupport.Child server = new BenchSupport.Child("server", RoundTripServer.class, "--spin", String.valueOf(spin),
                "--inline", String.valueOf(inline));
             ZContext zmq = new ZContext(1)) {
            String ready = server.expect("READY", 60);
            RpcClient client = new RpcClient(new RpcClient.Context().reqEndpoint(BenchSupport.field(ready, "ours"))
                    .subEndpoint(null).codec(codec).callTimeoutMs(10_000).idleSpinMicros(spin));
            ZMQ.Socket req = BenchSupport.answeringReq(zmq, BenchSupport.field(ready, "raw"), request);
            try {
                for (int r = 0; r < repeats; r++) {
                    Histogram ours = new Histogram(3);
                    Histogram raw = new Histogram(3);
                    long[] rates = new long[2];
                    if (r % 2 == 0) {
                        rates[0] = runOurs(client, orderArgs, warmup, calls, ours);
                        rates[1] = runRaw(req, request, warmup, calls, raw, rawTimeoutMs);
                    } else {
                        rates[1] = runRaw(req, request, warmup, calls, raw, rawTimeoutMs);
                        rates[0] = runOurs(client, orderArgs, warmup, calls, ours);
                    }
                    oursP50[r] = ours.getValueAtPercentile(50) / 1000.0;
                    oursP99[r] = ours.getValueAtPercentile(99) / 1000.0;
                    rawP50[r] = raw.getValueAtPercentile(50) / 1000.0;
                    rawP99[r] = raw.getValueAtPercentile(99) / 1000.0;
                    ratioP50[r] = oursP50[r] / rawP50[r];
                    ratioP99[r] = oursP99[r] / rawP99[r];
                    oursRate[r] = rates[0];
                    rawRate[r] = rates[1];
                    System.out.printf(Locale.ROOT, "repeat %d: ours p50 %.1f µs p99 %.1f µs %d calls/s | raw p50 %.1f µs p99 %.1f µs %d calls/s | ratio p50 %.2f p99 %.2f%n",
                            r + 1, oursP50[r], oursP99[r], rates[0], rawP50[r], rawP99[r], rates[1], ratioP50[r], ratioP99[r]);
                }
            } finally {
                client.close();
            }
        }
        System.out.println("RESULT ours p50 µs " + BenchSupport.summary(oursP50, "%.1f") + "; p99 µs " + BenchSupport.summary(oursP99, "%.1f")
                + "; calls/s " + BenchSupport.summary(oursRate, "%.0f"));
        System.out.println("RESULT raw  p50 µs " + BenchSupport.summary(rawP50, "%.1f") + "; p99 µs " + BenchSupport.summary(rawP99, "%.1f")
                + "; calls/s " + BenchSupport.summary(rawRate, "%.0f"));
        System.out.println("RESULT ratio ours/raw p50 " + BenchSupport.summary(ratioP50, "%.2f") + " (target <= 1.10); p99 "
                + BenchSupport.summary(ratioP99, "%.2f") + " (target <= 1.30)");
    }

    private static long runOurs(RpcClient client, PyTuple orderArgs, int warmup, int calls, Histogram histogram) {
        Duration timeout = Duration.ofSeconds(10);
        for (int i = 0; i < warmup; i++) {
            client.call(timeout, "send_order", orderArgs, Map.of());
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            Object result = client.call(timeout, "send_order", orderArgs, Map.of());
            histogram.recordValue(System.nanoTime() - t0);
            if (!RoundTripServer.RESULT.equals(result)) {
                throw new IllegalStateException("unexpected result " + result);
            }
        }
        return calls * 1_000_000_000L / (System.nanoTime() - start);
    }

    private static long runRaw(ZMQ.Socket req, byte[] request, int warmup, int calls, Histogram histogram, int timeoutMs) {
        if (timeoutMs > 0) {
            req.setReceiveTimeOut(timeoutMs);
        }
        for (int i = 0; i < warmup; i++) {
            req.send(request, 0);
            requireReply(receive(req, timeoutMs));
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            req.send(request, 0);
            byte[] reply = receive(req, timeoutMs);
            histogram.recordValue(System.nanoTime() - t0);
            requireReply(reply);
        }
        req.setReceiveTimeOut(10_000);
        return calls * 1_000_000_000L / (System.nanoTime() - start);
    }

    /** One receive (10 s timeout), or receives of {@code timeoutMs} until the reply comes, for at most 10 s. */
    private static byte[] receive(ZMQ.Socket req, int timeoutMs) {
        if (timeoutMs <= 0) {
            return req.recv(0);
        }
        long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        byte[] reply;
        while ((reply = req.recv(0)) == null && System.nanoTime() - giveUpNs < 0) {
            // the timeout passed without the reply: wait again, as a client that looks elsewhere in between would
        }
        return reply;
    }

    private static void requireReply(byte[] reply) {
        if (reply == null) {
            throw new IllegalStateException("raw REP server did not reply within 10 s");
        }
    }
}
