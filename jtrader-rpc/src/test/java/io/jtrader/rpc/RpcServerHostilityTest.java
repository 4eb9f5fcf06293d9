package io.jtrader.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

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

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** Writes bytes on a plain TCP connection and closes it (the server may hang up first: that is fine). */
    private static void rawTcp(String endpoint, byte[]... chunks) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(endpoint))) {
            OutputStream out = socket.getOutputStream();
            for (byte[] chunk : chunks) {
                try {
                    out.write(chunk);
                    out.flush();
                } catch (IOException e) {
                    return;   // the server closed the connection: the hostile peer is gone
                }
            }
        }
    }

    /** A ZMTP 3.0 greeting with the given mechanism (64 bytes). */
    private static byte[] greeting(int major, String mechanism) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F).put((byte) major).put((byte) 0);
        byte[] mech = mechanism.getBytes(StandardCharsets.US_ASCII);
        b.put(mech, 0, Math.min(20, mech.length));
        return b.array();
    }

    /** NULL mechanism READY command of a DEALER. */
    private static byte[] ready() {
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = "DEALER".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(6 + 1 + name.length + 4 + value.length);
        body.put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII)).put((byte) name.length).put(name)
                .putInt(value.length).put(value);
        ByteBuffer frame = ByteBuffer.allocate(2 + body.capacity());
        frame.put((byte) 0x04).put((byte) body.capacity()).put(body.array());
        return frame.array();
    }

    /** A message frame header declaring {@code size} bytes (long form), followed by a few bytes only. */
    private static byte[] hugeFrame(long size) {
        return ByteBuffer.allocate(9 + 16).put((byte) 0x02).putLong(size).put(new byte[16]).array();
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
            rawTcp(server.repEndpoint(), garbage);
            rawTcp(server.repEndpoint(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            rawTcp(server.pubEndpoint(), garbage);
            assertHonestClientServed(server, honest, 1);
            rawTcp(server.repEndpoint(), greeting(3, "EVIL"));                      // unknown mechanism
            rawTcp(server.repEndpoint(), greeting(3, "CURVE"));                     // mechanism mismatch
            rawTcp(server.repEndpoint(), greeting(99, "NULL"), garbage);            // future version, then junk
            rawTcp(server.repEndpoint(), new byte[] {(byte) 0xFF, 0, 0, 0});        // truncated signature
            assertHonestClientServed(server, honest, 2);
            rawTcp(server.repEndpoint(), greeting(3, "NULL"), ready(), hugeFrame(Long.MAX_VALUE));
            assertHonestClientServed(server, honest, 3);
            rawTcp(server.repEndpoint(), greeting(3, "NULL"), ready(), hugeFrame(1L << 40));
            assertHonestClientServed(server, honest, 3);
            rawTcp(server.repEndpoint(), greeting(3, "NULL"), hugeFrame(1L << 40));  // before READY
            assertHonestClientServed(server, honest, 3);
            rawTcp(server.repEndpoint(), greeting(3, "NULL"), ready(), hugeFrame(-1));
            assertHonestClientServed(server, honest, 3);
            rawTcp(server.pubEndpoint(), greeting(3, "NULL"), ready(), hugeFrame(-1));   // the PUB socket too
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
            rawTcp(server.pubEndpoint(), v1);
            assertHonestClientServed(server, honest, 1);
            rawTcp(server.pubEndpoint(), greeting(3, "NULL"), ready(), hugeFrame(gigantic));
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
            assertThat(server.counters().repliesSent()).isEqualTo(20);
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
