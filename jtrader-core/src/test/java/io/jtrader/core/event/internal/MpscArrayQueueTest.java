package io.jtrader.core.event.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class MpscArrayQueueTest {

    @Test
    void shouldBeFifoAcrossWrapAroundAndRefuseWhenFull() {
        MpscArrayQueue<Integer> queue = new MpscArrayQueue<>(4);
        List<Integer> out = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(queue.offer(round * 10 + i)).isTrue();
            }
            assertThat(queue.offer(99)).isFalse();
            assertThat(queue.size()).isEqualTo(4);
            assertThat(queue.poll()).isEqualTo(round * 10);
            assertThat(queue.drain(out::add, 2)).isEqualTo(2);
            assertThat(queue.drain(out::add, 10)).isEqualTo(1);
            assertThat(queue.isEmpty()).isTrue();
            assertThat(queue.poll()).isNull();
        }
        assertThat(out).containsExactly(1, 2, 3, 11, 12, 13, 21, 22, 23);
    }

    @Test
    void shouldValidateCapacityAndElements() {
        assertThatThrownBy(() -> new MpscArrayQueue<>(3)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new MpscArrayQueue<>(1)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new MpscArrayQueue<Object>(2).offer(null)).hasMessageContaining("must not be null");
    }

    @Test
    void shouldDeliverEveryElementOfManyProducersExactlyOnceInProducerOrder() throws Exception {
        MpscArrayQueue<long[]> queue = new MpscArrayQueue<>(1024);
        int producers = 3;
        int perProducer = 100_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (long i = 0; i < perProducer; i++) {
                    long[] element = {producer, i};
                    while (!queue.offer(element)) {
                        Thread.yield();
                    }
                }
            }, "test-producer-" + p);
            threads.add(t);
            t.start();
        }
        long[] next = new long[producers];
        AtomicLong received = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        long total = (long) producers * perProducer;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (received.get() < total && System.nanoTime() < deadline) {
            queue.drain(e -> {
                if (e[1] != next[(int) e[0]]) {
                    outOfOrder.incrementAndGet();
                }
                next[(int) e[0]] = e[1] + 1;
                received.incrementAndGet();
            }, 100);
        }
        for (Thread t : threads) {
            t.join(5_000);
        }
        assertThat(received.get()).isEqualTo(total);
        assertThat(outOfOrder.get()).isZero();
        assertThat(queue.isEmpty()).isTrue();
    }
}
