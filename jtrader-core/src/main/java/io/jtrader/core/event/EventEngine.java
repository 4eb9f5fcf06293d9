package io.jtrader.core.event;

import io.jtrader.core.event.internal.MpscArrayQueue;
import io.jtrader.core.event.internal.RateLimitedLog;
import io.jtrader.core.settings.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * vn.py's {@code EventEngine}: events put from any thread are dispatched, in the order they were put, on one
 * thread ({@code event-engine}), first to the handlers registered for the event's type, then to the general
 * handlers, each list in registration order. Every {@link Context#timerIntervalMs() timerIntervalMs} (1 s by
 * default) the engine dispatches an {@code eTimer} event.
 *
 * <h2>Duty cycle</h2>
 * The thread runs a duty-cycle loop: drain up to {@code batchLimit} events, dispatch them, tell the
 * {@link EndOfBatchHandler}s, fire the timer if its deadline has passed; when a cycle found nothing to do, the
 * {@link IdleStrategy} idles (by default it backs off to parking; {@link IdleStrategy#busySpin()} is for
 * benchmarks). A {@code put} wakes a parked engine at once.
 *
 * <h2>Queue: bounded, never blocks</h2>
 * The queue is a lock-free bounded ring of {@code queueCapacity} events (262,144 by default). {@link #put} never
 * blocks the calling (gateway) thread: when the ring is full (the handlers are that far behind), the event is
 * refused — {@code put} returns false, {@link #droppedEvents()} counts it and an ERROR naming the event type is
 * logged (at most once a second, with the number of refusals in between). Events are also refused once
 * {@link #stop()} has been called.
 *
 * <h2>Failures</h2>
 * A handler that throws is logged with the event type and the handler, counted in {@link #handlerErrors()},
 * and dispatch continues with the next handler and the next event.
 *
 * <h2>Lifecycle</h2>
 * {@link #start()} and {@link #stop()} are idempotent; an engine cannot be started again after {@code stop()}.
 * Events put before {@code start()} wait in the queue. {@code stop()} lets the thread dispatch everything queued
 * before the stop (waiting up to {@code stopTimeoutMs}) and returns how many events were left undispatched.
 *
 * <h2>Threading</h2>
 * {@code put}, {@code register*}, {@code unregister*}, {@code start}, {@code stop} and the counters are safe from
 * any thread. Handler lists are copy-on-write arrays: a change takes effect from the next event dispatched.
 * Handlers run on the engine's thread only and must not block it.
 */
public final class EventEngine implements AutoCloseable {
    /** The name of the dispatch thread unless the context names it otherwise. */
    public static final String ROLE_NAME = "event-engine";

    private static final Logger LOG = LoggerFactory.getLogger(EventEngine.class);
    private static final Event TIMER_EVENT = new Event(EventType.TIMER, null);
    private static final EventHandler[] NO_HANDLERS = new EventHandler[0];
    private static final EndOfBatchHandler[] NO_BATCH_HANDLERS = new EndOfBatchHandler[0];
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final Context context;
    private final MpscArrayQueue<Event> queue;
    private final IdleStrategy idleStrategy;
    private final long timerIntervalNs;
    private final int batchLimit;

    private final Object registrationLock = new Object();
    private final Map<String, EventHandler[]> handlersByType = new ConcurrentHashMap<>();
    private volatile EventHandler[] generalHandlers = NO_HANDLERS;
    private volatile EndOfBatchHandler[] endOfBatchHandlers = NO_BATCH_HANDLERS;

    private final Object lifecycleLock = new Object();
    private State state = State.NEW;
    private volatile boolean running;
    private volatile boolean stopRequested;
    private volatile Thread thread;
    /** True while the engine thread is about to idle: producers then unpark it. */
    private volatile boolean idling;
    private int leftAtStop;

    private final LongAdder droppedEvents = new LongAdder();
    private final RateLimitedLog dropLog = new RateLimitedLog(LOG_INTERVAL_NS);
    private final RateLimitedLog handlerErrorLog = new RateLimitedLog(LOG_INTERVAL_NS);
    // Written by the engine thread only; volatile so that any thread can read them.
    private volatile long handlerErrors;
    private volatile long dispatchedEvents;
    private volatile long skippedTimerEvents;

    /** An engine with the default context: 1 s timer, backoff idling, 262,144-event queue. */
    public EventEngine() {
        this(new Context());
    }

    public EventEngine(Context context) {
        this.context = Objects.requireNonNull(context, "context").conclude();
        this.queue = new MpscArrayQueue<>(this.context.queueCapacity());
        this.idleStrategy = this.context.idleStrategy();
        this.timerIntervalNs = TimeUnit.MILLISECONDS.toNanos(this.context.timerIntervalMs());
        this.batchLimit = this.context.batchLimit();
    }

    public Context context() {
        return context;
    }

    /** Starts the dispatch thread; does nothing when already running. */
    public void start() {
        synchronized (lifecycleLock) {
            if (state == State.RUNNING) {
                return;
            }
            if (state != State.NEW) {
                throw new IllegalStateException("event engine '" + context.threadName()
                        + "' cannot be started again after stop(); create a new EventEngine");
            }
            running = true;
            Thread t = new Thread(this::run, context.threadName());
            t.setDaemon(context.daemon());
            thread = t;
            state = State.RUNNING;
            t.start();
        }
    }

    /**
     * Stops the engine: no more events are accepted, everything queued before is dispatched (waiting up to
     * {@code stopTimeoutMs} for the thread), then the thread ends. Idempotent; later calls return the first
     * call's figure. Called from a handler (on the engine thread itself) it only signals and returns at once.
     *
     * @return how many queued events were not dispatched: 0 after a clean drain
     */
    public int stop() {
        Thread t;
        synchronized (lifecycleLock) {
            if (state == State.STOPPED) {
                return leftAtStop;
            }
            stopRequested = true;
            if (state == State.NEW) {
                state = State.STOPPED;
                leftAtStop = queue.size();
                if (leftAtStop > 0) {
                    LOG.warn("{} stopped before it was started: {} queued events were never dispatched",
                            context.threadName(), leftAtStop);
                }
                return leftAtStop;
            }
            state = State.STOPPING;
            running = false;
            t = thread;
        }
        LockSupport.unpark(t);
        if (Thread.currentThread() == t) {
            // A handler asked to stop: the loop ends after this dispatch and drains; we cannot wait for ourselves.
            return queue.size();
        }
        boolean terminated = join(t);
        int left = queue.size();
        synchronized (lifecycleLock) {
            if (state == State.STOPPED) {
                return leftAtStop;
            }
            if (terminated) {
                state = State.STOPPED;
                leftAtStop = left;
            }
        }
        if (!terminated) {
            LOG.warn("{} did not finish dispatching within {} ms (is a handler blocked?): {} events not yet"
                    + " dispatched", context.threadName(), context.stopTimeoutMs(), left);
        } else if (left > 0) {
            LOG.warn("{} stopped with {} events left undispatched (put while stopping)", context.threadName(), left);
        }
        return left;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Queues an event for dispatch; never blocks. Any thread.
     *
     * @return false when the event was refused: the queue is full or the engine is stopping (counted in
     *         {@link #droppedEvents()} and logged)
     * @throws IllegalArgumentException if {@code event} is null
     */
    public boolean put(Event event) {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        if (stopRequested) {
            refuse(event, "the engine is stopped");
            return false;
        }
        if (!queue.offer(event)) {
            refuse(event, "the queue is full (" + queue.capacity() + " events waiting; handlers too slow)");
            return false;
        }
        if (idling) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        return true;
    }

    /** Adds {@code handler} for events of exactly {@code type}; false if it was already registered for it. */
    public boolean register(String type, EventHandler handler) {
        requireType(type);
        requireHandler(handler);
        synchronized (registrationLock) {
            EventHandler[] current = handlersByType.getOrDefault(type, NO_HANDLERS);
            EventHandler[] updated = append(current, handler);
            if (updated == current) {
                return false;
            }
            handlersByType.put(type, updated);
            return true;
        }
    }

    /** Removes {@code handler} for {@code type}; false if it was not registered for it. */
    public boolean unregister(String type, EventHandler handler) {
        requireType(type);
        requireHandler(handler);
        synchronized (registrationLock) {
            EventHandler[] current = handlersByType.getOrDefault(type, NO_HANDLERS);
            EventHandler[] updated = remove(current, handler);
            if (updated == current) {
                return false;
            }
            if (updated.length == 0) {
                handlersByType.remove(type);
            } else {
                handlersByType.put(type, updated);
            }
            return true;
        }
    }

    /** Adds a handler for every event, called after the type's own handlers; false if already registered. */
    public boolean registerGeneral(EventHandler handler) {
        requireHandler(handler);
        synchronized (registrationLock) {
            EventHandler[] current = generalHandlers;
            EventHandler[] updated = append(current, handler);
            generalHandlers = updated;
            return updated != current;
        }
    }

    /** Removes a general handler; false if it was not registered. */
    public boolean unregisterGeneral(EventHandler handler) {
        requireHandler(handler);
        synchronized (registrationLock) {
            EventHandler[] current = generalHandlers;
            EventHandler[] updated = remove(current, handler);
            generalHandlers = updated;
            return updated != current;
        }
    }

    /** Adds a hook called after each dispatched batch; false if already registered. */
    public boolean registerEndOfBatch(EndOfBatchHandler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (registrationLock) {
            EndOfBatchHandler[] current = endOfBatchHandlers;
            if (Arrays.asList(current).contains(handler)) {
                return false;
            }
            EndOfBatchHandler[] updated = Arrays.copyOf(current, current.length + 1);
            updated[current.length] = handler;
            endOfBatchHandlers = updated;
            return true;
        }
    }

    /** Removes an end-of-batch hook; false if it was not registered. */
    public boolean unregisterEndOfBatch(EndOfBatchHandler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (registrationLock) {
            EndOfBatchHandler[] current = endOfBatchHandlers;
            int index = Arrays.asList(current).indexOf(handler);
            if (index < 0) {
                return false;
            }
            EndOfBatchHandler[] updated = new EndOfBatchHandler[current.length - 1];
            System.arraycopy(current, 0, updated, 0, index);
            System.arraycopy(current, index + 1, updated, index, current.length - index - 1);
            endOfBatchHandlers = updated;
            return true;
        }
    }

    /** Events waiting to be dispatched (an estimate while events flow). */
    public int queueSize() {
        return queue.size();
    }

    public int queueCapacity() {
        return queue.capacity();
    }

    /** Events refused by {@link #put} (queue full or engine stopped) since creation. */
    public long droppedEvents() {
        return droppedEvents.sum();
    }

    /** Handler invocations that threw, since creation. */
    public long handlerErrors() {
        return handlerErrors;
    }

    /** Events taken from the queue and dispatched (timer events not included), since creation. */
    public long dispatchedEvents() {
        return dispatchedEvents;
    }

    /** Timer events skipped because the engine fell more than one interval behind (a handler was slow). */
    public long skippedTimerEvents() {
        return skippedTimerEvents;
    }

    // ---------------------------------------------------------------------------------------- engine thread

    private void run() {
        LOG.debug("{} started (idle strategy {}, queue capacity {}, timer {} ms)", context.threadName(),
                idleStrategy.name(), queue.capacity(), context.timerIntervalMs());
        long nextTimerNs = System.nanoTime() + timerIntervalNs;
        try {
            while (running) {
                int work = drainBatch();
                if (timerIntervalNs > 0) {
                    long now = System.nanoTime();
                    if (now - nextTimerNs >= 0) {
                        nextTimerNs = fireTimer(now, nextTimerNs);
                        work++;
                    }
                }
                if (work > 0) {
                    idleStrategy.reset();
                } else {
                    idle();
                }
            }
            while (drainBatch() > 0) {
                // dispatch everything queued before stop()
            }
        } catch (Throwable fatal) {
            // Only the idle strategy can get here (dispatch isolates handlers): refuse further puts loudly.
            stopRequested = true;
            LOG.error("{} terminated by an unexpected error; events are no longer accepted or dispatched",
                    context.threadName(), fatal);
        } finally {
            running = false;
        }
        LOG.debug("{} stopped after {} events", context.threadName(), dispatchedEvents);
    }

    private void idle() {
        idling = true;
        if (queue.isEmpty() && running) {
            idleStrategy.idle();
        }
        idling = false;
        if (Thread.interrupted() && running) {
            LOG.warn("{} was interrupted; ignoring it (call stop() to end the engine)", context.threadName());
        }
    }

    private int drainBatch() {
        int count = queue.drain(this::dispatch, batchLimit);
        if (count > 0) {
            dispatchedEvents = dispatchedEvents + count;
            endOfBatch(count);
        }
        return count;
    }

    private long fireTimer(long now, long deadline) {
        dispatch(TIMER_EVENT);
        endOfBatch(1);
        long next = deadline + timerIntervalNs;
        if (now - next >= 0) {
            // More than one interval late (a slow handler): skip the missed ticks instead of firing a burst.
            long missed = (now - deadline) / timerIntervalNs;
            skippedTimerEvents = skippedTimerEvents + missed;
            next = deadline + (missed + 1) * timerIntervalNs;
        }
        return next;
    }

    private void dispatch(Event event) {
        EventHandler[] specific = handlersByType.get(event.type());
        if (specific != null) {
            for (EventHandler handler : specific) {
                invoke(handler, event);
            }
        }
        for (EventHandler handler : generalHandlers) {
            invoke(handler, event);
        }
    }

    private void invoke(EventHandler handler, Event event) {
        try {
            handler.onEvent(event);
        } catch (Throwable t) {
            onHandlerError(handler, event, t);
        }
    }

    private void endOfBatch(int batchSize) {
        for (EndOfBatchHandler handler : endOfBatchHandlers) {
            try {
                handler.onEndOfBatch(batchSize);
            } catch (Throwable t) {
                handlerErrors = handlerErrors + 1;
                long suppressed = handlerErrorLog.tryAcquire();
                if (suppressed >= 0) {
                    LOG.error("end-of-batch handler {} failed on {} ({} similar failures not logged)", handler,
                            context.threadName(), suppressed, t);
                }
            }
        }
    }

    private void onHandlerError(EventHandler handler, Event event, Throwable t) {
        handlerErrors = handlerErrors + 1;
        long suppressed = handlerErrorLog.tryAcquire();
        if (suppressed >= 0) {
            LOG.error("event handler {} failed on event type '{}' ({} similar failures not logged in the last second;"
                    + " {} in total); dispatch continues", handler, event.type(), suppressed, handlerErrors, t);
        }
    }

    private void refuse(Event event, String reason) {
        droppedEvents.increment();
        long suppressed = dropLog.tryAcquire();
        if (suppressed >= 0) {
            LOG.error("{} refused an event of type '{}': {} ({} other refusals not logged; {} in total)",
                    context.threadName(), event.type(), reason, suppressed, droppedEvents.sum());
        }
    }

    private boolean join(Thread t) {
        try {
            t.join(context.stopTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !t.isAlive();
    }

    private static EventHandler[] append(EventHandler[] current, EventHandler handler) {
        for (EventHandler h : current) {
            if (h.equals(handler)) {
                return current;
            }
        }
        EventHandler[] updated = Arrays.copyOf(current, current.length + 1);
        updated[current.length] = handler;
        return updated;
    }

    private static EventHandler[] remove(EventHandler[] current, EventHandler handler) {
        for (int i = 0; i < current.length; i++) {
            if (current[i].equals(handler)) {
                EventHandler[] updated = new EventHandler[current.length - 1];
                System.arraycopy(current, 0, updated, 0, i);
                System.arraycopy(current, i + 1, updated, i, current.length - i - 1);
                return updated;
            }
        }
        return current;
    }

    private static void requireType(String type) {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("event type must be a non-empty string, got " + (type == null ? "null" : "''"));
        }
    }

    private static void requireHandler(EventHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
    }

    /**
     * Settings of one {@link EventEngine}, validated by {@link #conclude()} (the constructor calls it). A context
     * configures one engine: it holds that engine's idle strategy.
     */
    public static final class Context {
        public static final long TIMER_INTERVAL_MS_DEFAULT = 1_000;
        public static final long TIMER_INTERVAL_MS_MAX = 3_600_000;
        public static final int QUEUE_CAPACITY_DEFAULT = 1 << 18;
        public static final int QUEUE_CAPACITY_MAX = 1 << 26;
        public static final int BATCH_LIMIT_DEFAULT = 1_024;
        public static final long STOP_TIMEOUT_MS_DEFAULT = 5_000;

        private String threadName = ROLE_NAME;
        private long timerIntervalMs = TIMER_INTERVAL_MS_DEFAULT;
        private int queueCapacity = QUEUE_CAPACITY_DEFAULT;
        private int batchLimit = BATCH_LIMIT_DEFAULT;
        private long stopTimeoutMs = STOP_TIMEOUT_MS_DEFAULT;
        private boolean daemon;
        private IdleStrategy idleStrategy;

        /** Validates every setting and fills defaults; returns this. Idempotent. */
        public Context conclude() {
            if (threadName == null || threadName.isBlank()) {
                throw new ConfigurationException("event engine threadName must not be blank, got '" + threadName + "'");
            }
            if (timerIntervalMs < 0 || timerIntervalMs > TIMER_INTERVAL_MS_MAX) {
                throw new ConfigurationException("event engine timerIntervalMs must be 0 (no timer) or 1.."
                        + TIMER_INTERVAL_MS_MAX + ", got " + timerIntervalMs);
            }
            if (queueCapacity < 2 || queueCapacity > QUEUE_CAPACITY_MAX || Integer.bitCount(queueCapacity) != 1) {
                throw new ConfigurationException("event engine queueCapacity must be a power of two in 2.."
                        + QUEUE_CAPACITY_MAX + ", got " + queueCapacity);
            }
            if (batchLimit < 1) {
                throw new ConfigurationException("event engine batchLimit must be >= 1, got " + batchLimit);
            }
            if (stopTimeoutMs < 1) {
                throw new ConfigurationException("event engine stopTimeoutMs must be >= 1, got " + stopTimeoutMs);
            }
            if (idleStrategy == null) {
                idleStrategy = IdleStrategy.backoff();
            }
            return this;
        }

        /** Name of the dispatch thread; default {@value EventEngine#ROLE_NAME}. */
        public String threadName() {
            return threadName;
        }

        public Context threadName(String threadName) {
            this.threadName = threadName;
            return this;
        }

        /** Period of {@code eTimer} events in ms; 0 disables them; default 1000 (vn.py's). */
        public long timerIntervalMs() {
            return timerIntervalMs;
        }

        public Context timerIntervalMs(long timerIntervalMs) {
            this.timerIntervalMs = timerIntervalMs;
            return this;
        }

        /** Events the queue holds before {@code put} refuses; a power of two; default 262,144. */
        public int queueCapacity() {
            return queueCapacity;
        }

        public Context queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Most events dispatched between two end-of-batch calls and timer checks; default 1024. */
        public int batchLimit() {
            return batchLimit;
        }

        public Context batchLimit(int batchLimit) {
            this.batchLimit = batchLimit;
            return this;
        }

        /** How long {@code stop()} waits for the queued events to be dispatched; default 5000 ms. */
        public long stopTimeoutMs() {
            return stopTimeoutMs;
        }

        public Context stopTimeoutMs(long stopTimeoutMs) {
            this.stopTimeoutMs = stopTimeoutMs;
            return this;
        }

        /** Whether the dispatch thread is a daemon thread; default false (the JVM waits for {@code stop()}). */
        public boolean daemon() {
            return daemon;
        }

        public Context daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /** What the thread does when idle; default {@link IdleStrategy#backoff()}. */
        public IdleStrategy idleStrategy() {
            return idleStrategy;
        }

        public Context idleStrategy(IdleStrategy idleStrategy) {
            this.idleStrategy = idleStrategy;
            return this;
        }
    }
}
