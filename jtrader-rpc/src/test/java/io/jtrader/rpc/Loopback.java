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

    /**
     * A raw socket connected to {@code endpoint} whose ZeroMQ handshake has completed. JeroMQ 0.6.0 now and then
     * leaves a fresh connection without its handshake for good (RpcClient reopens such connections by itself);
     * a test's raw socket is reopened here the same way, so the test checks the server, not that JeroMQ stall.
     */
    static org.zeromq.ZMQ.Socket handshaken(org.zeromq.ZContext zmq, org.zeromq.SocketType type, String endpoint) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            org.zeromq.ZMQ.Socket socket = zmq.createSocket(type);
            String monitorEndpoint = "inproc://test-monitor-" + System.identityHashCode(socket) + "-" + attempt;
            socket.monitor(monitorEndpoint, org.zeromq.ZMQ.EVENT_HANDSHAKE_PROTOCOL);
            org.zeromq.ZMQ.Socket monitor = zmq.createSocket(org.zeromq.SocketType.PAIR);
            monitor.connect(monitorEndpoint);
            monitor.setReceiveTimeOut(2_000);
            socket.connect(endpoint);
            org.zeromq.ZMQ.Event event = org.zeromq.ZMQ.Event.recv(monitor);
            socket.monitor(null, 0);
            zmq.destroySocket(monitor);
            if (event != null) {
                return socket;
            }
            zmq.destroySocket(socket);
        }
        throw new AssertionError("no ZeroMQ handshake with " + endpoint + " in 10 attempts");
    }
}
