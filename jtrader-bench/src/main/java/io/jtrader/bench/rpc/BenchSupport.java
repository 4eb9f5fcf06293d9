package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.pickle.PickleCodec;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Shared plumbing of the RPC transport benchmark programs: child processes, codec, statistics. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** System property choosing the payload codec of every program and child: {@code vnpy} (default) or {@code generic}. */
    static final String CODEC_PROPERTY = "jtrader.bench.codec";
    /** System property with extra JVM options for child processes (space-separated), e.g. GC flags. */
    static final String CHILD_JVM_OPTIONS_PROPERTY = "jtrader.bench.childJvmOptions";

    /**
     * The codec as deployed: vn.py's types registered (the tick event decodes to {@code TickData} on the codec's
     * hand-written path), or {@code -Djtrader.bench.codec=generic} for the codec with nothing registered.
     */
    static FrameCodec codec() {
        String kind = System.getProperty(CODEC_PROPERTY, "vnpy");
        switch (kind) {
            case "vnpy":
                return VnpyTypes.codec();
            case "generic":
                return PickleCodec.generic();
            default:
                throw new IllegalArgumentException("-D" + CODEC_PROPERTY + " must be vnpy or generic, got " + kind);
        }
    }

    /** The golden vn.py tick event publish frame (979 bytes) from vnpy-golden. */
    static byte[] tickEventFrame() {
        try (InputStream in = BenchSupport.class.getResourceAsStream("pub_tick.pkl")) {
            if (in == null) {
                throw new IllegalStateException("resource io/jtrader/bench/rpc/pub_tick.pkl is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String environment() {
        return "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", codec " + System.getProperty(CODEC_PROPERTY, "vnpy")
                + ", child JVM options [" + System.getProperty(CHILD_JVM_OPTIONS_PROPERTY, "") + "]";
    }

    static long longArg(String[] args, String name, long defaultValue) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return Long.parseLong(args[i + 1]);
            }
        }
        return defaultValue;
    }

    static String stringArg(String[] args, String name, String defaultValue) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String summary(double[] values, String format) {
        double min = Arrays.stream(values).min().orElse(Double.NaN);
        double max = Arrays.stream(values).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, format + " (min " + format + ", max " + format + ")", median(values), min, max);
    }

    /** A child JVM running {@code main} of this jar, with line-based stdin/stdout control. */
    static final class Child implements AutoCloseable {
        private final String name;
        private final Process process;
        private final PrintWriter stdin;
        private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);

        Child(String name, Class<?> main, String... args) {
            this(name, javaCommand(main, args), null);
        }

        /** Any program (e.g. a Python stand-in), with extra environment variables (or null). */
        Child(String name, List<String> command, java.util.Map<String, String> environment) {
            this.name = name;
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (environment != null) {
                builder.environment().putAll(environment);
            }
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + ": " + command, e);
            }
            stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.put(line);
                    }
                } catch (IOException | InterruptedException e) {
                    // the child ended; expect() reports it
                }
            }, "bench-child-reader-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        /** The pid, for reading its memory from /proc. */
        long pid() {
            return process.pid();
        }

        private static List<String> javaCommand(Class<?> main, String... args) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx512m");
            command.add("-D" + CODEC_PROPERTY + "=" + System.getProperty(CODEC_PROPERTY, "vnpy"));
            String extra = System.getProperty(CHILD_JVM_OPTIONS_PROPERTY, "").trim();
            if (!extra.isEmpty()) {
                command.add("-D" + CHILD_JVM_OPTIONS_PROPERTY + "=" + extra);
                command.addAll(Arrays.asList(extra.split("\\s+")));
            }
            command.add("-Dlogback.configurationFile=io/jtrader/bench/rpc/logback-bench.xml");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(main.getName());
            command.addAll(Arrays.asList(args));
            return command;
        }

        void send(String line) {
            stdin.println(line);
        }

        /** The next stdout line starting with {@code prefix} (others are echoed), within {@code timeoutSeconds}. */
        String expect(String prefix, long timeoutSeconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                long left = deadline - System.nanoTime();
                String line;
                try {
                    line = lines.poll(Math.max(1, left), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for " + name);
                }
                if (line == null) {
                    throw new IllegalStateException(name + " did not print '" + prefix + "' within " + timeoutSeconds
                            + " s (alive: " + process.isAlive() + ")");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.out.println("  [" + name + "] " + line);
            }
        }

        @Override
        public void close() {
            stdin.close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Reads control lines from stdin in a child; null at end of input. */
    /**
     * A REQ socket connected to {@code endpoint} that has answered a first request ({@code probe}; the reply is
     * discarded), with a 10 s receive timeout. JeroMQ 0.6.0 now and then leaves a new connection without its ZMTP
     * handshake for good (RpcClient reopens such connections by itself); the raw baseline gets the same treatment,
     * so such a stall costs a reopen instead of the run.
     */
    static ZMQ.Socket answeringReq(ZContext zmq, String endpoint, byte[] probe) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            ZMQ.Socket req = zmq.createSocket(SocketType.REQ);
            req.setLinger(0);
            req.setReceiveTimeOut(2_000);
            req.connect(endpoint);
            req.send(probe, 0);
            if (req.recv(0) != null) {
                req.setReceiveTimeOut(10_000);
                return req;
            }
            System.err.println("raw REQ connection to " + endpoint + " got no reply within 2 s (JeroMQ handshake stall);"
                    + " reopening it");
            zmq.destroySocket(req);
        }
        throw new IllegalStateException("raw REQ connection to " + endpoint + ": no reply after 10 attempts");
    }

    /** Waits until {@code client} has seen a heartbeat on its SUB socket (its subscription is in place). */
    static void awaitHeartbeat(io.jtrader.rpc.RpcClient client, String endpoint, long timeoutSeconds) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!client.heartbeatSeen()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no heartbeat from " + endpoint + " within " + timeoutSeconds + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);   // start-up wait in a benchmark child
        }
    }

    /** Parks until {@code System.nanoTime()} reaches {@code dueNs} (pacing of the paced publishers). */
    static void parkUntil(long dueNs) {
        long wait;
        while ((wait = dueNs - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    static String readControl(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedReader stdin() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    static String field(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException("no " + key + "= in: " + line);
    }
}
