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
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.PublishBenchmark --events 200000 --repeats 5 [--payload sized]</pre>
 */
public final class PublishBenchmark {
    public static void main(String[] args) {
        long events = BenchSupport.longArg(args, "events", 200_000);
        long warmup = BenchSupport.longArg(args, "warmup", 200_000);
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        String payload = BenchSupport.stringArg(args, "payload", "event");
        System.out.println("# RPC publish burst, " + BenchSupport.environment() + "; events=" + events + " warmup="
                + warmup + " repeats=" + repeats + " payload=" + payload);
        double[] rates = new double[repeats];
        double[] sendRates = new double[repeats];
        long totalLost = 0;
        try (BenchSupport.Child server = new BenchSupport.Child("publisher", PublishServer.class, "--payload", payload)) {
            String ready = server.expect("READY", 60);
            System.out.println("publisher: frame bytes " + BenchSupport.field(ready, "frame"));
            try (BenchSupport.Child subscriber = new BenchSupport.Child("subscriber", PublishSubscriber.class,
                    "--pub", BenchSupport.field(ready, "pub"))) {
                subscriber.expect("READY", 60);
                round(server, subscriber, warmup);
                for (int r = 0; r < repeats; r++) {
                    String[] result = round(server, subscriber, events);
                    long received = Long.parseLong(BenchSupport.field(result[1], "n"));
                    double seconds = Double.parseDouble(BenchSupport.field(result[1], "seconds"));
                    double sendSeconds = Double.parseDouble(BenchSupport.field(result[0], "seconds"));
                    rates[r] = received / seconds;
                    sendRates[r] = events / sendSeconds;
                    long lost = events - received;
                    totalLost += lost;
                    System.out.printf(Locale.ROOT, "repeat %d: received %d/%d (%d lost) at %.0f events/s; publish() accepted %.0f/s, %s%n",
                            r + 1, received, events, lost, rates[r], sendRates[r], "retries=" + BenchSupport.field(result[0], "retries"));
                }
            }
        }
        System.out.println("RESULT publish (" + payload + ") received events/s " + BenchSupport.summary(rates, "%.0f")
                + " (target >= 300000); lost " + totalLost + " of " + events * repeats);
    }

    private static String[] round(BenchSupport.Child server, BenchSupport.Child subscriber, long n) {
        subscriber.send("EXPECT " + n);
        server.send("GO " + n);
        String sent = server.expect("SENT", 600);
        String received = subscriber.expect("RECEIVED", 600);
        return new String[]{sent, received};
    }
}
