package io.jtrader.core.event;

import io.jtrader.core.settings.ConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class EventEngineTest {
    private final List<EventEngine> engines = new ArrayList<>();

    private EventEngine engine(EventEngine.Context context) {
        EventEngine engine = new EventEngine(context.stopTimeoutMs(2_000));
        engines.add(engine);
        return engine;
    }

    private EventEngine engine() {
        return engine(new EventEngine.Context().timerIntervalMs(0));
    }

    @AfterEach
    void stopEngines() {
        engines.forEach(EventEngine::stop);
    }

    private static void awaitMarker(EventEngine engine) {
        CountDownLatch marker = new CountDownLatch(1);
        EventHandler handler = e -> marker.countDown();
        engine.register("marker", handler);
        engine.put(new Event("marker", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> marker.getCount() == 0);
        engine.unregister("marker", handler);
    }

    @Test
    void shouldCallTypeHandlersInRegistrationOrderThenGeneralHandlers() {
        EventEngine engine = engine();
        List<String> calls = new CopyOnWriteArrayList<>();
        engine.registerGeneral(e -> calls.add("general1 " + e.data()));
        engine.register(EventType.TICK, e -> calls.add("tick1 " + e.data()));
        engine.register(EventType.TICK, e -> calls.add("tick2 " + e.data()));
        engine.registerGeneral(e -> calls.add("general2 " + e.data()));
        engine.start();

        engine.put(new Event(EventType.TICK, "a"));
        engine.put(new Event(EventType.TICK, "b"));
        awaitMarker(engine);

        assertThat(calls).containsExactly(
                "tick1 a", "tick2 a", "general1 a", "general2 a",
                "tick1 b", "tick2 b", "general1 b", "general2 b",
                "general1 null", "general2 null");
    }

    @Test
    void shouldRouteSpecificAndGeneralTypesSeparately() {
        EventEngine engine = engine();
        List<String> general = new CopyOnWriteArrayList<>();
        List<String> specific = new CopyOnWriteArrayList<>();
        engine.register(EventType.TICK, e -> general.add(e.type()));
        engine.register(EventType.tickOf("rb2601.SHFE"), e -> specific.add(e.type()));
        engine.start();

        engine.put(new Event(EventType.TICK, 1));
        engine.put(new Event(EventType.tickOf("rb2601.SHFE"), 1));
        engine.put(new Event(EventType.tickOf("ag2602.SHFE"), 1));
        awaitMarker(engine);

        assertThat(general).containsExactly("eTick.");
        assertThat(specific).containsExactly("eTick.rb2601.SHFE");
    }

    @Test
    void shouldIgnoreDuplicateRegistrationAndReportUnregister() {
        EventEngine engine = engine();
        EventHandler handler = e -> { };
        assertThat(engine.register("x", handler)).isTrue();
        assertThat(engine.register("x", handler)).isFalse();
        assertThat(engine.unregister("x", handler)).isTrue();
        assertThat(engine.unregister("x", handler)).isFalse();
        assertThat(engine.registerGeneral(handler)).isTrue();
        assertThat(engine.registerGeneral(handler)).isFalse();
        assertThat(engine.unregisterGeneral(handler)).isTrue();
        assertThatThrownBy(() -> engine.register("", handler)).hasMessageContaining("event type");
        assertThatThrownBy(() -> engine.register("x", null)).hasMessageContaining("handler must not be null");
        assertThatThrownBy(() -> engine.put(null)).hasMessageContaining("event must not be null");
    }

    @Test
    void shouldIsolateAThrowingHandlerFromOtherHandlersAndLaterEvents() {
        EventEngine engine = engine();
        List<Object> seen = new CopyOnWriteArrayList<>();
        engine.register(EventType.ORDER, e -> {
            throw new IllegalStateException("boom on " + e.data());
        });
        engine.register(EventType.ORDER, e -> seen.add(e.data()));
        engine.registerGeneral(e -> {
            if ("bad".equals(e.data())) {
                throw new IllegalArgumentException("general boom");
            }
        });
        engine.start();

        engine.put(new Event(EventType.ORDER, "bad"));
        engine.put(new Event(EventType.ORDER, "good"));
        awaitMarker(engine);

        assertThat(seen).containsExactly("bad", "good");
        assertThat(engine.handlerErrors()).isEqualTo(3);
        assertThat(engine.isRunning()).isTrue();
    }

    @Test
    void shouldKeepEachProducersOrderAndLoseNothingWithManyProducers() throws Exception {
        EventEngine engine = engine(new EventEngine.Context().timerIntervalMs(0).queueCapacity(1 << 10));
        int producers = 4;
        int perProducer = 50_000;
        long[] lastSeen = new long[producers];
        java.util.Arrays.fill(lastSeen, -1);
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicLong received = new AtomicLong();
        engine.register("seq", e -> {
            long[] v = (long[]) e.data();
            int p = (int) v[0];
            if (v[1] != lastSeen[p] + 1) {
                outOfOrder.incrementAndGet();
            }
            lastSeen[p] = v[1];
            received.incrementAndGet();
        });
        engine.start();

        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (long i = 0; i < perProducer; i++) {
                    Event event = new Event("seq", new long[] {producer, i});
                    while (!engine.put(event)) {
                        Thread.yield(); // the small queue fills: a refused put is retried by this test
                    }
                }
            }, "test-producer-" + p);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == (long) producers * perProducer);
        assertThat(outOfOrder.get()).isZero();
    }

    @Test
    void shouldAllowRegisterAndUnregisterFromOtherThreadsWhileDispatching() throws Exception {
        EventEngine engine = engine();
        AtomicLong steady = new AtomicLong();
        AtomicLong churned = new AtomicLong();
        engine.register("e", e -> steady.incrementAndGet());
        engine.start();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> churners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        EventHandler h = e -> churned.incrementAndGet();
                        engine.register("e", h);
                        engine.registerGeneral(h);
                        engine.unregister("e", h);
                        engine.unregisterGeneral(h);
                    }
                } catch (Throwable t1) {
                    failure.set(t1);
                }
            }, "test-churner-" + i);
            churners.add(t);
            t.start();
        }
        int events = 100_000;
        for (int i = 0; i < events; i++) {
            while (!engine.put(new Event("e", i))) {
                Thread.onSpinWait();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> steady.get() == events);
        stop.set(true);
        for (Thread t : churners) {
            t.join(5_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(engine.handlerErrors()).isZero();

        // Once unregister has returned, the handler is not called for later events.
        long before = churned.get();
        awaitMarker(engine);
        engine.put(new Event("e", -1));
        awaitMarker(engine);
        assertThat(churned.get()).isEqualTo(before);
    }

    @Test
    void shouldFireTimerEventsAtTheConfiguredInterval() {
        EventEngine engine = engine(new EventEngine.Context().timerIntervalMs(20));
        AtomicInteger timers = new AtomicInteger();
        engine.register(EventType.TIMER, e -> {
            assertThat(e.data()).isNull();
            timers.incrementAndGet();
        });
        long startNs = System.nanoTime();
        engine.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> timers.get() >= 10);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        int fired = timers.get();
        // Deadline-based: never more than one per interval, never a burst.
        assertThat(fired).isLessThanOrEqualTo((int) (elapsedMs / 20) + 1);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(10 * 20 - 5);
        assertThat(engine.handlerErrors()).isZero();
    }

    @Test
    void shouldNotFireTimerWhenDisabled() {
        EventEngine engine = engine(new EventEngine.Context().timerIntervalMs(0));
        AtomicInteger timers = new AtomicInteger();
        engine.register(EventType.TIMER, e -> timers.incrementAndGet());
        engine.start();
        awaitMarker(engine);
        assertThat(timers.get()).isZero();
    }

    @Test
    void shouldDispatchEverythingQueuedBeforeStop() {
        EventEngine engine = engine();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        engine.register("e", e -> {
            if ((int) e.data() == 0) {
                awaitQuietly(release);
            }
            count.incrementAndGet();
        });
        engine.start();
        for (int i = 0; i < 5_000; i++) {
            assertThat(engine.put(new Event("e", i))).isTrue();
        }
        release.countDown();

        int left = engine.stop();

        assertThat(left).isZero();
        assertThat(count.get()).isEqualTo(5_000);
        assertThat(engine.isRunning()).isFalse();
        assertThat(engine.stop()).isZero();
    }

    @Test
    void shouldReportEventsLeftWhenAHandlerBlocksStop() {
        EventEngine blocked = new EventEngine(new EventEngine.Context().timerIntervalMs(0).stopTimeoutMs(100));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        blocked.register("e", e -> {
            entered.countDown();
            awaitQuietly(release);
        });
        blocked.start();
        try {
            for (int i = 0; i < 10; i++) {
                blocked.put(new Event("e", i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> entered.getCount() == 0);

            int left = blocked.stop();

            assertThat(left).isEqualTo(9);
        } finally {
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> !blocked.isRunning());
        }
    }

    @Test
    void shouldRefusePutAfterStopAndCountIt() {
        EventEngine engine = engine();
        engine.start();
        engine.stop();

        assertThat(engine.put(new Event("e", 1))).isFalse();
        assertThat(engine.droppedEvents()).isEqualTo(1);
    }

    @Test
    void shouldRefuseWithoutBlockingWhenTheQueueIsFullAndDispatchTheRestLater() {
        EventEngine engine = engine(new EventEngine.Context().timerIntervalMs(0).queueCapacity(4));
        List<Object> seen = new CopyOnWriteArrayList<>();
        engine.register("e", e -> seen.add(e.data()));
        for (int i = 0; i < 4; i++) {
            assertThat(engine.put(new Event("e", i))).isTrue();
        }
        assertThat(engine.put(new Event("e", 4))).isFalse();
        assertThat(engine.droppedEvents()).isEqualTo(1);
        assertThat(engine.queueSize()).isEqualTo(4);

        engine.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 4);
        assertThat(seen).containsExactly(0, 1, 2, 3);
    }

    @Test
    void shouldStartAndStopIdempotentlyButNotRestart() {
        EventEngine engine = engine();
        engine.start();
        engine.start();
        assertThat(engine.isRunning()).isTrue();
        engine.stop();
        engine.stop();
        assertThat(engine.isRunning()).isFalse();
        assertThatThrownBy(engine::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be started again");
    }

    @Test
    void shouldNameItsThread() {
        EventEngine engine = engine();
        AtomicReference<String> threadName = new AtomicReference<>();
        engine.register("e", e -> threadName.set(Thread.currentThread().getName()));
        engine.start();
        engine.put(new Event("e", 1));
        awaitMarker(engine);
        assertThat(threadName.get()).isEqualTo("event-engine");
    }

    @Test
    void shouldCallEndOfBatchAfterEachBatch() {
        EventEngine engine = engine(new EventEngine.Context().timerIntervalMs(0).batchLimit(8));
        AtomicInteger batched = new AtomicInteger();
        AtomicInteger dispatched = new AtomicInteger();
        engine.register("e", e -> dispatched.incrementAndGet());
        engine.registerEndOfBatch(size -> {
            assertThat(size).isBetween(1, 8);
            batched.addAndGet(size);
        });
        for (int i = 0; i < 100; i++) {
            engine.put(new Event("e", i));
        }
        engine.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> batched.get() == 100);
        assertThat(dispatched.get()).isEqualTo(100);
        assertThat(engine.dispatchedEvents()).isEqualTo(100);
    }

    @Test
    void shouldDispatchWithTheBusySpinStrategy() {
        EventEngine engine = engine(new EventEngine.Context().timerIntervalMs(0).idleStrategy(IdleStrategy.busySpin()));
        AtomicInteger count = new AtomicInteger();
        engine.register("e", e -> count.incrementAndGet());
        engine.start();
        for (int i = 0; i < 1_000; i++) {
            engine.put(new Event("e", i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> count.get() == 1_000);
    }

    @Test
    void shouldWakeAParkedEngineQuickly() {
        EventEngine engine = engine(new EventEngine.Context().timerIntervalMs(0).threadName("event-engine-park-test")
                .idleStrategy(new BackoffIdleStrategy(0, 0, TimeUnit.SECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(10))));
        CountDownLatch got = new CountDownLatch(1);
        engine.register("e", e -> got.countDown());
        engine.start();
        // Wait until the engine is in its 10 s park; put must unpark it rather than wait for the park to end.
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("event-engine-park-test")
                        && t.getState() == Thread.State.TIMED_WAITING));
        engine.put(new Event("e", 1));
        await().atMost(Duration.ofSeconds(3)).until(() -> got.getCount() == 0);
    }

    @Test
    void shouldRefusePutsLoudlyOnceItsThreadDiedOfABrokenIdleStrategy() {
        IdleStrategy broken = new IdleStrategy() {
            @Override
            public void idle() {
                throw new IllegalStateException("broken idle strategy");
            }

            @Override
            public void reset() {
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        EventEngine engine = engine(new EventEngine.Context().timerIntervalMs(0).idleStrategy(broken));
        engine.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !engine.isRunning());

        assertThat(engine.put(new Event("e", 1))).isFalse();
        assertThat(engine.droppedEvents()).isEqualTo(1);
    }

    @Test
    void shouldRejectInvalidContextNamingTheSettingAndValue() {
        assertThatThrownBy(() -> new EventEngine.Context().queueCapacity(1000).conclude())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("queueCapacity").hasMessageContaining("1000").hasMessageContaining("power of two");
        assertThatThrownBy(() -> new EventEngine.Context().timerIntervalMs(-1).conclude())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("timerIntervalMs").hasMessageContaining("-1");
        assertThatThrownBy(() -> new EventEngine.Context().batchLimit(0).conclude())
                .hasMessageContaining("batchLimit");
        assertThatThrownBy(() -> new EventEngine.Context().stopTimeoutMs(0).conclude())
                .hasMessageContaining("stopTimeoutMs must be >= 1, got 0");
        assertThatThrownBy(() -> new EventEngine.Context().threadName(" ").conclude())
                .hasMessageContaining("threadName");
        assertThat(new EventEngine.Context().conclude().idleStrategy()).isInstanceOf(BackoffIdleStrategy.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
