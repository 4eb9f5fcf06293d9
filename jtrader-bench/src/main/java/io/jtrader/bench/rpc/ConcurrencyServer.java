package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcFunction;
import io.jtrader.rpc.RpcServer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of {@link ConcurrencyBenchmark}: an RpcServer serving {@code send_order(symbol, direction, price,
 * volume)} (on the worker pool as the RPC service registers it, or inline with {@code --inline 1}) and a slow
 * {@code query_history()} that holds its worker for {@code --slow-ms} (a history query of a data service). Prints
 * {@code READY rep=ENDPOINT}; exits when stdin closes.
 */
public final class ConcurrencyServer {
    static final String RESULT = "SIM.1";

    public static void main(String[] args) throws Exception {
        FrameCodec codec = BenchSupport.codec();
        long slowNs = TimeUnit.MILLISECONDS.toNanos(BenchSupport.longArg(args, "slow-ms", 200));
        try (RpcServer server = new RpcServer(new RpcServer.Context().repEndpoint("tcp://127.0.0.1:0")
                .pubEndpoint("tcp://127.0.0.1:0").codec(codec))) {
            RpcFunction sendOrder = call -> {
                call.expectArgs(4);
                return RESULT;
            };
            if (BenchSupport.longArg(args, "inline", 0) != 0) {
                server.registerInline("send_order", sendOrder);
            } else {
                server.register("send_order", sendOrder);
            }
            server.register("query_history", call -> {
                long until = System.nanoTime() + slowNs;   // the worker is busy (or blocked on a database) all along
                long left;
                while ((left = until - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(left);
                }
                return java.util.List.of();
            });
            server.start();
            System.out.println("READY rep=" + server.repEndpoint() + " workers=" + server.context().workerPoolSize());
            while (BenchSupport.readControl(BenchSupport.stdin()) != null) {
                // run until the driver closes stdin
            }
        }
        System.exit(0);
    }
}
