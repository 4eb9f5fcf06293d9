package io.jtrader.bench.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Server memory and GC under fan-out: one RpcServer process publishes the golden tick event at {@code --rate} per
 * second (default 10,000) to {@code --clients} RpcClients (default 16) in 4 subscriber processes, for
 * {@code --seconds} per repeat. Reports the server's resident set (max over the round, sampled every 100 ms), its GC
 * pauses (count, p99, max) and each round's deliveries and loss. Figures are medians over the repeats with (min, max).
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.FanOutMemoryBenchmark --seconds 10 --repeats 5</pre>
 */
public final class FanOutMemoryBenchmark {
    public static void main(String[] args) {
        double seconds = Double.parseDouble(BenchSupport.stringArg(args, "seconds", "10"));
        long rate = BenchSupport.longArg(args, "rate", 10_000);
        int clients = (int) BenchSupport.longArg(args, "clients", 16);
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        int processes = Math.min(4, clients);
        if (clients % processes != 0) {
            throw new IllegalArgumentException("clients must be 1..4 or a multiple of 4, got " + clients);
        }
        System.out.println("# RPC fan-out memory, " + BenchSupport.environment() + "; rate=" + rate + "/s clients=" + clients
                + " in " + processes + " process(es) seconds=" + seconds + " repeats=" + repeats);
        double[] rssMaxMb = new double[repeats];
        double[] gcP99 = new double[repeats];
        double[] gcMax = new double[repeats];
        double[] gcCount = new double[repeats];
        long lostTotal = 0;
        long expectedTotal = 0;
        List<BenchSupport.Child> subscribers = new ArrayList<>();
        try (BenchSupport.Child server = new BenchSupport.Child("server", FanOutMemoryServer.class)) {
            String ready = server.expect("READY", 60);
            String pub = BenchSupport.field(ready, "pub");
            String rep = BenchSupport.field(ready, "rep");
            for (int p = 0; p < processes; p++) {
                subscribers.add(new BenchSupport.Child("subscribers" + p, FanOutMemorySubscriber.class, "--pub", pub,
                        "--rep", rep, "--connections", String.valueOf(clients / processes)));
            }
            subscribers.forEach(s -> s.expect("READY", 120));
            count(subscribers);   // discard what arrived before the first round
            for (int r = 0; r < repeats; r++) {
                server.send("GO " + seconds + " " + rate);
                String sent = server.expect("SENT", (long) seconds + 120);
                long n = Long.parseLong(BenchSupport.field(sent, "n"));
                long expected = n * clients;
                long received = 0;
                long lastProgressNs = System.nanoTime();
                while (received < expected && System.nanoTime() - lastProgressNs < 10_000_000_000L) {
                    long more = count(subscribers);
                    if (more > 0) {
                        received += more;
                        lastProgressNs = System.nanoTime();
                    } else {
                        LockSupport.parkNanos(100_000_000L);
                    }
                }
                expectedTotal += expected;
                lostTotal += Math.max(0, expected - received);
                rssMaxMb[r] = Long.parseLong(BenchSupport.field(sent, "rss_max_kb")) / 1024.0;
                gcP99[r] = Double.parseDouble(BenchSupport.field(sent, "gc_p99_ms"));
                gcMax[r] = Double.parseDouble(BenchSupport.field(sent, "gc_max_ms"));
                gcCount[r] = Double.parseDouble(BenchSupport.field(sent, "gc_pauses"));
                System.out.printf(Locale.ROOT, "repeat %d: sent %d, delivered %d of %d; server RSS max %.1f MiB; GC pauses %d, p99 %.0f ms, max %.0f ms%n",
                        r + 1, n, received, expected, rssMaxMb[r], (long) gcCount[r], gcP99[r], gcMax[r]);
            }
        } finally {
            subscribers.forEach(BenchSupport.Child::close);
        }
        System.out.println("RESULT fan-out memory " + clients + " clients at " + rate + "/s: server RSS max MiB "
                + BenchSupport.summary(rssMaxMb, "%.1f") + "; GC pauses per round " + BenchSupport.summary(gcCount, "%.0f")
                + "; GC pause p99 ms " + BenchSupport.summary(gcP99, "%.0f") + "; max ms " + BenchSupport.summary(gcMax, "%.0f")
                + "; lost " + lostTotal + " of " + expectedTotal);
    }

    private static long count(List<BenchSupport.Child> subscribers) {
        long total = 0;
        for (BenchSupport.Child subscriber : subscribers) {
            subscriber.send("COUNT");
            total += Long.parseLong(BenchSupport.field(subscriber.expect("COUNT", 30), "received"));
        }
        return total;
    }
}
