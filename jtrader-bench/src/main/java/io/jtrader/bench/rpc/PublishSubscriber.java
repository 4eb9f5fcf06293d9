package io.jtrader.bench.rpc;

import io.jtrader.rpc.RpcClient;

import java.io.BufferedReader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link PublishBenchmark}: an RpcClient subscribed to topic {@code ""}. Prints {@code READY}
 * once heartbeats arrive; on {@code EXPECT n} resets its count, prints {@code ARMED}, counts events until n arrived
 * or none came for 3 s, then prints {@code RECEIVED n=N seconds=S} (S from the first to the last event of the round).
 */
public final class PublishSubscriber {
    public static void main(String[] args) throws Exception {
        String pub = BenchSupport.stringArg(args, "pub", null);
        AtomicLong received = new AtomicLong();
        AtomicLong firstNs = new AtomicLong();
        AtomicLong lastNs = new AtomicLong();
        String rep = BenchSupport.stringArg(args, "rep", null);   // as a trading client, connected to both sides
        try (RpcClient client = new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(pub)
                .codec(BenchSupport.codec()).subReceiveHwm((int) BenchSupport.longArg(args, "hwm", 0)))) {
            client.subscribe("", (topic, data) -> {
                long now = System.nanoTime();
                if (received.getAndIncrement() == 0) {
                    firstNs.set(now);
                }
                lastNs.set(now);
            });
            BenchSupport.awaitHeartbeat(client, pub, 30);
            System.out.println("READY");
            BufferedReader stdin = BenchSupport.stdin();
            String line;
            while ((line = BenchSupport.readControl(stdin)) != null) {
                if (!line.startsWith("EXPECT ")) {
                    continue;
                }
                long n = Long.parseLong(line.substring(7).trim());
                received.set(0);
                System.out.println("ARMED");   // the driver starts the burst only now: nothing is counted away
                long quietSince = System.nanoTime();
                long seen = 0;
                while (received.get() < n) {
                    long now = received.get();
                    if (now != seen) {
                        seen = now;
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(3) && (seen > 0 || System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(30))) {
                        break;
                    }
                    Thread.sleep(1);
                }
                System.out.println("RECEIVED n=" + received.get() + " seconds=" + (lastNs.get() - firstNs.get()) / 1e9
                        + " badFrames=" + client.counters().badFrames());
            }
        }
        System.exit(0);
    }
}
