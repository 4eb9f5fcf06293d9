package io.jtrader.bench.rpc;

import java.util.Locale;

/**
 * Publish throughput: a server process publishes bursts of the golden vn.py tick event (979-byte pickle,
 * encoded per publish by the rpc-server thread) to one subscriber process that keeps up (RpcClient, decoding
 * every frame). Reports events/s received (first to last event) and events lost per burst. Target:
 * ≥ 300,000 events/s with zero loss.
 *
 * <p>{@code --payload event} (default) publishes the decoded golden event, encoded per publish;
 * {@code --payload sized} publishes a str of the same frame size, which isolates the transport.
 * {@code --hwm N} sets the PUB send and SUB receive high-water marks (default 0 = unlimited, as the baseline's
 * JeroMQ runs; RpcServer's default of 100,000 drops frames once a subscriber is 100,000 behind).
 *
 * <p>{@code --subscribers N} starts N subscriber processes (fan-out): the result gives the slowest subscriber's rate
 * and the deliveries per second summed over all of them.
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.PublishBenchmark --events 200000 --repeats 5 [--payload sized] [--subscribers 4]</pre>
 */
public final class PublishBenchmark {
    public static void main(String[] args) {
        long events = BenchSupport.longArg(args, "events", 200_000);
        long warmup = BenchSupport.longArg(args, "warmup", 200_000);
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        String payload = BenchSupport.stringArg(args, "payload", "event");
        String hwm = String.valueOf(BenchSupport.longArg(args, "hwm", 0));
        System.out.println("# RPC publish burst, " + BenchSupport.environment() + "; events=" + events + " warmup="
                + warmup + " repeats=" + repeats + " payload=" + payload + " hwm=" + hwm);
        int subscribers = (int) BenchSupport.longArg(args, "subscribers", 1);
        String out = BenchSupport.stringArg(args, "out", null);
        double[] rates = new double[repeats];
        double[] totals = new double[repeats];
        long totalLost = 0;
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (BenchSupport.Child server = new BenchSupport.Child("publisher", PublishServer.class, "--payload", payload, "--hwm", hwm)) {
            String ready = server.expect("READY", 60);
            System.out.println("publisher: frame bytes " + BenchSupport.field(ready, "frame") + ", subscriber processes " + subscribers);
            BenchSupport.Child[] subs = new BenchSupport.Child[subscribers];
            try {
                for (int s = 0; s < subscribers; s++) {
                    subs[s] = new BenchSupport.Child("subscriber-" + (s + 1), PublishSubscriber.class,
                            "--pub", BenchSupport.field(ready, "pub"), "--rep", BenchSupport.field(ready, "rep"),
                            "--hwm", hwm);
                }
                for (BenchSupport.Child sub : subs) {
                    sub.expect("READY", 60);
                }
                round(server, subs, warmup);
                for (int r = 0; r < repeats; r++) {
                    String[] result = round(server, subs, events);
                    double slowest = Double.MAX_VALUE;
                    double total = 0;
                    StringBuilder each = new StringBuilder();
                    for (int s = 0; s < subscribers; s++) {
                        long received = Long.parseLong(BenchSupport.field(result[s + 1], "n"));
                        double seconds = Double.parseDouble(BenchSupport.field(result[s + 1], "seconds"));
                        double rate = seconds > 0 ? received / seconds : 0;
                        slowest = Math.min(slowest, rate);
                        total += rate;
                        totalLost += events - received;
                        each.append(String.format(Locale.ROOT, " sub%d %d/%d at %.0f/s;", s + 1, received, events, rate));
                    }
                    rates[r] = slowest;
                    totals[r] = total;
                    double sendSeconds = Double.parseDouble(BenchSupport.field(result[0], "seconds"));
                    System.out.printf(Locale.ROOT, "repeat %d:%s publish() accepted %.0f/s, retries=%s%n", r + 1, each,
                            events / sendSeconds, BenchSupport.field(result[0], "retries"));
                    rows.add(String.join(",", "publish events/s", "jtrader->jtrader per subscriber", subscribers + " sub", String.valueOf(slowest)));
                    rows.add(String.join(",", "publish events/s", "jtrader->jtrader total deliveries", subscribers + " sub", String.valueOf(total)));
                }
            } finally {
                for (BenchSupport.Child sub : subs) {
                    if (sub != null) {
                        sub.close();
                    }
                }
            }
        }
        System.out.println("RESULT publish (" + payload + ", " + subscribers + " subscriber process(es)) received events/s per subscriber (slowest) "
                + BenchSupport.summary(rates, "%.0f") + ", deliveries/s in total " + BenchSupport.summary(totals, "%.0f")
                + " (target >= 300000); lost " + totalLost + " of " + events * repeats * subscribers);
        if (out != null) {
            TickLatencyBenchmark.append(java.nio.file.Path.of(out, "throughput.csv"), "label,series,x,value", rows);
        }
    }

    private static String[] round(BenchSupport.Child server, BenchSupport.Child[] subscribers, long n) {
        for (BenchSupport.Child sub : subscribers) {
            sub.send("EXPECT " + n);
        }
        for (BenchSupport.Child sub : subscribers) {
            sub.expect("ARMED", 60);   // a subscriber still resetting its count would wipe the first events
        }
        server.send("GO " + n);
        String[] lines = new String[subscribers.length + 1];
        lines[0] = server.expect("SENT", 600);
        for (int s = 0; s < subscribers.length; s++) {
            lines[s + 1] = subscribers[s].expect("RECEIVED", 600);
        }
        return lines;
    }
}
