package io.jtrader.bench.rpc;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcClient;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link FanOutMemoryBenchmark}: {@code --connections} RpcClients subscribed to every topic of one
 * server, each decoding every frame and counting events. Prints {@code READY} once each has seen a heartbeat; on
 * {@code COUNT} prints {@code COUNT received=N} (events summed over its clients, since the last COUNT).
 */
public final class FanOutMemorySubscriber {
    public static void main(String[] args) throws Exception {
        String pub = BenchSupport.stringArg(args, "pub", null);
        String rep = BenchSupport.stringArg(args, "rep", null);   // as a trading client, connected to both sides
        int connections = (int) BenchSupport.longArg(args, "connections", 4);
        FrameCodec codec = BenchSupport.codec();
        AtomicLong received = new AtomicLong();
        List<RpcClient> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            RpcClient client = new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(pub)
                    .codec(codec));
            client.subscribeAll((topic, data) -> received.incrementAndGet());
            clients.add(client);
        }
        for (RpcClient client : clients) {
            BenchSupport.awaitHeartbeat(client, pub, 60);
        }
        System.out.println("READY");
        BufferedReader stdin = BenchSupport.stdin();
        String line;
        while ((line = BenchSupport.readControl(stdin)) != null) {
            if (line.equals("COUNT")) {
                System.out.println("COUNT received=" + received.getAndSet(0));
            }
        }
        clients.forEach(RpcClient::close);
        System.exit(0);
    }
}
