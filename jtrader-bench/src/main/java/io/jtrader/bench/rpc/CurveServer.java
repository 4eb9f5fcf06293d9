package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcServer;
import io.jtrader.rpc.security.CurveKeys;

/**
 * Child process of {@link CurveBenchmark}: two identical {@link RpcServer}s serving {@code send_order}, one plain and
 * one CurveZMQ (a fresh server key pair; only the client key given as {@code --client-key} is admitted). Prints
 * {@code READY plain=ENDPOINT curve=ENDPOINT server-key=Z85}; exits when stdin closes.
 */
public final class CurveServer {
    public static void main(String[] args) throws Exception {
        String clientKey = BenchSupport.stringArg(args, "client-key", null);
        if (clientKey == null) {
            throw new IllegalArgumentException("--client-key Z85 is required (the one client public key to admit)");
        }
        CurveKeys.requireKey("--client-key", clientKey);
        long spin = BenchSupport.longArg(args, "spin", 0);
        FrameCodec codec = BenchSupport.codec();
        CurveKeys serverKeys = CurveKeys.generate();
        try (RpcServer plain = server(new RpcServer.Context(), codec, spin);
             RpcServer curve = server(new RpcServer.Context().curve(serverKeys,
                     (key, peer) -> key.equals(clientKey) ? null : "not the benchmark's client key"), codec, spin)) {
            System.out.println("READY plain=" + plain.repEndpoint() + " curve=" + curve.repEndpoint() + " server-key="
                    + serverKeys.publicKey());
            while (BenchSupport.readControl(BenchSupport.stdin()) != null) {
                // run until the driver closes stdin
            }
        }
        System.exit(0);
    }

    private static RpcServer server(RpcServer.Context context, FrameCodec codec, long spin) {
        RpcServer server = new RpcServer(context.repEndpoint("tcp://127.0.0.1:0").pubEndpoint("tcp://127.0.0.1:0")
                .codec(codec).workerPoolSize(2).idleSpinMicros(spin));
        server.register("send_order", call -> {
            call.expectArgs(4);
            return RoundTripServer.RESULT;
        });
        return server.start();
    }
}
