package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcServer;

import java.io.BufferedReader;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of {@link PublishBenchmark}: an RpcServer that, on {@code GO n}, publishes the golden vn.py
 * tick event n times as fast as {@code publish} accepts (a refused publish is retried after 10 µs and counted), then prints
 * {@code SENT n=N seconds=S retries=R}. Prints {@code READY pub=ENDPOINT rep=ENDPOINT frame=BYTES} first; exits
 * when stdin closes.
 */
public final class PublishServer {
    public static void main(String[] args) throws Exception {
        FrameCodec codec = BenchSupport.codec();
        List<?> golden = (List<?>) codec.decode(BenchSupport.tickEventFrame());
        String topic = (String) golden.get(0);
        // "event": the golden vn.py tick event (codec work on both sides); "sized": a str of the same frame size
        // (isolates the transport from the generic codec's cost for unregistered classes)
        boolean sized = "sized".equals(BenchSupport.stringArg(args, "payload", "event"));
        Object event = sized ? "x".repeat(BenchSupport.tickEventFrame().length - 20) : golden.get(1);
        try (RpcServer server = new RpcServer(new RpcServer.Context().repEndpoint("tcp://127.0.0.1:0")
                .pubEndpoint("tcp://127.0.0.1:0").codec(codec).workerPoolSize(1)
                .pubSendHwm((int) BenchSupport.longArg(args, "hwm", 0)))) {
            server.start();
            System.out.println("READY pub=" + server.pubEndpoint() + " rep=" + server.repEndpoint() + " frame="
                    + codec.encode(java.util.Arrays.asList(topic, event)).length);
            BufferedReader stdin = BenchSupport.stdin();
            String line;
            while ((line = BenchSupport.readControl(stdin)) != null) {
                if (!line.startsWith("GO ")) {
                    continue;
                }
                long n = Long.parseLong(line.substring(3).trim());
                long retries = 0;
                long start = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    while (!server.publish(topic, event)) {
                        retries++;
                        LockSupport.parkNanos(10_000);   // queue full: give the 2 cores to the sender and subscriber
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.println("SENT n=" + n + " seconds=" + seconds + " retries=" + retries);
            }
        }
        System.exit(0);
    }
}
