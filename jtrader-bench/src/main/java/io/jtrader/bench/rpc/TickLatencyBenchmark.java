package io.jtrader.bench.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-way tick latency at a paced rate (default 10,000 ticks/s): publisher process → subscriber process, from just
 * before {@code publish} to the subscriber's callback, p50/p99/p99.9 in µs. {@code ours} = RpcServer.publish of the
 * golden vn.py tick event (encoded on the rpc-server thread) → RpcClient (decoded to TickData, callback);
 * {@code raw} = the same bytes over a bare JeroMQ PUB → SUB (no codec): the transport's own figure. Both modes run
 * alternately in every repeat (order swapped each time), with separate subscriber processes; the ratio is taken
 * within each repeat. Child JVM flags: {@code -Djtrader.bench.childJvmOptions="..."}.
 *
 * <p>{@code --out DIR} also writes {@code tick_latency.csv} (one row per mode and repeat) and
 * {@code tick_latency_pct.csv} (the percentile distribution) for {@link ReportPlots}.
 *
 * <p>{@code --raw-wait poll} makes the raw subscriber wait in a {@code ZMQ.Poller} instead of a blocking receive.
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.TickLatencyBenchmark --rate 10000 --seconds 5 --repeats 5</pre>
 */
public final class TickLatencyBenchmark {
    private static final String[] MODES = {"raw", "ours"};

    public static void main(String[] args) {
        long rate = BenchSupport.longArg(args, "rate", 10_000);
        long seconds = BenchSupport.longArg(args, "seconds", 5);
        long warmupSeconds = BenchSupport.longArg(args, "warmup-seconds", 3);
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        String out = BenchSupport.stringArg(args, "out", null);
        String label = BenchSupport.stringArg(args, "label", "default");
        String rawWait = BenchSupport.stringArg(args, "raw-wait", "recv");
        long n = rate * seconds;
        System.out.println("# tick latency, " + BenchSupport.environment() + "; rate=" + rate + "/s n=" + n
                + " repeats=" + repeats + " label=" + label + " raw-wait=" + rawWait);
        double[][] p50 = new double[2][repeats];
        double[][] p99 = new double[2][repeats];
        double[][] p999 = new double[2][repeats];
        List<String> rows = new ArrayList<>();
        List<String> pctRows = new ArrayList<>();
        try (BenchSupport.Child publisher = new BenchSupport.Child("publisher", TickLatencyPublisher.class)) {
            String ready = publisher.expect("READY", 60);
            String[][] subscriberArgs = {
                    {"--mode", "raw", "--wait", rawWait, "--pub", BenchSupport.field(ready, "raw")},
                    {"--mode", "ours", "--pub", BenchSupport.field(ready, "ours"), "--rep", BenchSupport.field(ready, "rep")}};
            BenchSupport.Child[] subscribers = new BenchSupport.Child[2];
            try {
                long warmup = Math.max(1_000, rate * warmupSeconds);
                for (int m = 0; m < 2; m++) {
                    subscribers[m] = warmedSubscriber(publisher, MODES[m], subscriberArgs[m], warmup, rate);
                }
                for (int r = 0; r < repeats; r++) {
                    for (int k = 0; k < 2; k++) {
                        int m = (r + k) % 2;   // alternate which mode goes first
                        List<String> pct = new ArrayList<>();
                        String line = round(publisher, subscribers[m], MODES[m], n, rate, pct);
                        for (int retry = 1; retry <= 2 && BenchSupport.field(line, "n").equals("0"); retry++) {
                            // JeroMQ now and then leaves a fresh connection without its handshake for good (see
                            // docs/benchmarks.md): a raw SUB has no heartbeat watch to reopen it, so the driver does
                            System.out.println("# repeat " + (r + 1) + " " + MODES[m] + ": nothing received (a stalled"
                                    + " connection); new subscriber process, repeat run again");
                            subscribers[m].close();
                            subscribers[m] = warmedSubscriber(publisher, MODES[m], subscriberArgs[m], warmup, rate);
                            pct.clear();
                            line = round(publisher, subscribers[m], MODES[m], n, rate, pct);
                        }
                        p50[m][r] = Double.parseDouble(BenchSupport.field(line, "p50"));
                        p99[m][r] = Double.parseDouble(BenchSupport.field(line, "p99"));
                        p999[m][r] = Double.parseDouble(BenchSupport.field(line, "p999"));
                        System.out.println("repeat " + (r + 1) + " " + MODES[m] + ": " + line);
                        rows.add(String.join(",", label, MODES[m], String.valueOf(r + 1), BenchSupport.field(line, "n"),
                                BenchSupport.field(line, "p50"), BenchSupport.field(line, "p99"), BenchSupport.field(line, "p999"),
                                BenchSupport.field(line, "max"), BenchSupport.field(line, "gcMs"), BenchSupport.field(line, "gcCount")));
                        for (String p : pct) {
                            String[] f = p.split(" ");
                            pctRows.add(String.join(",", label, MODES[m], String.valueOf(r + 1), f[1], f[2]));
                        }
                    }
                }
            } finally {
                for (BenchSupport.Child subscriber : subscribers) {
                    if (subscriber != null) {
                        subscriber.close();
                    }
                }
            }
        }
        for (int m = 0; m < 2; m++) {
            System.out.println("RESULT tick-latency " + label + " " + MODES[m] + " µs p50 " + BenchSupport.summary(p50[m], "%.1f")
                    + " p99 " + BenchSupport.summary(p99[m], "%.1f") + " p99.9 " + BenchSupport.summary(p999[m], "%.1f"));
        }
        double[] r50 = new double[repeats];
        double[] r99 = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            r50[r] = p50[1][r] / p50[0][r];
            r99[r] = p99[1][r] / p99[0][r];
        }
        System.out.println("RESULT tick-latency " + label + " ours/raw p50 " + BenchSupport.summary(r50, "%.2f") + " p99 "
                + BenchSupport.summary(r99, "%.2f") + " (target: ours p99 <= 200 µs)");
        if (out != null) {
            append(Path.of(out, "tick_latency.csv"), "label,mode,repeat,n,p50_us,p99_us,p999_us,max_us,gc_ms,gc_count", rows);
            append(Path.of(out, "tick_latency_pct.csv"), "label,mode,repeat,percentile,latency_us", pctRows);
        }
    }

    /** A subscriber process that received its warm-up round (a fresh process when a connection stalled). */
    private static BenchSupport.Child warmedSubscriber(BenchSupport.Child publisher, String mode, String[] args, long warmup,
            long rate) {
        for (int attempt = 1; ; attempt++) {
            BenchSupport.Child child = new BenchSupport.Child(mode + "-sub", TickLatencySubscriber.class, args);
            child.expect("READY", 60);
            String line = round(publisher, child, mode, warmup, rate, null);
            if (!BenchSupport.field(line, "n").equals("0") || attempt == 3) {
                return child;
            }
            System.out.println("# " + mode + " subscriber received nothing in its warm-up (a stalled connection); new process");
            child.close();
        }
    }

    private static String round(BenchSupport.Child publisher, BenchSupport.Child subscriber, String mode, long n, long rate,
            List<String> pct) {
        subscriber.send("EXPECT " + n);
        subscriber.expect("ARMED", 60);
        publisher.send("GO " + mode + " " + n + " " + rate);
        publisher.expect("SENT", 600);
        String line = subscriber.expect("LATENCY", 60);
        while (true) {
            String next = subscriber.expect("", 10);
            if (next.equals("END")) {
                return line;
            }
            if (pct != null && next.startsWith("PCT ")) {
                pct.add(next);
            }
        }
    }

    static void append(Path file, String header, List<String> rows) {
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = new ArrayList<>();
            if (!Files.exists(file)) {
                lines.add(header);
            }
            lines.addAll(rows);
            Files.write(file, lines, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
