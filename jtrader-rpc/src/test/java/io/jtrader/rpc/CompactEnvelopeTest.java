package io.jtrader.rpc;

import io.jtrader.rpc.internal.CompactEnvelope;
import io.jtrader.rpc.pickle.PyTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The one-frame request envelope between jtrader peers ({@code "JTR" 1, id, pickle}). */
class CompactEnvelopeTest {

    private static RpcServer server() {
        return new RpcServer(Loopback.serverContext())
                .register("add", call -> call.requiredArg(0, Long.class) + call.requiredArg(1, Long.class))
                .register("sleep", call -> {
                    Thread.sleep(call.requiredArg(0, Long.class));
                    return "woke";
                })
                .register("fail", call -> {
                    throw new IllegalStateException("market closed");
                }).start();
    }

    @Test
    @Timeout(30)
    void shouldCallBlockingPipelinedAndFailingFunctionsWithOneFrameRequests() throws Exception {
        try (RpcServer server = server();
             RpcClient client = new RpcClient(Loopback.clientContext(server).compactEnvelope(true))) {
            assertThat(client.call("add", 2L, 3L)).isEqualTo(5L);
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (long i = 0; i < 2_000; i++) {
                futures.add(client.callAsync("add", i, i));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(2L * i);
            }
            assertThatThrownBy(() -> client.call("fail")).isInstanceOf(RpcRemoteException.class)
                    .hasMessageContaining("IllegalStateException: market closed");
            assertThatThrownBy(() -> client.call(Duration.ofMillis(50), "sleep", PyTuple.of(300L), Map.of()))
                    .isInstanceOf(RpcTimeoutException.class);
            assertThat(client.call("add", 1L, 1L)).as("after a timeout").isEqualTo(2L);
            await().atMost(ofSeconds(5)).until(() -> client.counters().lateReplies() == 1);
            assertThat(client.counters().badReplies()).isZero();
            assertThat(server.counters().unroutableMessages()).isZero();
        }
    }

    @Test
    @Timeout(30)
    void shouldAnswerABadOneFrameRequestWithItsIdAndDropATooShortOne() {
        try (RpcServer server = server(); ZContext zmq = new ZContext()) {
            ZMQ.Socket dealer = Loopback.handshaken(zmq, SocketType.DEALER, server.repEndpoint());
            dealer.setReceiveTimeOut(10_000);
            dealer.send(CompactEnvelope.frame(42L, new byte[] {1, 2, 3}), 0);   // not a pickle of the test codec
            byte[] reply = dealer.recv(0);
            assertThat(reply).isNotNull();
            assertThat(dealer.hasReceiveMore()).as("one frame").isFalse();
            assertThat(CompactEnvelope.matches(reply)).isTrue();
            assertThat(CompactEnvelope.idOf(reply)).isEqualTo(42L);
            List<?> decoded = (List<?>) Loopback.CODEC.decode(CompactEnvelope.bodyOf(reply));
            assertThat(decoded.get(0)).isEqualTo(false);
            assertThat((String) decoded.get(1)).contains("ValueError: undecodable request");

            dealer.send(Arrays.copyOf(CompactEnvelope.frame(7L, new byte[0]), CompactEnvelope.PREFIX_BYTES - 1), 0);
            await().atMost(ofSeconds(5)).until(() -> server.counters().unroutableMessages() == 1);
            dealer.send(CompactEnvelope.frame(8L, Loopback.CODEC.encode(List.of("add", PyTuple.of(4L, 5L), Map.of()))), 0);
            byte[] ok = dealer.recv(0);
            assertThat(CompactEnvelope.idOf(ok)).isEqualTo(8L);
            assertThat(Loopback.CODEC.decode(CompactEnvelope.bodyOf(ok))).isEqualTo(Arrays.asList(true, 9L));
        }
    }

    @Test
    void shouldRoundTripTheIdAndBody() {
        byte[] frame = CompactEnvelope.frame(0x0102030405060708L, new byte[] {9, 8, 7});
        assertThat(CompactEnvelope.matches(frame)).isTrue();
        assertThat(CompactEnvelope.idOf(frame)).isEqualTo(0x0102030405060708L);
        assertThat(CompactEnvelope.bodyOf(frame)).containsExactly(9, 8, 7);
        assertThat(CompactEnvelope.frame(CompactEnvelope.prefixOf(frame), new byte[] {1})).containsExactly(
                'J', 'T', 'R', 1, 1, 2, 3, 4, 5, 6, 7, 8, 1);
        assertThat(CompactEnvelope.matches(new byte[] {(byte) 0x80, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .as("a pickle is never a compact frame").isFalse();
        assertThat(CompactEnvelope.matches(new byte[] {'J', 'T', 'R', 1})).as("too short").isFalse();
    }
}
