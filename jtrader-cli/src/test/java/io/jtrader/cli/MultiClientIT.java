package io.jtrader.cli;

import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.core.event.EventType;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpcservice.vnpy.VnpyEvent;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jtrader.cli.JtraderProcess.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@code jtrader server} process and three {@code jtrader client} processes typing commands: every client
 * sees everything, trades, and ends with the server's state under its own gateway name, each update once.
 */
class MultiClientIT {
    private static final int CLIENTS = 3;

    @TempDir
    Path home;

    @Test
    @Timeout(240)
    void shouldServeThreeClientsThatEachSeeEveryUpdateOnceAndEndWithTheServersState() throws Exception {
        Path connect = home.resolve("sim_fast.json");
        Files.writeString(connect, "{\"tick interval ms\": 100, \"journal\": false, \"order ack latency ms\": 0}");
        List<JtraderProcess> clients = new ArrayList<>();
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.resolve("server").toString(),
                "--connect", connect.toString(), "--rep", "tcp://127.0.0.1:0", "--pub", "tcp://127.0.0.1:0")) {
            Matcher ready = server.awaitLine(ServerCommandIT.READY);
            String rep = "tcp://127.0.0.1:" + ready.group(1);
            String pub = "tcp://127.0.0.1:" + ready.group(2);
            try (RpcClient probe = new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(pub)
                    .codec(VnpyTypes.codec()).callTimeoutMs(10_000))) {
                List<OrderData> serverOrderEvents = new CopyOnWriteArrayList<>();
                probe.subscribe("", (topic, data) -> {
                    if (data instanceof VnpyEvent e && e.type().equals(EventType.ORDER)) {
                        serverOrderEvents.add((OrderData) e.data());
                    }
                });
                List<ContractData> contracts = list(probe.call("get_all_contracts"), ContractData.class);
                ContractData contract = contracts.stream()
                        .filter(c -> c.exchange() == Exchange.SHFE && c.product() == Product.FUTURES).findFirst().orElseThrow();
                String vtSymbol = contract.vtSymbol();
                int accounts = list(probe.call("get_all_accounts"), AccountData.class).size();

                for (int i = 1; i <= CLIENTS; i++) {
                    JtraderProcess client = JtraderProcess.start("client" + i, "client", "--home",
                            home.resolve("client" + i).toString(), "--rep", rep, "--pub", pub,
                            "--gateway-name", "C" + i, "--quiet-ticks");
                    clients.add(client);
                }
                for (JtraderProcess client : clients) {
                    client.awaitLine(Pattern.compile("SYNCED contracts=" + contracts.size() + " accounts=" + accounts + " .*"));
                    client.type("sub " + vtSymbol);
                    client.awaitLine(Pattern.compile("tick " + Pattern.quote(vtSymbol) + " .*"));
                }
                await().atMost(WAIT).until(() -> probe.call("get_tick", vtSymbol) != null);
                TickData tick = (TickData) probe.call("get_tick", vtSymbol);

                List<String> resting = new ArrayList<>();
                for (int i = 1; i <= CLIENTS; i++) {
                    JtraderProcess client = clients.get(i - 1);
                    int from = client.lines().size();
                    client.type("buy " + vtSymbol + " " + tick.limitUp() + " 1");
                    String marketable = client.awaitLine(from, Pattern.compile("sent (C" + i + "\\.\\S+)")).group(1);
                    client.awaitLine(from, Pattern.compile("order " + Pattern.quote(marketable) + " .* ALLTRADED"));
                    from = client.lines().size();
                    client.type("sell " + vtSymbol + " " + tick.limitUp() + " 1 open");
                    String rest = client.awaitLine(from, Pattern.compile("sent (C" + i + "\\.\\S+)")).group(1);
                    client.awaitLine(from, Pattern.compile("order " + Pattern.quote(rest) + " .* NOTTRADED"));
                    client.type("cancel " + rest);
                    client.awaitLine(from, Pattern.compile("order " + Pattern.quote(rest) + " .* CANCELLED"));
                    resting.add(rest);
                }

                List<OrderData> serverOrders = list(probe.call("get_all_orders"), OrderData.class);
                List<TradeData> serverTrades = list(probe.call("get_all_trades"), TradeData.class);
                assertThat(serverOrders).hasSize(2 * CLIENTS);
                assertThat(serverTrades).hasSize(CLIENTS);
                for (int i = 1; i <= CLIENTS; i++) {
                    String gw = "C" + i;
                    JtraderProcess client = clients.get(i - 1);
                    // every client sees every order's updates (vn.py semantics), each exactly once
                    await().atMost(WAIT).untilAsserted(() -> {
                        for (OrderData order : serverOrders) {
                            List<String> onServer = serverOrderEvents.stream()
                                    .filter(o -> o.vtOrderId().equals(order.vtOrderId()))
                                    .map(o -> ClientConsole.format(o.withGatewayName(gw))).toList();
                            List<String> onClient = client.linesMatching(
                                    l -> l.startsWith("order " + gw + "." + order.orderId() + " "));
                            assertThat(onClient).as(gw + " updates of " + order.vtOrderId()).isEqualTo(onServer);
                        }
                        for (TradeData trade : serverTrades) {
                            assertThat(client.linesMatching(l -> l.equals(ClientConsole.format(trade.withGatewayName(gw)))))
                                    .as(gw + " trade " + trade.vtTradeId()).hasSize(1);
                        }
                    });
                    // and its OMS ends equal to the server's, with ids under its own gateway name
                    client.assertListing("orders", serverOrders, o -> ClientConsole.format(o.withGatewayName(gw)));
                    client.assertListing("trades", serverTrades, t -> ClientConsole.format(t.withGatewayName(gw)));
                    await().atMost(WAIT).untilAsserted(() -> {
                        client.assertListing("positions", list(probe.call("get_all_positions"), PositionData.class),
                                p -> ClientConsole.format(p.withGatewayName(gw)));
                        client.assertListing("accounts", list(probe.call("get_all_accounts"), AccountData.class),
                                a -> ClientConsole.format(a.withGatewayName(gw)));
                    });
                }
                assertThat(resting).hasSize(CLIENTS);
                for (JtraderProcess client : clients) {
                    assertThat(client.terminate()).as(client.describe()).isZero();
                }
                assertThat(server.terminate()).as(server.describe()).isZero();
            }
        } finally {
            clients.forEach(JtraderProcess::close);
        }
    }

    private static <T> List<T> list(Object reply, Class<T> type) {
        assertThat(reply).isInstanceOf(List.class);
        return ((List<?>) reply).stream().map(type::cast).toList();
    }

    static Duration wait(int seconds) {
        return Duration.ofSeconds(seconds);
    }
}
