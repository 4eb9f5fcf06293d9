package io.jtrader.rpcservice;

import io.jtrader.core.event.EventType;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.rpcservice.ServiceFixture.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jtrader.rpcservice.ServiceFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client's state follows the server's across a service restart and while orders flow during connect. */
class RpcGatewayResyncTest {
    @TempDir
    Path home;

    private static List<String> logs(Client client) {
        return client.ofType(EventType.LOG).stream().map(e -> ((LogData) e.data()).msg()).toList();
    }

    private static List<OrderData> relabelled(List<OrderData> orders, String gatewayName) {
        return orders.stream().map(o -> RpcServiceRoundTripTest.micros(o.withGatewayName(gatewayName))).toList();
    }

    @Test
    @Timeout(60)
    void shouldReportTheServerLostAndTakeANewSnapshotWhenItIsBack() {
        try (ServiceFixture f = new ServiceFixture(home)) {
            Client client = f.client(home, "RPC");
            String rep = f.rpcEngine.boundRepEndpoint();
            String pub = f.rpcEngine.boundPubEndpoint();
            ContractData contract = f.shfeFuture();
            f.server.subscribe(new SubscribeRequest(contract.symbol(), contract.exchange()), "SIM");
            await().atMost(WAIT).until(() -> f.server.oms().getTick(contract.vtSymbol()) != null);
            TickData tick = f.server.oms().getTick(contract.vtSymbol());

            f.rpcEngine.stop();
            await().atMost(WAIT).until(() -> logs(client).stream().anyMatch(m -> m.contains("server lost")));
            // while the service is down the server trades: these updates are never pushed to the client
            String vtOrderId = f.server.sendOrder(OrderRequest.limit(contract.symbol(), contract.exchange(),
                    Direction.LONG, Offset.OPEN, tick.limitDown(), 1), "SIM");
            await().atMost(WAIT).until(() -> f.server.oms().getOrder(vtOrderId) != null
                    && !f.server.oms().getOrder(vtOrderId).status().equals(io.jtrader.core.model.Status.SUBMITTING));

            f.rpcEngine.start(rep, pub);
            await().atMost(WAIT).until(() -> logs(client).stream().anyMatch(m -> m.contains("server restored")));
            await().atMost(WAIT).untilAsserted(() -> assertThat(client.oms().getAllOrders())
                    .containsExactlyInAnyOrderElementsOf(relabelled(f.server.oms().getAllOrders(), "RPC")));
        }
    }

    @Test
    @Timeout(60)
    void shouldEndWithTheServersOrdersWhenItConnectsWhileOrdersFlow() throws Exception {
        try (ServiceFixture f = new ServiceFixture(home)) {
            ContractData contract = f.shfeFuture();
            f.server.subscribe(new SubscribeRequest(contract.symbol(), contract.exchange()), "SIM");
            await().atMost(WAIT).until(() -> f.server.oms().getTick(contract.vtSymbol()) != null);
            TickData tick = f.server.oms().getTick(contract.vtSymbol());
            int orders = 400;
            Thread trader = new Thread(() -> {
                for (int i = 0; i < orders; i++) {
                    boolean marketable = i % 2 == 0;
                    String id = f.server.sendOrder(OrderRequest.limit(contract.symbol(), contract.exchange(),
                            marketable ? Direction.LONG : Direction.SHORT, Offset.OPEN, tick.limitUp(), 1), "SIM");
                    if (!marketable) {
                        f.server.cancelOrder(new io.jtrader.core.model.CancelRequest(
                                io.jtrader.core.model.VtIds.localIdOf(id), contract.symbol(), contract.exchange()), "SIM");
                    }
                }
            }, "test-trader");
            trader.start();
            Client client;
            try {
                await().atMost(WAIT).until(() -> f.server.oms().getAllOrders().size() > 20);
                client = f.client(home, "RPC");   // connects while orders flow
            } finally {
                trader.join(WAIT.toMillis());
            }
            await().atMost(WAIT).untilAsserted(() -> {
                List<OrderData> serverOrders = f.server.oms().getAllOrders();
                assertThat(serverOrders).hasSize(orders).allSatisfy(o -> assertThat(o.isActive()).isFalse());
                assertThat(client.oms().getAllOrders()).containsExactlyInAnyOrderElementsOf(relabelled(serverOrders, "RPC"));
            });
        }
    }

    @Test
    @Timeout(120)
    void shouldTakeASnapshotOfABusyDayOfOrders() throws Exception {
        try (ServiceFixture f = new ServiceFixture(home)) {
            ContractData contract = f.shfeFuture();
            f.server.subscribe(new SubscribeRequest(contract.symbol(), contract.exchange()), "SIM");
            await().atMost(WAIT).until(() -> f.server.oms().getTick(contract.vtSymbol()) != null);
            TickData tick = f.server.oms().getTick(contract.vtSymbol());
            int orders = 20_000;
            OrderRequest fak = new OrderRequest(contract.symbol(), contract.exchange(), Direction.LONG,
                    io.jtrader.core.model.OrderType.FAK, 1, tick.limitDown(), Offset.OPEN, "");
            for (int i = 0; i < orders; i++) {
                f.server.sendOrder(fak, "SIM");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> f.server.oms().getAllOrders().size() == orders
                    && f.server.oms().getAllActiveOrders().isEmpty());

            Client client = f.client(home, "RPC");
            assertThat(client.oms().getAllOrders()).hasSize(orders);
        }
    }
}
