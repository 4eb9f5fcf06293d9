package io.jtrader.rpc;

/** Settings for in-process loopback tests: free ports on 127.0.0.1, short heartbeats and drains. */
final class Loopback {
    static final FrameCodec CODEC = new TestCodec();

    private Loopback() {
    }

    static RpcServer.Context serverContext() {
        return new RpcServer.Context()
                .repEndpoint("tcp://127.0.0.1:0")
                .pubEndpoint("tcp://127.0.0.1:0")
                .codec(CODEC)
                .workerPoolSize(4)
                .heartbeatIntervalMs(50)
                .drainTimeoutMs(2_000)
                .lingerMs(200);
    }

    static RpcClient.Context clientContext(RpcServer server) {
        return new RpcClient.Context()
                .reqEndpoint(server.repEndpoint())
                .subEndpoint(server.pubEndpoint())
                .codec(CODEC)
                .callTimeoutMs(5_000);
    }

    static RpcClient client(RpcServer server) {
        return new RpcClient(clientContext(server));
    }
}
