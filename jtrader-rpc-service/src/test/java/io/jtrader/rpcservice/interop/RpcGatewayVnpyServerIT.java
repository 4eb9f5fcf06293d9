package io.jtrader.rpcservice.interop;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.rpc.testkit.PythonInterop;
import io.jtrader.rpcservice.client.RpcGateway;
import io.jtrader.rpcservice.client.RpcGatewayFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Our RpcGateway against a Python stand-in of vn.py's RpcEngine (enums by value, vn.py's heartbeat topic). */
class RpcGatewayVnpyServerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private record Client(MainEngine engine, RpcGateway gateway, List<Event> events) implements AutoCloseable {
        List<String> logs() {
            return events.stream().filter(e -> e.type().equals(EventType.LOG))
                    .map(e -> ((LogData) e.data()).gatewayName() + ": " + ((LogData) e.data()).msg()).toList();
        }

        long count(String type, String vtOrderId) {
            return events.stream().filter(e -> e.type().equals(type))
                    .filter(e -> ((OrderData) e.data()).vtOrderId().equals(vtOrderId)).count();
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /** Until two heartbeats have shown the server's interval, silence counts as loss after the tolerance. */
    private Client connect(String readyLine) {
        return connect(readyLine, RpcGateway.Context::new);
    }

    private Client connect(String readyLine, java.util.function.Supplier<RpcGateway.Context> context) {
        String[] parts = readyLine.split(" ");
        assertThat(parts[0]).isEqualTo("READY");
        MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(dir.resolve("client")).logCommands(false));
        List<Event> events = new CopyOnWriteArrayList<>();
        engine.eventEngine().registerGeneral(events::add);
        RpcGateway gateway = (RpcGateway) engine.addGateway(new RpcGatewayFactory(context), "RPC");
        engine.connect(GatewaySettings.of(Map.of(RpcGateway.REQ_ADDRESS_KEY, parts[1], RpcGateway.SUB_ADDRESS_KEY, parts[2])), "RPC");
        gateway.synced().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        io.jtrader.rpcservice.ServiceFixture.awaitDispatched(engine);
        return new Client(engine, gateway, events);
    }

    @Test
    @Timeout(90)
    void shouldRelayAVnpyServerAsItsOwnGatewayWithoutVnpysDefects() {
        Path scripts = VnpyScripts.copyTo(dir.resolve("py"));
        try (PythonInterop.PythonProcess server = PythonInterop.start(scripts.resolve("vnpy_server.py"), "1");
             Client client = connect(server.readLine(WAIT), () -> new RpcGateway.Context().heartbeatToleranceMs(5_000))) {
            var oms = client.engine().oms();
            assertThat(oms.getContract("rb2601.SHFE").gatewayName()).isEqualTo("RPC");
            assertThat(client.gateway().serverGatewayOf("rb2601.SHFE")).isEqualTo("CTP");
            AccountData account = oms.getAccount("RPC.089121");
            assertThat(account.available()).isEqualTo(985588.0);                     // W17: the broker's figure
            assertThat(oms.getPosition("RPC.rb2601.SHFE.多").volume()).isEqualTo(2.0);

            client.engine().subscribe(new SubscribeRequest("rb2601", Exchange.SHFE), "RPC");
            await().atMost(WAIT).until(() -> oms.getTick("rb2601.SHFE") != null);
            assertThat(oms.getTick("rb2601.SHFE").gatewayName()).isEqualTo("RPC");
            await().atMost(WAIT).until(() -> client.gateway().serverGatewayOf("cu2601.SHFE").equals("CTP2"));   // W11
            await().atMost(WAIT).until(() -> client.logs().contains("CTP: 行情订阅成功 rb2601.SHFE"));           // source kept

            String vtOrderId = client.engine().sendOrder(OrderRequest.limit("cu2601", Exchange.SHFE, Direction.LONG,
                    Offset.OPEN, 80_000, 1), "RPC");
            assertThat(vtOrderId).isEqualTo("RPC.1_-1");
            await().atMost(WAIT).until(() -> oms.getOrder(vtOrderId) != null && oms.getOrder(vtOrderId).status() == Status.ALLTRADED
                    && oms.getTrade("RPC.T1") != null);
            assertThat(client.count(EventType.ORDER, vtOrderId)).isEqualTo(2);                           // once each
            assertThat(client.count(EventType.orderOf(vtOrderId), vtOrderId)).isEqualTo(2);               // W10
            assertThat(client.events()).noneMatch(e -> e.type().startsWith("eOrder.CTP"));
            assertThat(client.events().stream().filter(e -> e.type().equals(EventType.TRADE))).hasSize(1);
            // reliability extensions: recognised as absent, nothing false reported
            await().atMost(WAIT).until(() -> client.gateway().serverIsVnpy());
            assertThat(client.gateway().serverNumbersEvents()).isFalse();
            var counters = client.gateway().reliabilityCounters();
            assertThat(counters.gapsDetected() + counters.newSessions() + counters.duplicatesDropped())
                    .as(counters.toString()).isZero();
            assertThat(client.events()).noneMatch(e -> e.type().equals(RpcGateway.EVENT_SEQUENCE_GAP));

            server.close();
            assertThat(server.isAlive()).isFalse();
            await().atMost(WAIT).untilAsserted(() -> assertThat(client.logs()).anyMatch(l -> l.contains("server lost")));
        }
    }

    @Test
    @Timeout(90)
    void shouldNotReportAServerWithVnpysTenSecondHeartbeatAsLost() {
        Path scripts = VnpyScripts.copyTo(dir.resolve("py"));
        try (PythonInterop.PythonProcess server = PythonInterop.start(scripts.resolve("vnpy_server.py"), "10");
             Client client = connect(server.readLine(WAIT))) {
            await().during(Duration.ofSeconds(22)).atMost(Duration.ofSeconds(25))
                    .until(() -> client.logs().stream().noneMatch(l -> l.contains("server lost")));
            assertThat(client.gateway().isConnected()).isTrue();
        }
    }
}
