package io.jtrader.bench.rpc;

import io.jtrader.rpc.RpcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pipelined calls: one client process with one connection, and 16 connections from 4 client processes, against
 * one server process. Each connection keeps {@code --window} calls in flight; the server checks every
 * connection's calls arrive in order, clients check replies complete in order. Repeats alternate the two
 * shapes; throughput is total calls / wall time from GO to the last DONE. Target: ≥ 50,000 calls/s for both.
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.PipelineBenchmark --calls 200000 --window 1000 --repeats 5</pre>
 */
public final class PipelineBenchmark {
    public static void main(String[] args) {
        long calls = BenchSupport.longArg(args, "calls", 200_000);
        int window = (int) BenchSupport.longArg(args, "window", 1_000);
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        long warmup = BenchSupport.longArg(args, "warmup", 20_000);
        System.out.println("# RPC pipelined calls, " + BenchSupport.environment() + "; calls per shape=" + calls
                + " window=" + window + " repeats=" + repeats);
        double[] single = new double[repeats];
        double[] multi = new double[repeats];
        long problems = 0;
        try (BenchSupport.Child server = new BenchSupport.Child("server", PipelineServer.class)) {
            String rep = BenchSupport.field(server.expect("READY", 60), "rep");
            List<BenchSupport.Child> one = startClients(rep, 1, 1, calls, window, warmup);
            List<BenchSupport.Child> four = startClients(rep, 4, 4, calls / 16, window, warmup / 16);
            try {
                for (int r = 0; r < repeats; r++) {
                    single[r] = run(one);
                    multi[r] = run(four);
                    System.out.printf(Locale.ROOT, "repeat %d: 1 connection %.0f calls/s | 16 connections / 4 processes %.0f calls/s%n",
                            r + 1, single[r], multi[r]);
                }
            } finally {
                one.forEach(BenchSupport.Child::close);
                four.forEach(BenchSupport.Child::close);
            }
            try (RpcClient probe = new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(null)
                    .codec(BenchSupport.codec()))) {
                List<?> stats = (List<?>) probe.call("stats");
                problems = (Long) stats.get(1);
                System.out.println("server: calls=" + stats.get(0) + " out_of_order=" + stats.get(1));
            }
        }
        System.out.println("RESULT pipelined 1 connection calls/s " + BenchSupport.summary(single, "%.0f") + " (target >= 50000)");
        System.out.println("RESULT pipelined 16 connections from 4 processes calls/s " + BenchSupport.summary(multi, "%.0f")
                + " (target >= 50000); out of order: " + problems);
        if (problems != 0) {
            throw new IllegalStateException(problems + " call(s) ran out of order");
        }
    }

    private static List<BenchSupport.Child> startClients(String rep, int processes, int connections, long calls, int window, long warmup) {
        List<BenchSupport.Child> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            String name = "client" + connections + "x" + p;
            children.add(new BenchSupport.Child(name, PipelineClient.class, "--rep", rep, "--name", name,
                    "--connections", String.valueOf(connections), "--calls", String.valueOf(calls),
                    "--window", String.valueOf(window), "--warmup", String.valueOf(warmup)));
        }
        for (BenchSupport.Child child : children) {
            child.expect("READY", 120);
        }
        return children;
    }

    private static double run(List<BenchSupport.Child> clients) {
        long start = System.nanoTime();
        clients.forEach(c -> c.send("GO"));
        long total = 0;
        for (BenchSupport.Child client : clients) {
            String done = client.expect("DONE", 600);
            total += Long.parseLong(BenchSupport.field(done, "calls"));
            long disorder = Long.parseLong(BenchSupport.field(done, "disorder"));
            long errors = Long.parseLong(BenchSupport.field(done, "errors"));
            if (disorder != 0 || errors != 0) {
                throw new IllegalStateException("client reported disorder=" + disorder + " errors=" + errors);
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }
}
