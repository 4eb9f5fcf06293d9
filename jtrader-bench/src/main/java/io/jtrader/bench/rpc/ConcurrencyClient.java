package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.pickle.PyTuple;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link ConcurrencyBenchmark}: {@code --connections} RpcClients, each a thread calling
 * {@code --function} back to back (one call in flight per connection, as a trader's client does). On
 * {@code GO seconds} every connection calls for that long; then prints
 * {@code DONE calls=N errors=E worst_p99_us=W histogram=BASE64} (the merged latency histogram, compressed).
 */
public final class ConcurrencyClient {
    private static final PyTuple ORDER = PyTuple.of("rb2601.SHFE", "LONG", 3500.0, 1.0);

    public static void main(String[] args) throws Exception {
        String rep = BenchSupport.stringArg(args, "rep", null);
        int connections = (int) BenchSupport.longArg(args, "connections", 1);
        String function = BenchSupport.stringArg(args, "function", "send_order");
        double warmupSeconds = Double.parseDouble(BenchSupport.stringArg(args, "warmup-seconds", "1"));
        FrameCodec codec = BenchSupport.codec();
        List<RpcClient> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            clients.add(new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(null).codec(codec)
                    .callTimeoutMs(30_000)));
        }
        runAll(clients, function, warmupSeconds, new Histogram(3), new AtomicLong(), new AtomicLong());
        System.out.println("READY");
        BufferedReader stdin = BenchSupport.stdin();
        String line;
        while ((line = BenchSupport.readControl(stdin)) != null) {
            String[] go = line.split(" ");
            if (go.length != 2 || !go[0].equals("GO")) {
                continue;
            }
            Histogram merged = new Histogram(3);
            AtomicLong errors = new AtomicLong();
            AtomicLong worstP99 = new AtomicLong();
            runAll(clients, function, Double.parseDouble(go[1]), merged, errors, worstP99);
            ByteBuffer buffer = ByteBuffer.allocate(merged.getNeededByteBufferCapacity());
            int length = merged.encodeIntoCompressedByteBuffer(buffer);
            System.out.println("DONE calls=" + merged.getTotalCount() + " errors=" + errors.get() + " worst_p99_us="
                    + worstP99.get() / 1_000 + " histogram=" + Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOf(buffer.array(), length)));
        }
        clients.forEach(RpcClient::close);
        System.exit(0);
    }

    private static void runAll(List<RpcClient> clients, String function, double seconds, Histogram merged,
                               AtomicLong errors, AtomicLong worstP99) throws InterruptedException {
        long endNs = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            RpcClient client = clients.get(c);
            threads.add(new Thread(() -> {
                Histogram own = new Histogram(3);
                Duration timeout = Duration.ofSeconds(30);
                while (System.nanoTime() - endNs < 0) {
                    long t0 = System.nanoTime();
                    try {
                        if (function.equals("send_order")) {
                            client.call(timeout, "send_order", ORDER, Map.of());
                        } else {
                            client.call(timeout, function, PyTuple.of(), Map.of());
                        }
                        own.recordValue(System.nanoTime() - t0);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
                synchronized (merged) {
                    merged.add(own);
                    worstP99.accumulateAndGet(own.getValueAtPercentile(99), Math::max);
                }
            }, "bench-connection-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
