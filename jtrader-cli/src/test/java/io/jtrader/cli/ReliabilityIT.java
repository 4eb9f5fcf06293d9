package io.jtrader.cli;

import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jtrader.cli.JtraderProcess.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Processes die and come back: {@code kill -9} of the server while three clients trade, then a restart on the same
 * ports and home (SIM's journal restores the exchange): every client is consistent with the server again within
 * 2 s of the new READY line, with no manual step. A client killed the same way and restarted syncs from scratch.
 */
class ReliabilityIT {
    private static final int CLIENTS = 3;
    private static final Duration CONSISTENT_WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path home;

    @Test
    @Timeout(180)
    void shouldMakeEveryClientConsistentWithin2sOfTheRestartedServersReadyLineAfterKill9() throws Exception {
        Path connect = simSettings();
        List<JtraderProcess> clients = new ArrayList<>();
        JtraderProcess server = startServer(connect, "tcp://127.0.0.1:0", "tcp://127.0.0.1:0");
        JtraderProcess restarted = null;
        try {
            Matcher ready = server.awaitLine(ServerCommandIT.READY);
            String rep = "tcp://127.0.0.1:" + ready.group(1);
            String pub = "tcp://127.0.0.1:" + ready.group(2);
            ContractData contract;
            TickData tick;
            try (RpcClient probe = probe(rep, pub)) {
                contract = future(probe);
                tick = awaitTick(probe, contract);
            }
            for (int i = 1; i <= CLIENTS; i++) {
                clients.add(startClient(i, rep, pub));
            }
            for (JtraderProcess client : clients) {
                client.awaitLine(Pattern.compile("SYNCED .*"));
            }
            // every client trades: a fill, and a resting order
            for (int i = 1; i <= CLIENTS; i++) {
                JtraderProcess client = clients.get(i - 1);
                int from = client.lines().size();
                client.type("buy " + contract.vtSymbol() + " " + tick.limitUp() + " 1");
                client.awaitLine(from, Pattern.compile("sent C" + i + "\\.\\S+"));
                from = client.lines().size();
                client.type("sell " + contract.vtSymbol() + " " + tick.limitUp() + " 1 open");
                client.awaitLine(from, Pattern.compile("sent C" + i + "\\.\\S+"));
            }
            server.kill();   // kill -9 while the order updates and trades are still on their way

            restarted = startServer(connect, rep, pub);
            restarted.awaitLine(ServerCommandIT.READY);
            long readyNs = System.nanoTime();
            try (RpcClient probe = probe(rep, pub)) {
                List<JtraderProcess> all = List.copyOf(clients);
                await().alias("all clients consistent with the restarted server")
                        .atMost(CONSISTENT_WITHIN.plusSeconds(1)).pollInterval(Duration.ofMillis(50))
                        .ignoreExceptions().until(() -> {
                            for (int i = 1; i <= CLIENTS; i++) {
                                assertConsistent(all.get(i - 1), "C" + i, probe);
                            }
                            return true;
                        });
                long consistentMs = Duration.ofNanos(System.nanoTime() - readyNs).toMillis();
                System.out.println("clients consistent " + consistentMs + " ms after the restarted server's READY line");
                assertThat(consistentMs).as("consistent within 2 s of READY").isLessThanOrEqualTo(
                        CONSISTENT_WITHIN.toMillis());
                List<OrderData> serverOrders = list(probe.call("get_all_orders"), OrderData.class);
                assertThat(serverOrders).as("orders survive the kill").hasSize(2 * CLIENTS);
                for (JtraderProcess client : clients) {
                    assertThat(client.linesMatching(l -> l.startsWith("trade ")))
                            .as("each trade printed once").doesNotHaveDuplicates();
                }
            }
            for (JtraderProcess client : clients) {
                assertThat(client.terminate()).as(client.describe()).isZero();
            }
            assertThat(restarted.terminate()).as(restarted.describe()).isZero();
        } finally {
            clients.forEach(JtraderProcess::close);
            server.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    @Test
    @Timeout(180)
    void shouldBringAClientKilledAndRestartedBackToTheServersState() throws Exception {
        Path connect = simSettings();
        try (JtraderProcess server = startServer(connect, "tcp://127.0.0.1:0", "tcp://127.0.0.1:0")) {
            Matcher ready = server.awaitLine(ServerCommandIT.READY);
            String rep = "tcp://127.0.0.1:" + ready.group(1);
            String pub = "tcp://127.0.0.1:" + ready.group(2);
            try (RpcClient probe = probe(rep, pub)) {
                ContractData contract = future(probe);
                TickData tick = awaitTick(probe, contract);
                JtraderProcess client = startClient(1, rep, pub);
                JtraderProcess other = startClient(2, rep, pub);
                try {
                    client.awaitLine(Pattern.compile("SYNCED .*"));
                    other.awaitLine(Pattern.compile("SYNCED .*"));
                    int from = client.lines().size();
                    client.type("buy " + contract.vtSymbol() + " " + tick.limitUp() + " 1");
                    client.awaitLine(from, Pattern.compile("sent C1\\.\\S+"));
                    client.type("sell " + contract.vtSymbol() + " " + tick.limitUp() + " 1 open");
                    client.kill();
                    // the server and the other client carry on
                    int otherFrom = other.lines().size();
                    other.type("buy " + contract.vtSymbol() + " " + tick.limitUp() + " 2");
                    other.awaitLine(otherFrom, Pattern.compile("sent C2\\.\\S+"));

                    JtraderProcess again = startClient(1, rep, pub);
                    try {
                        again.awaitLine(Pattern.compile("SYNCED .*"));
                        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                            assertConsistent(again, "C1", probe);
                            assertConsistent(other, "C2", probe);
                            return true;
                        });
                        assertThat(again.terminate()).as(again.describe()).isZero();
                    } finally {
                        again.close();
                    }
                    assertThat(other.terminate()).as(other.describe()).isZero();
                } finally {
                    client.close();
                    other.close();
                }
            }
            assertThat(server.terminate()).as(server.describe()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Path simSettings() throws Exception {
        Path connect = home.resolve("sim.json");
        Files.writeString(connect, "{\"tick interval ms\": 500, \"journal\": true, \"order ack latency ms\": 0}");
        return connect;
    }

    private JtraderProcess startServer(Path connect, String rep, String pub) {
        return JtraderProcess.start("server", "server", "--home", home.resolve("server").toString(),
                "--connect", connect.toString(), "--rep", rep, "--pub", pub);
    }

    private JtraderProcess startClient(int i, String rep, String pub) {
        return JtraderProcess.start("client" + i, "client", "--home", home.resolve("client" + i).toString(),
                "--rep", rep, "--pub", pub, "--gateway-name", "C" + i, "--quiet-ticks");
    }

    static RpcClient probe(String rep, String pub) {
        return new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(pub).codec(VnpyTypes.codec())
                .callTimeoutMs(10_000));
    }

    static ContractData future(RpcClient probe) {
        return list(probe.call("get_all_contracts"), ContractData.class).stream()
                .filter(c -> c.exchange() == Exchange.SHFE && c.product() == Product.FUTURES).findFirst().orElseThrow();
    }

    static TickData awaitTick(RpcClient probe, ContractData contract) {
        probe.call("subscribe", new SubscribeRequest(contract.symbol(), contract.exchange()), "SIM");
        await().atMost(WAIT).until(() -> probe.call("get_tick", contract.vtSymbol()) != null);
        return (TickData) probe.call("get_tick", contract.vtSymbol());
    }

    /** The client's orders, trades, positions and accounts are the server's, under the client's gateway name. */
    static void assertConsistent(JtraderProcess client, String gw, RpcClient probe) {
        client.assertListing("orders", list(probe.call("get_all_orders"), OrderData.class),
                o -> ClientConsole.format(o.withGatewayName(gw)));
        client.assertListing("trades", list(probe.call("get_all_trades"), TradeData.class),
                t -> ClientConsole.format(t.withGatewayName(gw)));
        client.assertListing("positions", list(probe.call("get_all_positions"), PositionData.class),
                p -> ClientConsole.format(p.withGatewayName(gw)));
        client.assertListing("accounts", list(probe.call("get_all_accounts"), AccountData.class),
                a -> ClientConsole.format(a.withGatewayName(gw)));
    }

    static <T> List<T> list(Object reply, Class<T> type) {
        assertThat(reply).isInstanceOf(List.class);
        return ((List<?>) reply).stream().map(type::cast).toList();
    }
}
