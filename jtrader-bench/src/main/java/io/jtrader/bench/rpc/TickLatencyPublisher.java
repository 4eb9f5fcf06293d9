package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcServer;
import io.jtrader.rpcservice.vnpy.VnpyEvent;
import java.io.BufferedReader;
import java.nio.ByteBuffer;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Child process of {@link TickLatencyBenchmark}: an RpcServer and a raw JeroMQ PUB socket. On {@code GO mode n rate}
 * it publishes n tick events at {@code rate} per second: {@code ours} through {@code RpcServer.publish} (the golden
 * vn.py tick event with an extra attribute {@code sent_ns}, encoded by the rpc-server thread as the RPC service
 * does), {@code raw} as the golden frame's bytes behind an 8-byte send time on the raw socket. Send times are
 * {@link System#nanoTime()} (CLOCK_MONOTONIC, shared by the processes of one machine). Prints
 * {@code READY ours=ENDPOINT raw=ENDPOINT}, then {@code SENT n=N seconds=S} per round; exits when stdin closes.
 */
public final class TickLatencyPublisher {
    public static void main(String[] args) throws Exception {
        FrameCodec codec = BenchSupport.codec();
        byte[] golden = BenchSupport.tickEventFrame();
        List<?> decoded = (List<?>) codec.decode(golden);
        String topic = (String) decoded.get(0);
        Object event = decoded.get(1);
        if (!(event instanceof VnpyEvent tickEvent)) {
            throw new IllegalStateException("tick latency needs -D" + BenchSupport.CODEC_PROPERTY
                    + "=vnpy (the event carries its send time as an extra attribute), got " + event.getClass());
        }
        try (RpcServer server = new RpcServer(new RpcServer.Context().repEndpoint("tcp://127.0.0.1:0")
                .pubEndpoint("tcp://127.0.0.1:0").codec(codec).workerPoolSize(1).pubSendHwm(0));
             ZContext zmq = new ZContext(1)) {
            server.start();
            ZMQ.Socket raw = zmq.createSocket(SocketType.PUB);
            raw.setSndHWM(0);
            raw.bind("tcp://127.0.0.1:*");
            System.out.println("READY ours=" + server.pubEndpoint() + " raw=" + raw.getLastEndpoint() + " rep="
                    + server.repEndpoint());
            BufferedReader stdin = BenchSupport.stdin();
            String line;
            byte[] rawFrame = new byte[8 + golden.length];
            System.arraycopy(golden, 0, rawFrame, 8, golden.length);
            while ((line = BenchSupport.readControl(stdin)) != null) {
                String[] go = line.split(" ");
                if (go.length != 4 || !go[0].equals("GO")) {
                    continue;
                }
                boolean ours = go[1].equals("ours");
                long n = Long.parseLong(go[2]);
                long intervalNs = 1_000_000_000L / Long.parseLong(go[3]);
                long start = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    long due = start + i * intervalNs;
                    BenchSupport.parkUntil(due);
                    long now = System.nanoTime();
                    if (ours) {
                        if (!server.publish(topic, tickEvent.withExtra("sent_ns", now))) {
                            throw new IllegalStateException("publish refused at " + i + ": the rpc-server queue is full");
                        }
                    } else {
                        ByteBuffer.wrap(rawFrame).putLong(0, now);
                        raw.send(rawFrame, 0);
                    }
                }
                System.out.println("SENT n=" + n + " seconds=" + (System.nanoTime() - start) / 1e9);
            }
        }
        System.exit(0);
    }
}
