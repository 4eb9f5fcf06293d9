package io.jtrader.rpc;

import io.jtrader.rpc.testkit.RawZmtp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static io.jtrader.rpc.testkit.RawZmtp.dealerReady;
import static io.jtrader.rpc.testkit.RawZmtp.greeting;
import static io.jtrader.rpc.testkit.RawZmtp.hugeFrameHeader;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transport-level hostility: peers that never speak ZeroMQ properly must not kill, stall or confuse the server,
 * and must never make an innocent client lose its reply (libzmq's REP socket silently drops the next client's
 * reply after a message without a delimiter; the ROUTER server must not).
 */
class RpcServerHostilityTest {

    private static RpcServer server() {
        RpcServer server = new RpcServer(Loopback.serverContext().maxInboundFrameBytes(64 * 1024));
        server.register("add", call -> call.requiredArg(0, Long.class) + call.requiredArg(1, Long.class));
        return server.start();
    }

    private static void assertHonestClientServed(RpcServer server, RpcClient honest, long a) {
        assertThat(honest.call("add", a, 1L)).isEqualTo(a + 1);
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    @Timeout(60)
    void shouldSurviveRawTcpGarbageBadGreetingsAndHugeDeclaredSizes() throws Exception {
        Random random = new Random(42);
        try (RpcServer server = server(); RpcClient honest = Loopback.client(server)) {
            assertHonestClientServed(server, honest, 0);
            byte[] garbage = new byte[100_000];
            random.nextBytes(garbage);
            RawZmtp.send(server.repEndpoint(), garbage);
            RawZmtp.send(server.repEndpoint(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawZmtp.send(server.pubEndpoint(), garbage);
            assertHonestClientServed(server, honest, 1);
            RawZmtp.send(server.repEndpoint(), greeting(3, "EVIL"));                      // unknown mechanism
            RawZmtp.send(server.repEndpoint(), greeting(3, "CURVE"));                     // mechanism mismatch
            RawZmtp.send(server.repEndpoint(), greeting(99, "NULL"), garbage);            // future version, then junk
            RawZmtp.send(server.repEndpoint(), new byte[] {(byte) 0xFF, 0, 0, 0});        // truncated signature
            assertHonestClientServed(server, honest, 2);
            RawZmtp.send(server.repEndpoint(), greeting(3, "NULL"), dealerReady(), hugeFrameHeader(Long.MAX_VALUE));
            assertHonestClientServed(server, honest, 3);
            RawZmtp.send(server.repEndpoint(), greeting(3, "NULL"), dealerReady(), hugeFrameHeader(1L << 40));
            assertHonestClientServed(server, honest, 3);
            RawZmtp.send(server.repEndpoint(), greeting(3, "NULL"), hugeFrameHeader(1L << 40));  // before READY
            assertHonestClientServed(server, honest, 3);
            RawZmtp.send(server.repEndpoint(), greeting(3, "NULL"), dealerReady(), hugeFrameHeader(-1));
            assertHonestClientServed(server, honest, 3);
            RawZmtp.send(server.pubEndpoint(), greeting(3, "NULL"), dealerReady(), hugeFrameHeader(-1));   // the PUB socket too
            assertHonestClientServed(server, honest, 4);
            // garbage that JeroMQ parses as ZMTP 1.0 may form requests of its own: each got its ValueError, or its raw
            // peer had hung up first (a dropped reply)
            await().atMost(ofSeconds(5)).until(() -> server.counters().repliesSent() + server.counters().replyDrops()
                    == server.counters().requestsReceived());
        }
    }

    @Test
    @Timeout(60)
    void shouldDisconnectAPeerOfThePublishSocketThatDeclaresAGiganticFrame() throws Exception {
        try (RpcServer server = server(); RpcClient honest = Loopback.client(server)) {
            assertHonestClientServed(server, honest, 0);
            long gigantic = Integer.MAX_VALUE - 64;   // more than any test heap: allocating it kills the I/O thread
            // ZMTP 1.0 framing (what raw garbage often parses as): 0xFF, then an 8-byte length
            byte[] v1 = ByteBuffer.allocate(9 + 16).put((byte) 0xFF).putLong(gigantic).put(new byte[16]).array();
            RawZmtp.send(server.pubEndpoint(), v1);
            assertHonestClientServed(server, honest, 1);
            RawZmtp.send(server.pubEndpoint(), greeting(3, "NULL"), dealerReady(), hugeFrameHeader(gigantic));
            assertHonestClientServed(server, honest, 2);
            long heartbeats = server.counters().heartbeatsSent();
            await().atMost(ofSeconds(5)).until(() -> server.counters().heartbeatsSent() > heartbeats + 1);
            try (RpcClient late = Loopback.client(server)) {
                await().atMost(ofSeconds(5)).until(late::heartbeatSeen);   // the PUB socket still serves
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldDisconnectAPeerThatSendsMoreThanTheFrameLimitAndKeepServingOthers() {
        try (RpcServer server = server(); RpcClient honest = Loopback.client(server); ZContext zmq = new ZContext()) {
            ZMQ.Socket big = Loopback.handshaken(zmq, SocketType.DEALER, server.repEndpoint());
            big.sendMore(new byte[0]);
            big.send(new byte[200 * 1024]);
            assertHonestClientServed(server, honest, 5);
            assertThat(server.counters().requestsReceived()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(60)
    void shouldNeverLetAMessageWithoutDelimiterFromAVanishingPeerCostAnotherClientItsReply() {
        try (RpcServer server = server(); ZContext zmq = new ZContext()) {
            ZMQ.Socket honest = Loopback.handshaken(zmq, SocketType.REQ, server.repEndpoint());
            honest.setReceiveTimeOut(5_000);
            for (int round = 0; round < 20; round++) {
                ZMQ.Socket hostile = Loopback.handshaken(zmq, SocketType.DEALER, server.repEndpoint());
                hostile.send(Loopback.CODEC.encode(java.util.List.of("add", io.jtrader.rpc.pickle.PyTuple.of(1L, 1L),
                        java.util.Map.of())));                                    // no empty delimiter
                hostile.setLinger(2_000);
                zmq.destroySocket(hostile);                                       // ... and gone
                honest.send(Loopback.CODEC.encode(java.util.List.of("add", io.jtrader.rpc.pickle.PyTuple.of((long) round,
                        10L), java.util.Map.of())));
                byte[] reply = honest.recv(0);
                assertThat(reply).as("reply to the honest REQ client in round %d", round).isNotNull();
                assertThat(Loopback.CODEC.decode(reply)).isEqualTo(java.util.List.of(true, round + 10L));
            }
            // a message still queued when its peer vanished may be discarded by ZeroMQ: never more than one each
            assertThat(server.counters().unroutableMessages()).isBetween(0L, 20L);
            // counted just after the send: the client may have the last reply first
            await().atMost(ofSeconds(5))
                    .until(() -> server.counters().repliesSent() == 20);
        }
    }

    @Test
    @Timeout(60)
    void shouldAnswerMultiFrameAndEmptyMessagesAndDropEmptyFramesWithoutDelimiter() {
        try (RpcServer server = server(); RpcClient honest = Loopback.client(server); ZContext zmq = new ZContext()) {
            ZMQ.Socket hostile = Loopback.handshaken(zmq, SocketType.DEALER, server.repEndpoint());
            hostile.setReceiveTimeOut(5_000);
            byte[] body = Loopback.CODEC.encode(java.util.List.of("add", io.jtrader.rpc.pickle.PyTuple.of(1L, 1L),
                    java.util.Map.of()));
            hostile.sendMore(new byte[0]);
            hostile.sendMore(body);
            hostile.send(body);                                                  // two bodies
            assertThat(errorOf(hostile)).contains("expected one pickle frame after the delimiter, got 2");
            hostile.send(new byte[0]);                                           // delimiter only
            assertThat(errorOf(hostile)).contains("expected one pickle frame after the delimiter, got 0");
            hostile.sendMore(new byte[0]);
            hostile.send(new byte[0]);                                           // empty body
            assertThat(errorOf(hostile)).contains("ValueError");
            for (int i = 0; i < 40; i++) {
                hostile.sendMore(new byte[] {1});
            }
            hostile.sendMore(new byte[0]);
            hostile.send(body);                                                  // too many envelope frames
            assertHonestClientServed(server, honest, 7);
            await().atMost(ofSeconds(5)).until(() -> server.counters().unroutableMessages() == 1);
            assertThat(server.counters().badFrames()).isEqualTo(3);
        }
    }

    private static String errorOf(ZMQ.Socket dealer) {
        byte[] delimiter = dealer.recv(0);
        assertThat(delimiter).as("a reply").isNotNull().isEmpty();
        Object reply = Loopback.CODEC.decode(dealer.recv(0));
        assertThat(reply).asList().first().isEqualTo(false);
        return (String) ((java.util.List<?>) reply).get(1);
    }
}
