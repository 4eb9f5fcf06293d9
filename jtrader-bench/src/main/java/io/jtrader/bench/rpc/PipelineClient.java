package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcClient;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link PipelineBenchmark}: {@code --connections} RpcClients, each a thread keeping
 * {@code --window} calls of {@code seq(connection, n)} in flight. Warms up, prints {@code READY}, runs on
 * {@code GO}, prints {@code DONE calls=N seconds=S disorder=D errors=E} (disorder: replies completed out of order).
 */
public final class PipelineClient {
    public static void main(String[] args) throws Exception {
        String rep = BenchSupport.stringArg(args, "rep", null);
        String name = BenchSupport.stringArg(args, "name", "p");
        int connections = (int) BenchSupport.longArg(args, "connections", 1);
        long calls = BenchSupport.longArg(args, "calls", 100_000);
        int window = (int) BenchSupport.longArg(args, "window", 1_000);
        long warmup = BenchSupport.longArg(args, "warmup", 20_000);
        FrameCodec codec = BenchSupport.codec();
        List<RpcClient> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            clients.add(new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(null).codec(codec)
                    .callTimeoutMs(30_000)));
        }
        AtomicLong disorder = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        runAll(clients, name + "-warm", warmup, window, disorder, errors);
        System.out.println("READY");
        BufferedReader stdin = BenchSupport.stdin();
        String line;
        int run = 0;
        while ((line = BenchSupport.readControl(stdin)) != null) {
            if (!line.equals("GO")) {
                continue;
            }
            disorder.set(0);
            errors.set(0);
            long start = System.nanoTime();
            runAll(clients, name + "-run" + run++, calls, window, disorder, errors);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println("DONE calls=" + calls * connections + " seconds=" + seconds + " disorder=" + disorder.get()
                    + " errors=" + errors.get());
        }
        clients.forEach(RpcClient::close);
        System.exit(0);
    }

    private static void runAll(List<RpcClient> clients, String prefix, long calls, int window, AtomicLong disorder,
                               AtomicLong errors) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            RpcClient client = clients.get(c);
            String connection = prefix + "-c" + c;
            threads.add(new Thread(() -> runConnection(client, connection, calls, window, disorder, errors),
                    "bench-connection-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void runConnection(RpcClient client, String connection, long calls, int window, AtomicLong disorder,
                                      AtomicLong errors) {
        Semaphore permits = new Semaphore(window);
        AtomicLong expected = new AtomicLong();
        for (long n = 0; n < calls; n++) {
            permits.acquireUninterruptibly();
            client.callAsync("seq", connection, n).whenComplete((value, failure) -> {
                if (failure != null) {
                    errors.incrementAndGet();
                } else if (!(value instanceof Long v) || v != expected.getAndIncrement()) {
                    disorder.incrementAndGet();
                }
                permits.release();
            });
        }
        permits.acquireUninterruptibly(window);
    }
}
