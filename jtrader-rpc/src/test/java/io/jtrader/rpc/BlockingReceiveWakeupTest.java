package io.jtrader.rpc;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jtrader.rpc.pickle.PyTuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rpc-server and rpc-client threads sleep blocked in a socket receive (ROUTER, SUB) and are woken by a message
 * from an inproc socket of their own. A lost wake-up would leave work waiting for the next timeout: with a 10 s
 * heartbeat that is far longer than the call timeouts here, so each test fails if one wake-up is lost. The wake-up
 * messages themselves must never show up as requests, publishes or bad frames.
 */
class BlockingReceiveWakeupTest {
    private static final int ROUNDS = 200;

    private static RpcServer.Context quietServer() {
        return Loopback.serverContext().heartbeatIntervalMs(10_000);
    }

    /** Lets the other side finish its round and fall asleep again, so the next item needs a wake-up. */
    private static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }

    @Test
    @Timeout(60)
    void shouldWakeTheServerForEachReplyFinishedOnAWorker() {
        try (RpcServer server = new RpcServer(quietServer())
                .register("square", call -> {   // on a worker: the rpc-server thread is asleep when the reply is ready
                    long x = call.requiredArg(0, Long.class);
                    return x * x;
                }).start();
             RpcClient client = new RpcClient(Loopback.clientContext(server).subEndpoint(null))) {
            for (long i = 0; i < ROUNDS; i++) {
                assertThat(client.call(Duration.ofSeconds(3), "square", PyTuple.of(i), Map.of())).isEqualTo(i * i);
                pause();
            }
            // the server counts a reply just after sending it: the client may have it first
            await().atMost(ofSeconds(5)).until(() -> server.counters().repliesSent() == ROUNDS);
            RpcServer.Counters counters = server.counters();
            assertThat(counters.requestsReceived()).as("wake-ups are not requests").isEqualTo(ROUNDS);
            assertThat(counters.unroutableMessages()).isZero();
            assertThat(counters.badFrames()).isZero();
        }
    }

    @Test
    @Timeout(60)
    void shouldWakeTheServerForEachQueuedPublishAndForStop() {
        RpcServer server = new RpcServer(quietServer().directPublish(false)).start();   // every publish is queued
        List<Object> received = new CopyOnWriteArrayList<>();
        AtomicBoolean subscribed = new AtomicBoolean();
        try (RpcClient client = Loopback.client(server)) {
            client.subscribe("tick", (topic, data) -> {
                if (data.equals(-1L)) {
                    subscribed.set(true);   // a probe: more of them may still be on their way
                } else {
                    received.add(data);
                }
            });
            await().atMost(ofSeconds(20)).until(() -> {
                server.publish("tick", -1L);   // until the subscription is in place
                return subscribed.get();
            });
            for (long i = 0; i < ROUNDS; i++) {
                server.publish("tick", i);
                long expected = i + 1;
                await().atMost(ofSeconds(3)).pollInterval(Duration.ofMillis(1)).until(() -> received.size() == expected);
                pause();
            }
            assertThat(received).as("every publish, in order").containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, ROUNDS).boxed().toList());
        } finally {
            long start = System.nanoTime();
            server.stop();   // the stop request wakes the sleeping rpc-server thread too
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stop of an idle server")
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    @Timeout(60)
    void shouldWakeTheClientBlockedInItsSubscriptionForEachQueuedCall() {
        try (RpcServer server = new RpcServer(quietServer())
                .registerInline("echo", call -> call.requiredArg(0, Long.class)).start();
             RpcClient client = new RpcClient(Loopback.clientContext(server).directCalls(false))) {
            List<Object> delivered = new CopyOnWriteArrayList<>();
            client.subscribeAll((topic, data) -> delivered.add(data));
            for (long i = 0; i < ROUNDS; i++) {
                // rpc-client sleeps in the SUB receive (up to ~1 s: the server only heartbeats every 10 s); a lost
                // wake-up would leave this call queued past its 900 ms deadline
                assertThat(client.callAsync(Duration.ofMillis(900), "echo", PyTuple.of(i), Map.of()).join()).isEqualTo(i);
                pause();
            }
            RpcClient.Counters counters = client.counters();
            assertThat(counters.repliesReceived()).isEqualTo(ROUNDS);
            assertThat(counters.timeouts()).isZero();
            assertThat(counters.badFrames()).as("wake-ups are not bad frames").isZero();
            assertThat(counters.messagesReceived()).as("wake-ups are not messages").isEqualTo(counters.heartbeatsReceived());
            assertThat(delivered).as("wake-ups are never delivered").isEmpty();
        }
    }
}
