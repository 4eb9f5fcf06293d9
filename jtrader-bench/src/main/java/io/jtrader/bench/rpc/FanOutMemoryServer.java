package io.jtrader.bench.rpc;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcServer;
import org.HdrHistogram.Histogram;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link FanOutMemoryBenchmark}: an RpcServer publishing the golden vn.py tick event at a paced rate
 * (as the RPC service relays a gateway's ticks). On {@code GO seconds rate} it publishes for that long and prints
 * {@code SENT n=N rss_max_kb=R rss_end_kb=E gc_pauses=G gc_p99_ms=P gc_max_ms=M gc_total_ms=T}: the process's
 * resident set ({@code VmRSS}, sampled every 100 ms) and its stop-the-world GC pauses (JMX GC notifications; beans
 * of concurrent phases are not pauses and are left out) during the round.
 */
public final class FanOutMemoryServer {
    private static final Histogram PAUSES_MS = new Histogram(3);

    public static void main(String[] args) throws Exception {
        FrameCodec codec = BenchSupport.codec();
        List<?> golden = (List<?>) codec.decode(BenchSupport.tickEventFrame());
        String topic = (String) golden.get(0);
        Object event = golden.get(1);
        watchGcPauses();
        try (RpcServer server = new RpcServer(new RpcServer.Context().repEndpoint("tcp://127.0.0.1:0")
                .pubEndpoint("tcp://127.0.0.1:0").codec(codec))) {
            server.start();
            System.out.println("READY pub=" + server.pubEndpoint() + " rep=" + server.repEndpoint());
            BufferedReader stdin = BenchSupport.stdin();
            String line;
            while ((line = BenchSupport.readControl(stdin)) != null) {
                String[] go = line.split(" ");
                if (go.length != 3 || !go[0].equals("GO")) {
                    continue;
                }
                long n = (long) (Double.parseDouble(go[1]) * Long.parseLong(go[2]));
                long intervalNs = 1_000_000_000L / Long.parseLong(go[2]);
                synchronized (PAUSES_MS) {
                    PAUSES_MS.reset();
                }
                long rssMax = 0;
                long nextSampleNs = 0;
                long start = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    long due = start + i * intervalNs;
                    BenchSupport.parkUntil(due);
                    if (!server.publish(topic, event)) {
                        throw new IllegalStateException("publish refused at " + i + ": the rpc-server queue is full");
                    }
                    if (due - nextSampleNs >= 0) {
                        rssMax = Math.max(rssMax, rssKb());
                        nextSampleNs = due + 100_000_000L;
                    }
                }
                long rssEnd = rssKb();
                synchronized (PAUSES_MS) {
                    System.out.println("SENT n=" + n + " rss_max_kb=" + Math.max(rssMax, rssEnd) + " rss_end_kb=" + rssEnd
                            + " gc_pauses=" + PAUSES_MS.getTotalCount() + " gc_p99_ms=" + PAUSES_MS.getValueAtPercentile(99)
                            + " gc_max_ms=" + PAUSES_MS.getMaxValue() + " gc_total_ms="
                            + (long) (PAUSES_MS.getMean() * PAUSES_MS.getTotalCount()));
                }
            }
        }
        System.exit(0);
    }

    private static void watchGcPauses() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean.getName().contains("Concurrent") || !(bean instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    synchronized (PAUSES_MS) {
                        PAUSES_MS.recordValue(info.getGcInfo().getDuration());
                    }
                }
            }, null, null);
        }
    }

    /** This process's resident set in KiB, from /proc/self/status (Linux). */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS line in /proc/self/status");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read /proc/self/status (Linux only)", e);
        }
    }
}
