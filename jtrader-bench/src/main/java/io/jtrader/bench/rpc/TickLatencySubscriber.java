package io.jtrader.bench.rpc;

import io.jtrader.rpc.RpcClient;
import io.jtrader.rpcservice.vnpy.VnpyEvent;
import java.io.BufferedReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Child process of {@link TickLatencyBenchmark}, {@code --mode ours}: an RpcClient (vn.py codec) whose callback
 * records now − {@code sent_ns}; {@code --mode raw}: a JeroMQ SUB socket on its own thread recording now − the
 * frame's 8-byte send time, waiting in a blocking receive, or with {@code --wait poll} in a {@code ZMQ.Poller} over
 * the SUB and a pipe (how jtrader's threads used to wait, to be woken for queued work: it shows the poller's cost). On {@code EXPECT n} waits until n events arrived (or 10 s of silence) and prints
 * {@code LATENCY n=N p50=… p99=… p999=… max=… gcMs=… gcCount=…} in µs, then one {@code PCT q value} line per
 * percentile of the distribution (for the plots) and {@code END}.
 */
public final class TickLatencySubscriber {
    public static void main(String[] args) throws Exception {
        String endpoint = BenchSupport.stringArg(args, "pub", null);
        String mode = BenchSupport.stringArg(args, "mode", "ours");
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
        AtomicLong received = new AtomicLong();
        boolean poll = BenchSupport.stringArg(args, "wait", "recv").equals("poll");
        AutoCloseable subscription = mode.equals("ours")
                ? ours(endpoint, BenchSupport.stringArg(args, "rep", null), recorder, received)
                : raw(endpoint, recorder, received, poll);
        try (subscription) {
            System.out.println("READY");
            BufferedReader stdin = BenchSupport.stdin();
            String line;
            while ((line = BenchSupport.readControl(stdin)) != null) {
                if (!line.startsWith("EXPECT ")) {
                    continue;
                }
                long n = Long.parseLong(line.substring(7).trim());
                long gcMs0 = gcMillis();
                long gcCount0 = gcCount();
                received.set(0);
                recorder.getIntervalHistogram();   // reset
                System.out.println("ARMED");        // the driver starts the publisher only now, so no event is lost to the reset
                long seen = -1;
                long quietSince = System.nanoTime();
                while (received.get() < n && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(10)) {
                    long now = received.get();
                    if (now != seen) {
                        seen = now;
                        quietSince = System.nanoTime();
                    }
                    Thread.sleep(5);   // control loop of a benchmark child; latencies are taken on the receiving thread
                }
                Histogram h = recorder.getIntervalHistogram();
                System.out.printf(java.util.Locale.ROOT,
                        "LATENCY n=%d p50=%.1f p99=%.1f p999=%.1f max=%.1f gcMs=%d gcCount=%d%n", h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                        h.getMaxValue() / 1e3, gcMillis() - gcMs0, gcCount() - gcCount0);
                for (double q : new double[] {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100}) {
                    System.out.printf(java.util.Locale.ROOT, "PCT %s %.1f%n", q, h.getValueAtPercentile(q) / 1e3);
                }
                System.out.println("END");
            }
        }
        System.exit(0);
    }

    /**
     * An RpcClient as a trading client has one: its request side connected to the server (an unconnected DEALER
     * would add a reconnect attempt every 100 ms to the I/O thread that also delivers the ticks).
     */
    private static AutoCloseable ours(String endpoint, String rep, Recorder recorder, AtomicLong received) {
        RpcClient client = new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(endpoint)
                .codec(BenchSupport.codec()).subReceiveHwm(0));
        client.subscribe("", (topic, data) -> {
            if (data instanceof VnpyEvent e && e.extra().get("sent_ns") instanceof Long sent) {
                recorder.recordValue(Math.max(0, System.nanoTime() - sent));
                received.incrementAndGet();
            }
        });
        try {
            BenchSupport.awaitHeartbeat(client, endpoint, 30);
        } catch (IllegalStateException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static AutoCloseable raw(String endpoint, Recorder recorder, AtomicLong received, boolean poll) {
        ZContext zmq = new ZContext(1);
        ZMQ.Socket sub = zmq.createSocket(SocketType.SUB);
        sub.setRcvHWM(0);
        sub.subscribe(new byte[0]);
        sub.connect(endpoint);
        Thread reader = new Thread(() -> {
            try (PollWait wait = poll ? new PollWait(zmq, sub) : null) {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] frame = sub.recv(wait != null ? ZMQ.DONTWAIT : 0);
                    if (frame == null && wait != null) {
                        wait.poller.poll(1_000);
                        continue;
                    }
                    if (frame == null) {
                        return;
                    }
                    recorder.recordValue(Math.max(0, System.nanoTime() - ByteBuffer.wrap(frame).getLong(0)));
                    received.incrementAndGet();
                }
            } catch (org.zeromq.ZMQException | java.nio.channels.ClosedSelectorException e) {
                // context closed at exit
            }
        }, "raw-sub");
        reader.setDaemon(true);
        reader.start();
        return zmq::close;
    }

    /**
     * How jtrader's threads used to wait (to be woken for queued work): a {@code ZMQ.Poller} over the SUB socket and a
     * pipe. The pipe is never written: only the poller's cost is measured.
     */
    private static final class PollWait implements AutoCloseable {
        final Pipe pipe;
        final ZMQ.Poller poller;

        PollWait(ZContext zmq, ZMQ.Socket sub) {
            try {
                pipe = Pipe.open();
                pipe.source().configureBlocking(false);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot open the poller's pipe", e);
            }
            poller = zmq.createPoller(2);
            poller.register(sub, ZMQ.Poller.POLLIN);
            poller.register(pipe.source(), ZMQ.Poller.POLLIN);
        }

        @Override
        public void close() {
            poller.close();
            try {
                pipe.source().close();
                pipe.sink().close();
            } catch (java.io.IOException ignored) {
                // the process is exiting
            }
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
