package io.jtrader.rpc;

import io.jtrader.rpc.security.CurveKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RpcServerCurveTest {
    private final CurveKeys serverKeys = CurveKeys.generate();
    private final CurveKeys allowedClient = CurveKeys.generate();
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();

    private RpcServer curveServer() {
        allowed.add(allowedClient.publicKey());
        RpcServer server = new RpcServer(Loopback.serverContext().curve(serverKeys,
                (key, address) -> allowed.contains(key) ? null : "key not on the allow-list"));
        server.register("who", call -> call.caller().clientKey());
        return server.start();
    }

    private RpcClient.Context clientContext(RpcServer server, CurveKeys clientKeys) {
        return Loopback.clientContext(server).curve(serverKeys.publicKey(), clientKeys).callTimeoutMs(1_500);
    }

    @Test
    @Timeout(30)
    void shouldServeAnAllowedCurveClientAndTellFunctionsItsPublicKey() {
        try (RpcServer server = curveServer(); RpcClient client = new RpcClient(clientContext(server, allowedClient))) {
            assertThat(client.call("who")).isEqualTo(allowedClient.publicKey());
            await().atMost(ofSeconds(5)).until(client::heartbeatSeen);
            assertThat(server.counters().clientsAdmitted()).isGreaterThanOrEqualTo(2);   // request + publish sockets
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseAKeyNotOnTheAllowListWithAClearReasonAndNoEvents() {
        CurveKeys stranger = CurveKeys.generate();
        try (RpcServer server = curveServer(); RpcClient client = new RpcClient(clientContext(server, stranger))) {
            assertThatThrownBy(() -> client.call("who"))
                    .isInstanceOf(RpcTimeoutException.class)
                    .hasMessageContaining("refused this client's CurveZMQ key");
            assertThat(server.counters().requestsReceived()).isZero();
            assertThat(server.counters().clientsRefused()).isGreaterThanOrEqualTo(1);
            assertThat(client.heartbeatSeen()).isFalse();
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseAPlainClientOnACurveServer() {
        try (RpcServer server = curveServer();
             ZContext zmq = new ZContext();
             RpcClient plain = new RpcClient(Loopback.clientContext(server).callTimeoutMs(1_000))) {
            assertThatThrownBy(() -> plain.call("who")).isInstanceOf(RpcTimeoutException.class);
            ZMQ.Socket sub = zmq.createSocket(SocketType.SUB);
            sub.subscribe(new byte[0]);
            sub.setReceiveTimeOut(500);
            sub.connect(server.pubEndpoint());
            assertThat(sub.recv(0)).as("a plain subscriber must not see heartbeats or events").isNull();
            assertThat(server.counters().requestsReceived()).isZero();
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseNewConnectionsOfARevokedKeyWithoutRestart() {
        try (RpcServer server = curveServer()) {
            try (RpcClient client = new RpcClient(clientContext(server, allowedClient))) {
                assertThat(client.call("who")).isEqualTo(allowedClient.publicKey());
            }
            allowed.remove(allowedClient.publicKey());
            try (RpcClient again = new RpcClient(clientContext(server, allowedClient))) {
                assertThatThrownBy(() -> again.call("who")).hasMessageContaining("refused this client's CurveZMQ key");
            }
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseAClientThatExpectsAnotherServerKey() {
        CurveKeys impostor = CurveKeys.generate();
        try (RpcServer server = curveServer();
             RpcClient client = new RpcClient(Loopback.clientContext(server)
                     .curve(impostor.publicKey(), allowedClient).callTimeoutMs(1_000))) {
            assertThatThrownBy(() -> client.call("who")).isInstanceOf(RpcTimeoutException.class);
            assertThat(server.counters().requestsReceived()).isZero();
        }
    }
}
