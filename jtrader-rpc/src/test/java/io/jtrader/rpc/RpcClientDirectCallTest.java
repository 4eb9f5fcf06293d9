package io.jtrader.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.jtrader.rpc.pickle.PyTuple;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Blocking calls made on the calling thread (no hand-off to rpc-client and back), handed over to rpc-client when
 * another thread queues a call while the reply is awaited, and mixed with queued calls from other threads.
 */
class RpcClientDirectCallTest {

    /**
     * Without a SUB socket, rpc-client sleeps while the client is idle, so a blocking call finds the DEALER free (a
     * heartbeat could otherwise wake rpc-client at the same moment, and the call would correctly go the queued way).
     */
    private static RpcClient quietClient(RpcServer server) {
        return new RpcClient(Loopback.clientContext(server).subEndpoint(null));
    }

    /**
     * Calls until one call went direct and was answered on the calling thread. The first calls may go the queued
     * way (handshake not yet reported, or rpc-client still holding the socket just after completing an earlier
     * reply); after a call answered directly nothing wakes rpc-client, so the next
     * blocking call finds the socket free.
     */
    private static void callUntilDirect(RpcClient client, String function) {
        for (int attempt = 0; attempt < 100; attempt++) {
            RpcClient.Counters before = client.counters();
            client.call(function);
            RpcClient.Counters after = client.counters();
            if (after.directCalls() > before.directCalls() && after.handovers() == before.handovers()) {
                return;
            }
        }
        throw new AssertionError("no call went direct in 100 attempts: " + client.counters());
    }

    @Test
    @Timeout(30)
    void shouldSendAndAwaitASequenceOfBlockingCallsOnTheCallingThread() {
        try (RpcServer server = new RpcServer(Loopback.serverContext())
                .register("square", call -> {
                    long x = call.requiredArg(0, Long.class);
                    return x * x;
                })
                .register("fail", call -> {
                    throw new IllegalStateException("boom");
                }).start();
             RpcClient client = quietClient(server)) {
            client.call("square", 0L);   // the first call may go the queued way while the handshake completes
            long before = client.counters().directCalls();
            for (long i = 1; i <= 200; i++) {
                assertThat(client.call("square", i)).isEqualTo(i * i);
            }
            assertThatThrownBy(() -> client.call("fail")).isInstanceOf(RpcRemoteException.class)
                    .hasMessageContaining("boom");
            assertThatThrownBy(() -> client.call("no_such_function")).isInstanceOf(RpcRemoteException.class);
            assertThat(client.call("square", 3L)).as("the next call after remote errors").isEqualTo(9L);
            assertThat(client.counters().directCalls() - before).as("direct calls").isGreaterThanOrEqualTo(190);
            assertThat(client.counters().repliesReceived()).isEqualTo(client.counters().callsSent());
            assertThat(client.counters().lateReplies()).isZero();
        }
    }

    @Test
    @Timeout(30)
    void shouldSendEveryCallThroughRpcClientWhenDirectCallsAreOff() {
        try (RpcServer server = new RpcServer(Loopback.serverContext()).register("echo", call -> call.arg(0, Object.class))
                .start();
             RpcClient client = new RpcClient(Loopback.clientContext(server).directCalls(false))) {
            for (long i = 0; i < 50; i++) {
                assertThat(client.call("echo", i)).isEqualTo(i);
            }
            assertThat(client.counters().directCalls()).isZero();
        }
    }

    @Test
    @Timeout(30)
    void shouldKeepEachThreadsCallsInOrderWhenBlockingAndQueuedCallsMix() throws Exception {
        Map<Long, List<Long>> arrivals = new ConcurrentHashMap<>();
        try (RpcServer server = new RpcServer(Loopback.serverContext().workerPoolSize(4))
                .register("record", call -> {
                    long thread = call.requiredArg(0, Long.class);
                    long seq = call.requiredArg(1, Long.class);
                    arrivals.computeIfAbsent(thread, t -> new CopyOnWriteArrayList<>()).add(seq);
                    return seq;
                }).start();
             RpcClient client = Loopback.client(server)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> callers = new ArrayList<>();
            int perThread = 600;
            for (long t = 0; t < 4; t++) {
                long thread = t;
                callers.add(new Thread(() -> {
                    try {
                        List<CompletableFuture<Object>> pending = new ArrayList<>();
                        for (long seq = 0; seq < perThread; seq++) {
                            if (seq % 3 == 0) {
                                pending.add(client.callAsync("record", thread, seq));   // not awaited: still in flight
                            } else {
                                assertThat(client.call("record", thread, seq)).isEqualTo(seq);
                            }
                        }
                        for (CompletableFuture<Object> f : pending) {
                            f.get(10, TimeUnit.SECONDS);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "test-caller-" + t));
            }
            callers.forEach(Thread::start);
            for (Thread caller : callers) {
                caller.join(25_000);
            }
            assertThat(failure.get()).isNull();
            for (long t = 0; t < 4; t++) {
                List<Long> seen = arrivals.get(t);
                assertThat(seen).as("thread %d", t).hasSize(perThread).isSorted();
            }
            assertThat(client.counters().directCalls()).as("some calls went direct").isPositive();
            assertThat(client.counters().timeouts()).isZero();
        }
    }

    /**
     * A server whose {@code late} waits for {@link #release} (up to 10 s) and whose {@code fast} answers at once; a
     * quiet client of it; the client's counters just before a {@code late} call; and that call, made direct and now
     * waiting for its reply.
     */
    private static final class LateCall implements AutoCloseable {
        final CountDownLatch release = new CountDownLatch(1);
        final RpcServer server = new RpcServer(Loopback.serverContext().workerPoolSize(2))
                .register("late", call -> {
                    release.await(10, TimeUnit.SECONDS);
                    return "late done";
                })
                .register("fast", call -> "fast done").start();
        final RpcClient client = quietClient(server);
        final RpcClient.Counters before;
        final CompletableFuture<Object> result;

        LateCall() {
            try {
                callUntilDirect(client, "fast");
                before = client.counters();
                result = CompletableFuture.supplyAsync(() -> client.call("late"));
                await().atMost(ofSeconds(5)).until(() -> client.counters().callsSent() == before.callsSent() + 1);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            release.countDown();
            client.close();
            server.close();
        }
    }

    @Test
    @Timeout(30)
    void shouldWaitForALateReplyOnTheCallingThreadWhileNoOtherCallIsQueued() throws Exception {
        try (LateCall late = new LateCall()) {
            // With nothing queued behind it, the call waits where it is, however late its reply.
            await().during(Duration.ofMillis(300)).atMost(ofSeconds(5))
                    .until(() -> late.client.counters().handovers() == late.before.handovers());
            late.release.countDown();
            assertThat(late.result.get(5, TimeUnit.SECONDS)).isEqualTo("late done");
            RpcClient.Counters after = late.client.counters();
            assertThat(after.directCalls()).isEqualTo(late.before.directCalls() + 1);
            assertThat(after.handovers()).as("no hand-over: two more thread wake-ups for nothing")
                    .isEqualTo(late.before.handovers());
        }
    }

    @Test
    @Timeout(30)
    void shouldHandALateReplyOverAsSoonAsAnotherThreadsCallIsQueued() throws Exception {
        try (LateCall late = new LateCall()) {
            RpcClient client = late.client;
            // The late call would wait ten seconds: only the queued call makes its caller let go of the socket.
            CompletableFuture<Object> queued = client.callAsync("fast");
            await().atMost(ofSeconds(5)).until(() -> client.counters().handovers() == late.before.handovers() + 1);
            await().atMost(ofSeconds(5)).until(() -> client.counters().callsSent() == late.before.callsSent() + 2);
            assertThat(queued).as("behind \"late\" on the server, which runs one connection's calls in order").isNotDone();
            try (RpcClient other = Loopback.client(late.server)) {
                assertThat(other.call("fast")).as("another connection is not held up").isEqualTo("fast done");
            }
            late.release.countDown();
            assertThat(late.result.get(5, TimeUnit.SECONDS)).isEqualTo("late done");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("fast done");
        }
    }

    @Test
    @Timeout(30)
    void shouldTimeOutADirectCallAloneAndDropItsLateReply() {
        try (RpcServer server = new RpcServer(Loopback.serverContext().workerPoolSize(2))
                .register("sleep", call -> {
                    Thread.sleep(call.argCount() == 0 ? 0 : call.requiredArg(0, Long.class));
                    return "woke";
                }).start();
             RpcClient client = quietClient(server)) {
            callUntilDirect(client, "sleep");
            long start = System.nanoTime();
            // the calling thread itself reports the timeout
            assertThatThrownBy(() -> client.call(Duration.ofMillis(1), "sleep", PyTuple.of(300L), Map.of()))
                    .isInstanceOf(RpcTimeoutException.class).hasMessageContaining("sleep()");
            // longer: the calling thread too (nothing else was queued, so the call was never handed over)
            assertThatThrownBy(() -> client.call(Duration.ofMillis(100), "sleep", PyTuple.of(300L), Map.of()))
                    .isInstanceOf(RpcTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(client.call("sleep", 0L)).as("the next call works").isEqualTo("woke");
            await().atMost(ofSeconds(5)).until(() -> client.counters().lateReplies() == 2);
            assertThat(client.counters().timeouts()).isEqualTo(2);
        }
    }

    @Test
    @Timeout(30)
    void shouldFailABlockingCallPromptlyWhenTheClientIsClosed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RpcServer server = new RpcServer(Loopback.serverContext().workerPoolSize(2))
                .register("block", call -> {
                    release.await(10, TimeUnit.SECONDS);
                    return "never seen";
                })
                .register("fast", call -> "ok").start()) {
            RpcClient client = Loopback.client(server);
            client.call("fast");
            CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> client.call("block"));
            await().atMost(ofSeconds(5)).until(() -> client.counters().callsSent() == 2);
            client.close();
            assertThatThrownBy(() -> blocked.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(RpcException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(() -> client.call("fast")).isInstanceOf(RpcException.class).hasMessageContaining("closed");
            release.countDown();
        }
    }
}
