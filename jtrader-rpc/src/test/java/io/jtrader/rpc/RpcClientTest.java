package io.jtrader.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RpcClientTest {

    @Test
    @Timeout(30)
    void shouldReportServerLostAfterMissedHeartbeatsAndRestoredWhenTheyResume() {
        List<String> events = new CopyOnWriteArrayList<>();
        RpcServer server = new RpcServer(Loopback.serverContext().heartbeatIntervalMs(100)).start();
        String rep = server.repEndpoint();
        String pub = server.pubEndpoint();
        try (RpcClient client = Loopback.client(server)) {
            client.addLivenessListener(new ServerLivenessListener() {
                @Override
                public void onServerLost(Duration silence) {
                    events.add("lost");
                }

                @Override
                public void onServerRestored() {
                    events.add("restored");
                }
            });
            await().atMost(ofSeconds(5)).until(() -> client.counters().heartbeatsReceived() >= 3);
            server.stop();
            await().atMost(ofSeconds(5)).until(client::serverLost);
            // (a loaded machine may also have delayed a heartbeat earlier: only the order of the last events is certain)
            assertThat(events).last().isEqualTo("lost");
            server = new RpcServer(Loopback.serverContext().heartbeatIntervalMs(100).repEndpoint(rep).pubEndpoint(pub)).start();
            await().atMost(ofSeconds(10)).until(() -> !client.serverLost());
            assertThat(events).last().isEqualTo("restored");
            assertThat(events).containsSubsequence("lost", "restored");
        } finally {
            server.stop();
        }
    }

    @Test
    @Timeout(30)
    void shouldNotLetTheGapOfAnOutageSlowTheDetectionOfTheNextOne() {
        RpcServer server = new RpcServer(Loopback.serverContext().heartbeatIntervalMs(100)).start();
        String rep = server.repEndpoint();
        String pub = server.pubEndpoint();
        try (RpcClient client = Loopback.client(server)) {
            await().atMost(ofSeconds(5)).until(() -> client.counters().heartbeatsReceived() >= 3);
            server.stop();
            await().atMost(ofSeconds(5)).until(client::serverLost);
            // An outage of a known length: its heartbeat gap (> 3 s) must not become the new normal.
            await().pollDelay(ofSeconds(3)).atMost(ofSeconds(4)).until(() -> true);
            server = new RpcServer(Loopback.serverContext().heartbeatIntervalMs(100).repEndpoint(rep).pubEndpoint(pub)).start();
            await().atMost(ofSeconds(10)).until(() -> !client.serverLost());
            long beats = client.counters().heartbeatsReceived();
            await().atMost(ofSeconds(5)).until(() -> client.counters().heartbeatsReceived() >= beats + 3);

            server.stop();
            long stoppedAt = System.nanoTime();
            await().atMost(ofSeconds(5)).until(client::serverLost);
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt))
                    .as("three 100 ms heartbeats missed, not three times the outage").isLessThan(Duration.ofMillis(2_500));
        } finally {
            server.stop();
        }
    }

    @Test
    @Timeout(30)
    void shouldMeasureTheHeartbeatIntervalOnTheSendersClockSoABunchedBacklogRaisesNoFalseAlarm() {
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket pub = zmq.createSocket(SocketType.PUB);
            pub.bind("tcp://127.0.0.1:*");
            ZMQ.Socket rep = zmq.createSocket(SocketType.ROUTER);
            rep.bind("tcp://127.0.0.1:*");
            try (RpcClient client = new RpcClient(new RpcClient.Context().reqEndpoint(rep.getLastEndpoint())
                    .subEndpoint(pub.getLastEndpoint()).codec(Loopback.CODEC))) {
                await().atMost(ofSeconds(5)).until(() -> {
                    pub.send(Loopback.CODEC.encode(List.of(RpcServer.HEARTBEAT_TOPIC, 1_000.0)));
                    return client.heartbeatSeen();
                });
                // A server sending every second, whose heartbeats reach us in one bunch (as after a backlog).
                for (int i = 1; i <= 6; i++) {
                    pub.send(Loopback.CODEC.encode(List.of(RpcServer.HEARTBEAT_TOPIC, 1_000.0 + i)));
                }
                await().atMost(ofSeconds(5)).until(() -> client.counters().heartbeatsReceived() >= 7);

                // One second of quiet is normal for it: three intervals are 3 s.
                await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3)).until(() -> !client.serverLost());
                await().atMost(ofSeconds(5)).until(client::serverLost);
            }
        }
    }

    @Test
    @Timeout(20)
    void shouldSkipUndecodableFramesAndThrowingSubscribersAndKeepReceiving() {
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket pub = zmq.createSocket(SocketType.PUB);
            pub.bind("tcp://127.0.0.1:*");
            ZMQ.Socket rep = zmq.createSocket(SocketType.ROUTER);
            rep.bind("tcp://127.0.0.1:*");
            List<Object> received = new CopyOnWriteArrayList<>();
            try (RpcClient client = new RpcClient(new RpcClient.Context().reqEndpoint(rep.getLastEndpoint())
                    .subEndpoint(pub.getLastEndpoint()).codec(Loopback.CODEC))) {
                client.subscribe("boom", (topic, data) -> {
                    throw new IllegalStateException("subscriber bug");
                });
                client.subscribeAll((topic, data) -> received.add(data));
                // A publisher cannot know when the subscription has arrived: send heartbeats until one is seen.
                await().atMost(ofSeconds(5)).until(() -> {
                    pub.send(Loopback.CODEC.encode(List.of(RpcServer.HEARTBEAT_TOPIC, 1.0)));
                    return client.heartbeatSeen();
                });
                pub.send(new byte[]{0x42, 0x00});                                   // undecodable
                pub.send(Loopback.CODEC.encode("not a pair"));                     // wrong shape
                pub.send(Loopback.CODEC.encode(List.of("boom", "x")));             // throwing subscriber
                pub.send(Loopback.CODEC.encode(List.of("tick", "after")));
                await().atMost(ofSeconds(5)).until(() -> received.contains("after"));
                assertThat(received).containsExactly("x", "after");                // heartbeats are not delivered
                assertThat(client.counters().badFrames()).isEqualTo(2);
                assertThat(client.counters().callbackErrors()).isEqualTo(1);
            }
        }
    }

    @Test
    @Timeout(10)
    void shouldClosePromptlyAndFailCallsStillWaiting() throws Exception {
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket silent = zmq.createSocket(SocketType.ROUTER);   // accepts requests, never answers
            silent.bind("tcp://127.0.0.1:*");
            RpcClient client = new RpcClient(new RpcClient.Context().reqEndpoint(silent.getLastEndpoint())
                    .subEndpoint("tcp://127.0.0.1:1").codec(Loopback.CODEC));
            CompletableFuture<Object> waiting = client.callAsync("anything");
            await().atMost(ofSeconds(5)).until(() -> client.counters().callsSent() == 1);
            client.close();
            client.close();   // idempotent
            assertThatThrownBy(() -> waiting.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RpcException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> client.call("after_close")).isInstanceOf(RpcException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    @Timeout(30)
    void shouldPipelineCallsFromManyThreadsAndMatchEveryReply() throws Exception {
        try (RpcServer server = new RpcServer(Loopback.serverContext())
                .register("square", call -> {
                    long x = call.requiredArg(0, Long.class);
                    return x * x;
                }).start();
             RpcClient client = Loopback.client(server)) {
            AtomicInteger wrong = new AtomicInteger();
            List<Thread> callers = new CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                long base = t * 1_000_000L;
                callers.add(new Thread(() -> {
                    List<CompletableFuture<Object>> futures = new java.util.ArrayList<>();
                    for (long i = 0; i < 2_000; i++) {
                        futures.add(client.callAsync("square", base + i));
                    }
                    for (int i = 0; i < futures.size(); i++) {
                        long x = base + i;
                        if (!futures.get(i).join().equals(x * x)) {
                            wrong.incrementAndGet();
                        }
                    }
                }, "test-caller-" + t));
            }
            callers.forEach(Thread::start);
            for (Thread caller : callers) {
                caller.join(20_000);
            }
            assertThat(wrong).hasValue(0);
            assertThat(client.counters().repliesReceived()).isEqualTo(8_000);
        }
    }

    @Test
    @Timeout(20)
    void shouldReopenARequestConnectionWhoseHandshakeNeverCompletes() throws Exception {
        // A TCP listener that accepts and never speaks ZMTP: the DEALER connects but gets no handshake, which is
        // what JeroMQ 0.6.0's occasional stall looks like from the client.
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             RpcClient client = new RpcClient(new RpcClient.Context().reqEndpoint("tcp://127.0.0.1:" + mute.getLocalPort())
                     .subEndpoint(null).codec(Loopback.CODEC).handshakeTimeoutMs(200).callTimeoutMs(10_000))) {
            List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(mute.accept());
                    }
                } catch (java.io.IOException e) {
                    // listener closed at the end of the test
                }
            }, "test-mute-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            CompletableFuture<Object> call = client.callAsync("anything");
            await().atMost(ofSeconds(10)).until(() -> client.counters().stalledHandshakes() >= 2);
            assertThat(accepted.size()).isGreaterThanOrEqualTo(2);   // each reopening is a new connection
            assertThat(call).isNotDone();                              // still waiting, resent on the new connection
            for (java.net.Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void shouldRefuseBadSettingsNamingTheKey() {
        assertThatThrownBy(() -> new RpcClient(new RpcClient.Context().codec(Loopback.CODEC).callTimeoutMs(0)))
                .isInstanceOf(RpcConfigurationException.class).hasMessage("callTimeoutMs must be 1..3600000, got 0");
        assertThatThrownBy(() -> new RpcClient(new RpcClient.Context().codec(Loopback.CODEC).subEndpoint("nowhere")))
                .isInstanceOf(RpcConfigurationException.class).hasMessageContaining("subEndpoint");
    }
}
