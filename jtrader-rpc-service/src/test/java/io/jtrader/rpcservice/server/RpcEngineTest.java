package io.jtrader.rpcservice.server;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.settings.SettingsFiles;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.RpcRemoteException;
import io.jtrader.rpcservice.ServiceFixture;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.jtrader.rpcservice.ServiceFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RpcEngineTest {
    @TempDir
    Path home;

    private static RpcClient rawClient(RpcEngine engine) {
        return new RpcClient(new RpcClient.Context().reqEndpoint(engine.boundRepEndpoint())
                .subEndpoint(engine.boundPubEndpoint()).codec(VnpyTypes.codec()).callTimeoutMs(5_000));
    }

    @Test
    @Timeout(60)
    void shouldAnswerBadRequestsClearlyAndKeepServing() {
        try (ServiceFixture f = new ServiceFixture(home); RpcClient client = rawClient(f.rpcEngine)) {
            ServiceFixture.Client bystander = f.client(home, "RPC");
            ContractData contract = f.shfeFuture();
            bystander.engine.subscribe(new io.jtrader.core.model.SubscribeRequest(contract.symbol(), contract.exchange()), "RPC");
            OrderRequest order = OrderRequest.limit(contract.symbol(), contract.exchange(), Direction.LONG, Offset.OPEN,
                    1, 1);

            assertThat(client.call("send_order", order, "NOSUCH")).isEqualTo("");
            assertThat(client.call("get_tick", "nosuch.SHFE")).isNull();
            assertThat(client.call("get_contract", contract.vtSymbol())).isEqualTo(contract);
            assertThat(client.call("get_all_active_orders")).isInstanceOf(List.class);
            assertThatThrownBy(() -> client.call("send_quote", order, "SIM"))
                    .isInstanceOfSatisfying(RpcRemoteException.class,
                            e -> assertThat(e.errorLine()).isEqualTo("KeyError: 'send_quote'"));
            assertThatThrownBy(() -> client.call("send_order", order))
                    .isInstanceOfSatisfying(RpcRemoteException.class,
                            e -> assertThat(e.errorLine()).startsWith("TypeError: send_order() missing 1"));
            assertThatThrownBy(() -> client.call("send_order", "not an order", "SIM"))
                    .isInstanceOfSatisfying(RpcRemoteException.class,
                            e -> assertThat(e.errorLine()).startsWith("TypeError: send_order() argument 1 must be"));
            assertThatThrownBy(() -> client.call("get_all_orders", "extra"))
                    .isInstanceOfSatisfying(RpcRemoteException.class,
                            e -> assertThat(e.errorLine()).startsWith("TypeError: get_all_orders() takes 0"));

            try (ZContext zmq = new ZContext(); ZMQ.Socket req = zmq.createSocket(SocketType.REQ)) {
                req.setReceiveTimeOut(15_000);
                req.setLinger(0);
                req.connect(f.rpcEngine.boundRepEndpoint());
                assertThat(req.send("this is not a pickle".getBytes(StandardCharsets.UTF_8))).isTrue();
                byte[] raw = req.recv();
                assertThat(raw).as("reply to a malformed request within 15 s; server counters: %s",
                        f.rpcEngine.counters()).isNotNull();
                Object reply = VnpyTypes.codec().decode(raw);
                assertThat(reply).isInstanceOfSatisfying(List.class, r -> {
                    assertThat(r.get(0)).isEqualTo(false);
                    assertThat((String) r.get(1)).contains("Error");
                });
            }
            assertThat(client.call("get_all_contracts")).asList().hasSameSizeAs(f.server.oms().getAllContracts());
            long ticksBefore = bystander.count(EventType.TICK);
            await().atMost(WAIT).until(() -> bystander.count(EventType.TICK) > ticksBefore + 3);   // others carry on
        }
    }

    @Test
    @Timeout(60)
    void shouldPublishEveryEventButTimersInDispatchOrder() {
        try (ServiceFixture f = new ServiceFixture(home); RpcClient client = rawClient(f.rpcEngine)) {
            List<String> received = new CopyOnWriteArrayList<>();
            client.subscribe("", (topic, data) -> received.add(((io.jtrader.rpcservice.vnpy.VnpyEvent) data).type()));
            await().atMost(WAIT).until(client::heartbeatSeen);
            for (int i = 0; i < 50; i++) {
                f.server.eventEngine().put(new Event("eTest" + i, LogData.of("T", LogData.INFO, "m" + i)));
            }
            f.server.eventEngine().put(new Event(EventType.TIMER, null));
            await().atMost(WAIT).until(() -> received.contains("eTest49"));
            List<String> tests = received.stream().filter(t -> t.startsWith("eTest")).toList();
            assertThat(tests).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "eTest" + i).toList());
            assertThat(received).doesNotContain(EventType.TIMER);
        }
    }

    @Test
    @Timeout(60)
    void shouldStopRestartAndReportStatusAsRpcLogEvents() throws Exception {
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home))) {
            List<String> logs = new CopyOnWriteArrayList<>();
            engine.eventEngine().register(EventType.RPC_LOG, e -> logs.add(((LogData) e.data()).msg()));
            RpcEngine rpc = (RpcEngine) engine.addApp(new RpcServiceApp());
            assertThat(rpc.repAddress()).isEqualTo("tcp://127.0.0.1:2014");

            rpc.start("tcp://127.0.0.1:0", "tcp://127.0.0.1:0");
            String firstRep = rpc.boundRepEndpoint();
            assertThatThrownBy(() -> rpc.start("tcp://127.0.0.1:0", "tcp://127.0.0.1:0"))
                    .isInstanceOf(RpcServiceException.class).hasMessageContaining("already running");
            assertThat(rpc.stop()).isTrue();
            assertThat(rpc.stop()).isFalse();
            rpc.restart("tcp://127.0.0.1:0", "tcp://127.0.0.1:0");
            try (RpcClient client = rawClient(rpc)) {
                assertThat(client.call("get_all_ticks")).asList().isEmpty();
            }
            int port = Integer.parseInt(firstRep.substring(firstRep.lastIndexOf(':') + 1));
            try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(port);   // released by stop()
            }
            await().atMost(WAIT).until(() -> logs.size() >= 5);
            assertThat(logs).startsWith("RPC服务启动成功", "RPC服务运行中", "RPC服务已停止", "RPC服务未启动", "RPC服务启动成功");
            assertThat(Files.readString(home.resolve(SettingsFiles.RPC_SERVICE)))
                    .contains("\"rep_address\" : \"tcp://127.0.0.1:0\"");
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseANonLoopbackAddressUnlessInsecureAndNameABusyPort() throws Exception {
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home));
             ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RpcEngine rpc = (RpcEngine) engine.addApp(new RpcServiceApp());
            assertThatThrownBy(() -> rpc.start("tcp://*:0", "tcp://127.0.0.1:0"))
                    .isInstanceOf(RpcServiceException.class).hasMessageContaining("--insecure");
            assertThatThrownBy(() -> rpc.start("tcp://127.0.0.1:" + busy.getLocalPort(), "tcp://127.0.0.1:0"))
                    .isInstanceOf(RpcServiceException.class).hasMessageContaining(String.valueOf(busy.getLocalPort()));
            assertThat(rpc.isActive()).isFalse();
        }
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home.resolve("insecure")))) {
            RpcEngine rpc = (RpcEngine) engine.addApp(new RpcServiceApp(() -> new RpcEngine.Context().allowInsecure(true)));
            rpc.start("tcp://0.0.0.0:0", "tcp://127.0.0.1:0");
            assertThat(rpc.isActive()).isTrue();
        }
    }

    @Test
    void shouldNameTheSettingsFileWhenItIsInvalid() throws Exception {
        Files.writeString(home.resolve(SettingsFiles.RPC_SERVICE), "{\"rep_address\": 42}");
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home))) {
            assertThatThrownBy(() -> engine.addApp(new RpcServiceApp()))
                    .isInstanceOf(RpcServiceException.class).hasMessageContaining(SettingsFiles.RPC_SERVICE)
                    .hasMessageContaining("rep_address");
        }
        Files.writeString(home.resolve(SettingsFiles.RPC_SERVICE), "{not json");
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home))) {
            assertThatThrownBy(() -> engine.addApp(new RpcServiceApp()))
                    .isInstanceOf(RpcServiceException.class).hasMessageContaining(SettingsFiles.RPC_SERVICE);
        }
    }

    @Test
    void shouldTellLoopbackFromReachableAddresses() {
        assertThat(ServiceAddresses.isNonLoopback("tcp://127.0.0.1:2014")).isFalse();
        assertThat(ServiceAddresses.isNonLoopback("tcp://localhost:2014")).isFalse();
        assertThat(ServiceAddresses.isNonLoopback("tcp://[::1]:2014")).isFalse();
        assertThat(ServiceAddresses.isNonLoopback("ipc:///tmp/x")).isFalse();
        assertThat(ServiceAddresses.isNonLoopback("tcp://*:2014")).isTrue();
        assertThat(ServiceAddresses.isNonLoopback("tcp://0.0.0.0:2014")).isTrue();
        assertThat(ServiceAddresses.isNonLoopback("tcp://192.168.1.5:2014")).isTrue();
        assertThat(ServiceAddresses.isNonLoopback("tcp://eth0:2014")).isTrue();
        assertThatThrownBy(() -> ServiceAddresses.requireEndpoint("rep_address", "127.0.0.1:2014"))
                .hasMessageContaining("rep_address");
        assertThatThrownBy(() -> ServiceAddresses.requireEndpoint("rep_address", "tcp://127.0.0.1:99999"))
                .hasMessageContaining("0..65535");
    }
}
