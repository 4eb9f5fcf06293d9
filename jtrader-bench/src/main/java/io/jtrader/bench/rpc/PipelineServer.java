package io.jtrader.bench.rpc;

import io.jtrader.rpc.RpcServer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link PipelineBenchmark}: serves {@code seq(connection, n)}, which checks that each
 * connection's numbers arrive in order (a gap or reordering is counted), and {@code stats()} →
 * {@code [calls, out_of_order]}. Prints {@code READY rep=ENDPOINT}; exits when stdin closes.
 */
public final class PipelineServer {
    public static void main(String[] args) throws Exception {
        int workers = (int) BenchSupport.longArg(args, "workers", 2);
        Map<String, Long> last = new ConcurrentHashMap<>();
        AtomicLong calls = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        try (RpcServer server = new RpcServer(new RpcServer.Context().repEndpoint("tcp://127.0.0.1:0")
                .pubEndpoint("tcp://127.0.0.1:0").codec(BenchSupport.codec()).workerPoolSize(workers))) {
            server.register("seq", call -> {
                call.expectArgs(2);
                String connection = call.requiredArg(0, String.class);
                long n = call.requiredArg(1, Long.class);
                Long previous = last.put(connection, n);
                if ((previous == null && n != 0) || (previous != null && previous + 1 != n)) {
                    outOfOrder.incrementAndGet();
                }
                calls.incrementAndGet();
                return n;
            }).register("stats", call -> List.of(calls.get(), outOfOrder.get())).start();
            System.out.println("READY rep=" + server.repEndpoint());
            while (BenchSupport.readControl(BenchSupport.stdin()) != null) {
                // run until the driver closes stdin
            }
        }
        System.exit(0);
    }
}
