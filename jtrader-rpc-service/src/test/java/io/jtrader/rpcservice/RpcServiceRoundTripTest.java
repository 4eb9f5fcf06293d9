package io.jtrader.rpcservice;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.rpcservice.ServiceFixture.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.jtrader.rpcservice.ServiceFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A SIM server and RPC clients in one JVM, over loopback sockets. */
class RpcServiceRoundTripTest {
    @TempDir
    Path home;

    @Test
    @Timeout(60)
    void shouldShowTheServersContractsAndAccountsUnderTheClientsGatewayName() {
        try (ServiceFixture f = new ServiceFixture(home)) {
            Client client = f.client(home, "RPC");

            assertThat(client.oms().getAllContracts()).hasSameSizeAs(f.server.oms().getAllContracts())
                    .allSatisfy(c -> assertThat(c.gatewayName()).isEqualTo("RPC"));
            AccountData serverAccount = f.server.oms().getAllAccounts().get(0);
            AccountData clientAccount = client.oms().getAccount("RPC." + serverAccount.accountId());
            assertThat(clientAccount).isNotNull();
            assertThat(clientAccount.available()).isEqualTo(serverAccount.available());   // W17: kept as reported
            assertThat(client.gateway.serverGatewayOf(f.shfeFuture().vtSymbol())).isEqualTo("SIM");
        }
    }

    @Test
    @Timeout(60)
    void shouldTradeThroughTheServerAndDeliverEachOrderAndTradeUpdateOnceWithTheClientsIds() {
        try (ServiceFixture f = new ServiceFixture(home)) {
            List<Event> serverEvents = new CopyOnWriteArrayList<>();
            f.server.eventEngine().registerGeneral(serverEvents::add);
            Client a = f.client(home, "RPC");
            Client b = f.client(home, "RPC2");
            ContractData contract = f.shfeFuture();
            String vtSymbol = contract.vtSymbol();

            a.engine.subscribe(new SubscribeRequest(contract.symbol(), contract.exchange()), "RPC");
            TickData tick = a.awaitTick(vtSymbol);
            assertThat(tick.gatewayName()).isEqualTo("RPC");
            assertThat(a.events).anyMatch(e -> e.type().equals(EventType.tickOf(vtSymbol)));

            String marketable = a.engine.sendOrder(OrderRequest.limit(contract.symbol(), contract.exchange(),
                    Direction.LONG, Offset.OPEN, tick.limitUp(), 1), "RPC");
            String resting = a.engine.sendOrder(OrderRequest.limit(contract.symbol(), contract.exchange(),
                    Direction.LONG, Offset.OPEN, tick.limitDown(), 1), "RPC");
            assertThat(marketable).startsWith("RPC.");
            assertThat(resting).startsWith("RPC.").isNotEqualTo(marketable);

            await().atMost(WAIT).until(() -> status(a, marketable) == Status.ALLTRADED
                    && status(a, resting) == Status.NOTTRADED);
            a.engine.cancelOrder(a.oms().getOrder(resting).createCancelRequest(), "RPC");
            await().atMost(WAIT).until(() -> status(a, resting) == Status.CANCELLED
                    && status(b, resting.replace("RPC.", "RPC2.")) == Status.CANCELLED
                    && b.oms().getAllTrades().size() == f.server.oms().getAllTrades().size());

            for (String vtOrderId : List.of(marketable, resting)) {
                String localId = vtOrderId.substring("RPC.".length());
                List<String> onServer = updates(serverEvents, EventType.ORDER, "SIM." + localId);
                assertThat(onServer).isNotEmpty();
                assertThat(updates(a.events, EventType.ORDER, "RPC." + localId)).isEqualTo(onServer);
                assertThat(updates(b.events, EventType.ORDER, "RPC2." + localId)).isEqualTo(onServer);
                assertThat(a.count(EventType.orderOf("RPC." + localId))).isEqualTo(onServer.size());   // W10
            }
            assertThat(a.events).noneMatch(e -> e.type().startsWith(EventType.ORDER + "SIM."));
            TradeData serverTrade = f.server.oms().getAllTrades().get(0);
            assertThat(a.ofType(EventType.TRADE)).hasSize(f.server.oms().getAllTrades().size());
            assertThat(a.oms().getTrade("RPC." + serverTrade.tradeId())).isEqualTo(micros(serverTrade.withGatewayName("RPC")));
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(a.oms().getAllPositions()).containsExactlyInAnyOrderElementsOf(
                        f.server.oms().getAllPositions().stream().map(p -> p.withGatewayName("RPC")).toList());
                assertThat(a.oms().getAllOrders()).containsExactlyInAnyOrderElementsOf(
                        f.server.oms().getAllOrders().stream().map(o -> micros(o.withGatewayName("RPC"))).toList());
            });
        }
    }

    @Test
    @Timeout(60)
    void shouldRejectAnOrderForAContractTheServerLacksAndCarryOn() {
        try (ServiceFixture f = new ServiceFixture(home)) {
            Client a = f.client(home, "RPC");
            String vtOrderId = a.engine.sendOrder(OrderRequest.limit("nosuch2601", io.jtrader.core.model.Exchange.SHFE,
                    Direction.LONG, Offset.OPEN, 100, 1), "RPC");
            assertThat(vtOrderId).startsWith("RPC.");
            await().atMost(WAIT).until(() -> status(a, vtOrderId) == Status.REJECTED);

            ContractData contract = f.shfeFuture();
            a.engine.subscribe(new SubscribeRequest(contract.symbol(), contract.exchange()), "RPC");
            assertThat(a.awaitTick(contract.vtSymbol()).gatewayName()).isEqualTo("RPC");
        }
    }

    @Test
    @Timeout(60)
    void shouldKeepASubscriptionMadeBeforeTheSnapshotArrived() {
        try (ServiceFixture f = new ServiceFixture(home)) {
            ContractData contract = f.shfeFuture();
            io.jtrader.core.engine.MainEngine engine = new io.jtrader.core.engine.MainEngine(
                    new io.jtrader.core.engine.MainEngine.Context().homeDir(home.resolve("early")).logCommands(false));
            try (engine) {
                List<TickData> ticks = new CopyOnWriteArrayList<>();
                engine.eventEngine().register(EventType.TICK, e -> ticks.add((TickData) e.data()));
                io.jtrader.rpcservice.client.RpcGateway gateway = (io.jtrader.rpcservice.client.RpcGateway)
                        engine.addGateway(new io.jtrader.rpcservice.client.RpcGatewayFactory(), "RPC");
                engine.connect(io.jtrader.core.gateway.GatewaySettings.of(java.util.Map.of(
                        io.jtrader.rpcservice.client.RpcGateway.REQ_ADDRESS_ALIAS, f.rpcEngine.boundRepEndpoint(),
                        io.jtrader.rpcservice.client.RpcGateway.SUB_ADDRESS_ALIAS, f.rpcEngine.boundPubEndpoint())), "RPC");
                // Straight after connect: the contracts (and their server gateway) are not known yet.
                engine.subscribe(new SubscribeRequest(contract.symbol(), contract.exchange()), "RPC");

                await().atMost(WAIT).until(() -> ticks.stream().anyMatch(t -> t.vtSymbol().equals(contract.vtSymbol())));
                assertThat(gateway.synced()).isCompleted();
            }
        }
    }

    /** vn.py's wire carries datetimes to the microsecond (SIM stamps nanoseconds). */
    static OrderData micros(OrderData o) {
        return o.withStatus(o.status(), o.datetime() == null ? null : o.datetime().truncatedTo(ChronoUnit.MICROS));
    }

    static TradeData micros(TradeData t) {
        return new TradeData(t.gatewayName(), t.symbol(), t.exchange(), t.orderId(), t.tradeId(), t.direction(),
                t.offset(), t.price(), t.volume(), t.datetime() == null ? null : t.datetime().truncatedTo(ChronoUnit.MICROS));
    }

    private static Status status(Client client, String vtOrderId) {
        OrderData order = client.oms().getOrder(vtOrderId);
        return order == null ? null : order.status();
    }

    /** The (status, traded) sequence of one order's general events. */
    private static List<String> updates(List<Event> events, String type, String vtOrderId) {
        return events.stream().filter(e -> e.type().equals(type))
                .map(e -> (OrderData) e.data())
                .filter(o -> o.vtOrderId().equals(vtOrderId))
                .map(o -> o.status() + "/" + o.traded())
                .toList();
    }
}
