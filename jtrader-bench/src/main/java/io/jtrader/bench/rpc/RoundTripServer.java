package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcFunction;
import io.jtrader.rpc.RpcServer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.Arrays;

/**
 * Child process of {@link RoundTripBenchmark}: a jtrader {@link RpcServer} serving {@code send_order} (inline on
 * the rpc-server thread unless {@code --inline 0}) and a raw
 * JeroMQ REP socket that answers every request with the very bytes RpcServer would send. Prints
 * {@code READY ours=ENDPOINT raw=ENDPOINT pub=ENDPOINT}; exits when stdin closes.
 */
public final class RoundTripServer {
    static final String RESULT = "SIM.1";

    public static void main(String[] args) throws Exception {
        FrameCodec codec = BenchSupport.codec();
        byte[] reply = codec.encode(Arrays.asList(Boolean.TRUE, RESULT));
        try (RpcServer server = new RpcServer(new RpcServer.Context().repEndpoint("tcp://127.0.0.1:0")
                .pubEndpoint("tcp://127.0.0.1:0").codec(codec).workerPoolSize(2)
                .idleSpinMicros(BenchSupport.longArg(args, "spin", 0)));
             ZContext zmq = new ZContext(1)) {
            RpcFunction sendOrder = call -> {
                call.expectArgs(4);
                return RESULT;
            };
            if (BenchSupport.longArg(args, "inline", 1) != 0) {
                server.registerInline("send_order", sendOrder);   // as jtrader-rpc-service registers it
            } else {
                server.register("send_order", sendOrder);
            }
            server.start();
            ZMQ.Socket rep = zmq.createSocket(SocketType.REP);
            rep.bind("tcp://127.0.0.1:*");
            Thread raw = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        byte[] request = rep.recv(0);
                        if (request == null) {
                            return;
                        }
                        rep.send(reply, 0);
                    }
                } catch (org.zeromq.ZMQException e) {
                    // context closed at exit
                }
            }, "raw-rep");
            raw.setDaemon(true);
            raw.start();
            System.out.println("READY ours=" + server.repEndpoint() + " raw=" + rep.getLastEndpoint() + " pub=" + server.pubEndpoint());
            while (BenchSupport.readControl(BenchSupport.stdin()) != null) {
                // run until the driver closes stdin
            }
        }
        System.exit(0);
    }
}
