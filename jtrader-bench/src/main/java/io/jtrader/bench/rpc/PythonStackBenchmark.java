package io.jtrader.bench.rpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * jtrader against the Python stack vn.py is built on, on the same machine in the same run: our own Python
 * client/server written the way vn.py's are ({@code bench/py/vnpy_stack.py}: pyzmq REQ/REP and PUB/SUB, pickle per
 * frame, stand-in vn.py classes) measured against the jtrader server (RoundTripServer, PublishServer). Per repeat,
 * interleaved: round trip Python client → Python server and → jtrader server; publish burst Python server → Python
 * subscriber and jtrader server → Python subscriber. Needs a python3 that can {@code import zmq}
 * ({@code JTRADER_PYTHON}, else each {@code python3} on PATH, else {@code /usr/bin/python3}); without one it prints
 * a {@code SKIPPED} line and returns.
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.PythonStackBenchmark --calls 20000 --events 200000 --repeats 5</pre>
 */
public final class PythonStackBenchmark {
    public static void main(String[] args) throws IOException {
        int calls = (int) BenchSupport.longArg(args, "calls", 20_000);
        int warmup = (int) BenchSupport.longArg(args, "warmup", 10_000);
        long events = BenchSupport.longArg(args, "events", 200_000);
        int repeats = (int) BenchSupport.longArg(args, "repeats", 5);
        String out = BenchSupport.stringArg(args, "out", null);
        String python = findPython();
        if (python == null) {
            System.out.println("SKIPPED python stack: no python3 with pyzmq (set JTRADER_PYTHON; Debian: apt-get install python3-zmq)");
            return;
        }
        Path pyDir = pyDir();
        Path tick = Files.createTempFile("jtrader-bench-tick", ".pkl");
        Files.write(tick, BenchSupport.tickEventFrame());
        Map<String, String> env = Map.of("PYTHONPATH", pyDir.resolve("standin").toString());
        String script = pyDir.resolve("vnpy_stack.py").toString();
        System.out.println("# python stack, " + BenchSupport.environment() + "; python=" + python + " calls=" + calls
                + " events=" + events + " repeats=" + repeats);
        double[][] p50 = new double[2][repeats];
        double[][] p99 = new double[2][repeats];
        double[][] rate = new double[2][repeats];
        double[][] received = new double[2][repeats];
        long[] lost = new long[2];
        String[] rtNames = {"python->python", "python->jtrader"};
        String[] pubNames = {"python->python", "jtrader->python"};
        List<String> rows = new ArrayList<>();
        try (BenchSupport.Child pyServer = new BenchSupport.Child("py-server",
                List.of(python, "-u", script, "server", "--tick", tick.toString()), env);
             BenchSupport.Child jServer = new BenchSupport.Child("jtrader-server", RoundTripServer.class);
             BenchSupport.Child jPub = new BenchSupport.Child("jtrader-publisher", PublishServer.class, "--hwm", "0")) {
            String pyReady = pyServer.expect("READY", 60);
            String jReady = jServer.expect("READY", 60);
            String jPubReady = jPub.expect("READY", 60);
            String[] repEndpoints = {BenchSupport.field(pyReady, "rep"), BenchSupport.field(jReady, "ours")};
            BenchSupport.Child[] publishers = {pyServer, jPub};
            String[] pubEndpoints = {BenchSupport.field(pyReady, "pub"), BenchSupport.field(jPubReady, "pub")};
            try (BenchSupport.Child pySub0 = subscriber(python, script, env, pubEndpoints[0], "py-sub-of-python");
                 BenchSupport.Child pySub1 = subscriber(python, script, env, pubEndpoints[1], "py-sub-of-jtrader")) {
                BenchSupport.Child[] subs = {pySub0, pySub1};
                for (int s = 0; s < 2; s++) {
                    burst(publishers[s], subs[s], Math.min(events, 20_000));   // joins the SUB, warms both sides
                }
                for (int r = 0; r < repeats; r++) {
                    for (int k = 0; k < 2; k++) {
                        int s = (r + k) % 2;
                        String line = roundTrip(python, script, env, repEndpoints[s], calls, warmup);
                        p50[s][r] = Double.parseDouble(BenchSupport.field(line, "p50"));
                        p99[s][r] = Double.parseDouble(BenchSupport.field(line, "p99"));
                        rate[s][r] = Double.parseDouble(BenchSupport.field(line, "rate"));
                        System.out.println("repeat " + (r + 1) + " round trip " + rtNames[s] + ": " + line);
                        rows.add(String.join(",", "round trip calls/s", rtNames[s], "round trip", String.valueOf(rate[s][r])));
                    }
                    for (int k = 0; k < 2; k++) {
                        int s = (r + k) % 2;
                        String line = burst(publishers[s], subs[s], events);
                        long n = Long.parseLong(BenchSupport.field(line, "n"));
                        double seconds = Double.parseDouble(BenchSupport.field(line, "seconds"));
                        received[s][r] = seconds > 0 ? n / seconds : 0;
                        lost[s] += events - n;
                        System.out.println("repeat " + (r + 1) + " publish " + pubNames[s] + ": " + line);
                        rows.add(String.join(",", "publish events/s", pubNames[s], "publish burst", String.valueOf(received[s][r])));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tick);
        }
        for (int s = 0; s < 2; s++) {
            System.out.println("RESULT python-stack round trip " + rtNames[s] + " µs p50 " + BenchSupport.summary(p50[s], "%.1f")
                    + " p99 " + BenchSupport.summary(p99[s], "%.1f") + " calls/s " + BenchSupport.summary(rate[s], "%.0f"));
        }
        for (int s = 0; s < 2; s++) {
            System.out.println("RESULT python-stack publish " + pubNames[s] + " received events/s "
                    + BenchSupport.summary(received[s], "%.0f") + "; lost " + lost[s] + " of " + events * repeats);
        }
        if (out != null) {
            TickLatencyBenchmark.append(Path.of(out, "throughput.csv"), "label,series,x,value", rows);
        }
    }

    private static BenchSupport.Child subscriber(String python, String script, Map<String, String> env, String pub, String name) {
        BenchSupport.Child sub = new BenchSupport.Child(name, List.of(python, "-u", script, "subscriber", "--pub", pub), env);
        sub.expect("READY", 60);
        return sub;
    }

    private static String roundTrip(String python, String script, Map<String, String> env, String rep, int calls, int warmup) {
        try (BenchSupport.Child client = new BenchSupport.Child("py-client", List.of(python, "-u", script, "client",
                "--rep", rep, "--calls", String.valueOf(calls), "--warmup", String.valueOf(warmup)), env)) {
            return client.expect("ROUNDTRIP", 600);
        }
    }

    private static String burst(BenchSupport.Child publisher, BenchSupport.Child subscriber, long n) {
        subscriber.send("EXPECT " + n);
        publisher.send("GO " + n);
        publisher.expect("SENT", 600);
        return subscriber.expect("RECEIVED", 600);
    }

    static String findPython() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("JTRADER_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "python3");
            if (Files.isExecutable(p)) {
                candidates.add(p.toString());
            }
        }
        candidates.add("/usr/bin/python3");
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import zmq").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not runnable: try the next candidate
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static Path pyDir() {
        String configured = System.getProperty("jtrader.bench.pyDir");
        for (Path p : configured != null ? List.of(Path.of(configured)) : List.of(Path.of("bench/py"), Path.of("../bench/py"))) {
            if (Files.isRegularFile(p.resolve("vnpy_stack.py"))) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("bench/py/vnpy_stack.py not found: run from the project root or pass -Djtrader.bench.pyDir=DIR");
    }
}
