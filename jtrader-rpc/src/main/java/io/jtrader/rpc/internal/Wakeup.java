package io.jtrader.rpc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes a socket-owning thread that sleeps when another thread has queued work for it. The owner sleeps in
 * one of two ways:
 * <ul>
 *   <li>in {@code ZMQ.Poller.poll}, with {@link #channel()} registered for POLLIN ({@link #prepareToPoll()}): a
 *       wake-up writes a byte to a pipe;</li>
 *   <li>blocked in a receive on one of its sockets ({@link #prepareToReceive()}): a wake-up runs the owner's
 *       {@code nudge}, which sends a message that this receive returns (over {@code inproc://}, see
 *       {@link InprocNudge}). This is the fast way to wait: JeroMQ's poller costs ~30 µs more per wake-up than a
 *       blocking receive and adds multi-millisecond tails on small machines (docs/benchmarks.md).</li>
 * </ul>
 * A producer queues its item, then calls {@link #wake()}, which signals only if the owner announced it may sleep
 * and no wake-up is pending yet, so a busy owner costs producers one volatile read.
 *
 * <p>Protocol for the owner: {@code prepareTo…()}, re-check its queues, sleep (if still empty), {@link #awake()}.
 * Both sides write then read volatile fields, so an item queued while the owner decides to sleep is always seen
 * either by the re-check or through the signal. A signal that arrives after the owner woke for another reason is
 * a spurious wake-up later: harmless, the owner finds nothing and sleeps again.
 */
public final class Wakeup implements AutoCloseable {
    private static final int AWAKE = 0;
    private static final int POLLING = 1;
    private static final int RECEIVING = 2;

    private final Pipe pipe;
    private final Runnable nudge;
    private final ByteBuffer signal = ByteBuffer.allocate(1);
    private final ByteBuffer drain = ByteBuffer.allocate(64);
    private volatile int sleeping = AWAKE;
    private final AtomicBoolean pending = new AtomicBoolean();

    /** @param nudge sends the message that ends the owner's blocking receive (used only after {@link #prepareToReceive}) */
    public Wakeup(Runnable nudge) {
        this.nudge = Objects.requireNonNull(nudge, "nudge");
        try {
            pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            pipe.sink().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the wake-up pipe", e);
        }
    }

    /** The channel the owner registers for POLLIN. */
    public SelectableChannel channel() {
        return pipe.source();
    }

    /** Any thread, after queuing work for the owner. */
    public void wake() {
        int mode = sleeping;
        if (mode == AWAKE || !pending.compareAndSet(false, true)) {
            return;
        }
        if (mode == RECEIVING) {
            try {
                nudge.run();
            } catch (RuntimeException e) {
                // The nudge socket is closed only when the owner has stopped; nothing is left to wake.
                pending.set(false);
            }
            return;
        }
        try {
            synchronized (signal) {
                signal.clear();
                pipe.sink().write(signal);
            }
        } catch (IOException e) {
            // The pipe is closed only when the owner has stopped; nothing is left to wake.
            pending.set(false);
        }
    }

    /** Owner thread: it is about to re-check its queues and then poll with {@link #channel()} registered. */
    public void prepareToPoll() {
        sleeping = POLLING;
    }

    /** Owner thread: it is about to re-check its queues and then block in a receive that the nudge ends. */
    public void prepareToReceive() {
        sleeping = RECEIVING;
    }

    /**
     * Owner thread: back from sleeping (or decided not to sleep). Clears the pending flag first and then empties
     * the pipe, so a signal written after the flag was cleared is read here or makes the next poll return at once
     * (and is read then); a stale byte never keeps the poller spinning.
     */
    public void awake() {
        int mode = sleeping;
        sleeping = AWAKE;
        pending.set(false);
        if (mode != POLLING) {
            return;   // a byte can only be in the pipe after a poll-mode sleep; the next awake() after one drains it
        }
        try {
            drain.clear();
            while (pipe.source().read(drain) > 0) {
                drain.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drain the wake-up pipe", e);
        }
    }

    @Override
    public void close() {
        try {
            pipe.sink().close();
        } catch (IOException ignored) {
            // closing a pipe end cannot fail in a way that matters after the owner stopped
        }
        try {
            pipe.source().close();
        } catch (IOException ignored) {
            // as above
        }
    }
}
