package io.jtrader.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Inline functions ({@link RpcServer#registerInline}): run on rpc-server when the connection is idle, order kept. */
class RpcServerInlineTest {

    private static String threadName() {
        return Thread.currentThread().getName();
    }

    /** Holds the calling thread for {@code ms} (a latch nobody counts down: no early return); true once it has. */
    private static boolean holdFor(long ms) throws InterruptedException {
        return !new CountDownLatch(1).await(ms, TimeUnit.MILLISECONDS);
    }

    @Test
    @Timeout(20)
    void shouldRunAnInlineFunctionOnTheServerThreadWhenItsConnectionIsIdle() {
        try (RpcServer server = new RpcServer(Loopback.serverContext())
                .registerInline("where_inline", call -> threadName())
                .register("where_pooled", call -> threadName()).start();
             RpcClient client = Loopback.client(server)) {
            for (int i = 0; i < 20; i++) {
                assertThat(client.call("where_inline")).isEqualTo("rpc-server");
                assertThat((String) client.call("where_pooled")).startsWith("rpc-worker-");
            }
            assertThat(server.counters().inlineCalls()).isEqualTo(20);
            await().atMost(ofSeconds(5)).until(() -> server.counters().repliesSent() == 40);
            assertThat(server.isInline("where_inline")).isTrue();
            assertThat(server.isInline("where_pooled")).isFalse();
        }
    }

    @Test
    @Timeout(30)
    void shouldKeepTheOrderOfOneConnectionWhenInlineAndPooledCallsMix() {
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        RpcFunction record = call -> {
            if (!running.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            seen.add(call.requiredArg(0, Long.class));
            running.set(false);
            return threadName();
        };
        try (RpcServer server = new RpcServer(Loopback.serverContext())
                .registerInline("record_inline", record)
                .register("record_pooled", record).start();
             RpcClient client = Loopback.client(server)) {
            Random random = new Random(42);
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (long i = 0; i < 3_000; i++) {
                // bursts of pipelined calls with pauses between them, so some arrive on an idle connection
                futures.add(client.callAsync(random.nextBoolean() ? "record_inline" : "record_pooled", i));
                if (i % 100 == 99) {
                    CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).join();
                }
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).join();
            assertThat(overlaps).hasValue(0);
            assertThat(seen).hasSize(3_000).isSorted();
            assertThat(server.counters().inlineCalls()).isPositive().isLessThan(3_000);
        }
    }

    @Test
    @Timeout(20)
    void shouldQueueAnInlineCallBehindAPendingCallOfTheSameConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (RpcServer server = new RpcServer(Loopback.serverContext())
                .register("slow", call -> {
                    release.await(10, TimeUnit.SECONDS);
                    order.add("slow");
                    return threadName();
                })
                .registerInline("fast", call -> {
                    order.add("fast");
                    return threadName();
                }).start();
             RpcClient client = Loopback.client(server)) {
            CompletableFuture<Object> slow = client.callAsync("slow");
            CompletableFuture<Object> fast = client.callAsync("fast");
            await().atMost(ofSeconds(5)).until(() -> server.counters().requestsReceived() == 2);
            assertThat(order).isEmpty();
            release.countDown();
            assertThat((String) slow.get(5, TimeUnit.SECONDS)).startsWith("rpc-worker-");
            assertThat((String) fast.get(5, TimeUnit.SECONDS)).startsWith("rpc-worker-");
            assertThat(order).containsExactly("slow", "fast");
            assertThat(server.counters().inlineCalls()).isZero();
        }
    }

    @Test
    @Timeout(20)
    void shouldAnswerAnotherConnectionInlineWhileOneConnectionRunsASlowPooledCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RpcServer server = new RpcServer(Loopback.serverContext())
                .register("query_history", call -> release.await(10, TimeUnit.SECONDS))
                .registerInline("send_order", call -> threadName()).start();
             RpcClient slowClient = Loopback.client(server);
             RpcClient fastClient = Loopback.client(server)) {
            CompletableFuture<Object> slow = slowClient.callAsync("query_history");
            await().atMost(ofSeconds(5)).until(() -> server.counters().requestsReceived() == 1);
            for (int i = 0; i < 10; i++) {
                assertThat(fastClient.call(ofSeconds(5), "send_order")).isEqualTo("rpc-server");
            }
            assertThat(slow).isNotDone();
            release.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo(true);
        }
    }

    @Test
    @Timeout(20)
    void shouldMoveAnInlineFunctionThatOverrunsItsBudgetToThePool() {
        try (RpcServer server = new RpcServer(Loopback.serverContext().inlineBudgetMicros(1_000))
                // a function wrongly declared inline: waits 30 ms on the rpc-server thread
                .registerInline("sometimes_slow", call -> threadName() + (holdFor(30) ? "/waited" : "")).start();
             RpcClient client = Loopback.client(server)) {
            for (int overrun = 1; overrun <= 3; overrun++) {
                assertThat(server.isInline("sometimes_slow")).isTrue();
                assertThat(client.call("sometimes_slow")).isEqualTo("rpc-server/waited");
            }
            assertThat(server.isInline("sometimes_slow")).isFalse();
            assertThat(server.counters().inlineDemotions()).isEqualTo(1);
            assertThat(server.counters().inlineOverruns()).isEqualTo(3);
            assertThat((String) client.call("sometimes_slow")).startsWith("rpc-worker-");
            // with no inline function left, even a request for an unknown name is answered from the pool
            assertThatThrownBy(() -> client.call("no_such_function")).isInstanceOf(RpcRemoteException.class);
            assertThat(server.counters().inlineCalls()).isEqualTo(3);
        }
    }

    @Test
    @Timeout(60)
    void shouldKeepAFunctionInlineWhenItsOverrunsAreFarApartAndMoveItWhenThreeFallWithin100Calls() {
        // a 20 ms budget: host stalls and GC pauses of this machine stay under it, the function's 40 ms waits do not
        try (RpcServer server = new RpcServer(Loopback.serverContext().inlineBudgetMicros(20_000))
                .registerInline("mostly_fast", call -> {
                    if (call.requiredArg(0, Boolean.class)) {
                        holdFor(40);   // as a pause of the whole process would
                    }
                    return threadName();
                }).start();
             RpcClient client = Loopback.client(server)) {
            // calls 0..599: an overrun every 60 calls, so never three within 100 (any three span 121 calls)
            for (int i = 0; i < 600; i++) {
                assertThat(client.call("mostly_fast", i % 60 == 0)).as("call %d", i).isEqualTo("rpc-server");
            }
            assertThat(server.counters().inlineOverruns()).isEqualTo(10);
            assertThat(server.counters().inlineDemotions()).isZero();
            assertThat(server.isInline("mostly_fast")).isTrue();
            // calls 600..680: overruns at 600, 640 and 680. At 640 the last three (540, 600, 640) span 101 calls:
            // still inline; 680 is the third within 81 calls: demoted after it.
            for (int i = 600; i <= 680; i++) {
                assertThat(server.isInline("mostly_fast")).as("before call %d", i).isTrue();
                assertThat(client.call("mostly_fast", i % 40 == 0)).as("call %d", i).isEqualTo("rpc-server");
            }
            assertThat(server.isInline("mostly_fast")).isFalse();
            assertThat(server.counters().inlineOverruns()).isEqualTo(13);
            assertThat(server.counters().inlineDemotions()).isEqualTo(1);
            assertThat((String) client.call("mostly_fast", false)).startsWith("rpc-worker-");
            assertThat(server.counters().inlineCalls()).isEqualTo(681);
        }
    }

    @Test
    @Timeout(20)
    void shouldAnswerUnknownNamesBadArgumentsAndFailuresOfInlineFunctionsLikePooledOnes() {
        try (RpcServer server = new RpcServer(Loopback.serverContext())
                .registerInline("add", call -> {
                    call.expectArgs(2);
                    return call.requiredArg(0, Long.class) + call.requiredArg(1, Long.class);
                })
                .registerInline("fail", call -> {
                    throw new IllegalStateException("market closed");
                }).start();
             RpcClient client = Loopback.client(server)) {
            assertThatThrownBy(() -> client.call("no_such_function"))
                    .isInstanceOfSatisfying(RpcRemoteException.class, e ->
                            assertThat(e.errorLine()).isEqualTo("KeyError: 'no_such_function'"));
            assertThatThrownBy(() -> client.call("add", 1L, 2L, 3L))
                    .isInstanceOfSatisfying(RpcRemoteException.class, e -> assertThat(e.errorLine())
                            .isEqualTo("TypeError: add() takes 2 positional arguments but 3 were given"));
            assertThatThrownBy(() -> client.call("fail"))
                    .isInstanceOfSatisfying(RpcRemoteException.class, e -> assertThat(e.errorLine())
                            .isEqualTo("IllegalStateException: market closed"));
            assertThat(client.call("add", 2L, 3L)).isEqualTo(5L);
            assertThat(server.counters().functionErrors()).isEqualTo(1);
            assertThat(server.counters().inlineCalls()).isEqualTo(4);
            assertThat(server.isInline("fail")).isTrue();
        }
    }
}
