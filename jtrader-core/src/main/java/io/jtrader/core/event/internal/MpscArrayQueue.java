package io.jtrader.core.event.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * A bounded, lock-free many-producers / one-consumer queue on a power-of-two ring (the design of Agrona's
 * {@code ManyToOneConcurrentArrayQueue}). Producers claim a slot by a CAS on {@code tail} and publish the element
 * with a release store; the single consumer reads slots with acquire loads, clears them and publishes the
 * new {@code head} before handing each element on. {@link #offer} never blocks: it returns false when the ring is full.
 *
 * <p>Threading: {@code offer}, {@code size} and {@code capacity} from any thread; {@code drain} and {@code poll}
 * from the one consumer thread only.
 */
public final class MpscArrayQueue<E> {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle HEAD_CACHE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(MpscArrayQueue.class, "head", long.class);
            TAIL = lookup.findVarHandle(MpscArrayQueue.class, "tail", long.class);
            HEAD_CACHE = lookup.findVarHandle(MpscArrayQueue.class, "headCache", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;
    private final int capacity;

    // Padding keeps the producers' tail, the consumer's head and the cache off one cache line.
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long tail;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;
    private volatile long headCache;
    @SuppressWarnings("unused")
    private long p21, p22, p23, p24, p25, p26, p27;
    private volatile long head;
    @SuppressWarnings("unused")
    private long p31, p32, p33, p34, p35, p36, p37;

    /** @param capacity a power of two, at least 2 */
    public MpscArrayQueue(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2, got " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new Object[capacity];
    }

    public int capacity() {
        return capacity;
    }

    /** Adds {@code element} (not null) unless the ring is full; never blocks. Any thread. */
    public boolean offer(E element) {
        if (element == null) {
            throw new IllegalArgumentException("element must not be null");
        }
        long limit = (long) HEAD_CACHE.getOpaque(this) + capacity;
        long currentTail;
        do {
            currentTail = (long) TAIL.getVolatile(this);
            if (currentTail >= limit) {
                long currentHead = (long) HEAD.getVolatile(this);
                limit = currentHead + capacity;
                if (currentTail >= limit) {
                    return false;
                }
                HEAD_CACHE.setRelease(this, currentHead);
            }
        } while (!TAIL.compareAndSet(this, currentTail, currentTail + 1));
        SLOTS.setRelease(slots, (int) (currentTail & mask), element);
        return true;
    }

    /**
     * Hands up to {@code limit} elements to {@code consumer} in FIFO order and returns how many. Stops early at a
     * slot whose producer has claimed it but not yet written it (it is taken by the next call). Consumer thread
     * only. An element counts as consumed once handed to {@code consumer}, even if {@code consumer} throws
     * (the exception propagates).
     */
    public int drain(Consumer<? super E> consumer, int limit) {
        long currentHead = head;
        int count = 0;
        while (count < limit) {
            int index = (int) (currentHead & mask);
            @SuppressWarnings("unchecked")
            E element = (E) SLOTS.getAcquire(slots, index);
            if (element == null) {
                break;
            }
            SLOTS.setRelease(slots, index, null);
            // Published before the element is handed on: size() then excludes it and its slot is free at once.
            HEAD.setRelease(this, ++currentHead);
            count++;
            consumer.accept(element);
        }
        return count;
    }

    /** The next element or null when none is ready. Consumer thread only. */
    public E poll() {
        long currentHead = head;
        int index = (int) (currentHead & mask);
        @SuppressWarnings("unchecked")
        E element = (E) SLOTS.getAcquire(slots, index);
        if (element != null) {
            SLOTS.setRelease(slots, index, null);
            HEAD.setRelease(this, currentHead + 1);
        }
        return element;
    }

    /** Elements claimed and not yet consumed; a moment's estimate when producers or the consumer are active. */
    public int size() {
        long before;
        long currentTail;
        long after = (long) HEAD.getVolatile(this);
        do {
            before = after;
            currentTail = (long) TAIL.getVolatile(this);
            after = (long) HEAD.getVolatile(this);
        } while (before != after);
        long size = currentTail - after;
        return (int) Math.max(0, Math.min(size, capacity));
    }

    public boolean isEmpty() {
        return (long) TAIL.getVolatile(this) == (long) HEAD.getVolatile(this);
    }
}
