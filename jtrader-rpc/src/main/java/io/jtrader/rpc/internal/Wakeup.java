package io.jtrader.rpc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;

/**
 * Wakes a socket-owning thread that sleeps in {@code ZMQ.Poller.poll} when another thread has queued work
 * for it. The owner registers {@link #channel()} in its poller. A producer queues its item, then calls
 * {@link #wake()}, which writes to the pipe only if the owner announced it may sleep and no wake-up is pending
 * yet, so a busy owner costs producers one volatile read.
 *
 * <p>Protocol for the owner: {@link #prepareToSleep()}, re-check its queues, poll (if still empty),
 * {@link #awake()}. Both sides write then read volatile fields, so an item queued while the owner decides
 * to sleep is always seen either by the re-check or through the pipe.
 */
public final class Wakeup implements AutoCloseable {
    private final Pipe pipe;
    private final ByteBuffer signal = ByteBuffer.allocate(1);
    private final ByteBuffer drain = ByteBuffer.allocate(64);
    private volatile boolean sleeping;
    private final java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();

    public Wakeup() {
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
        if (sleeping && pending.compareAndSet(false, true)) {
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
    }

    /** Owner thread: it is about to re-check its queues and then poll. */
    public void prepareToSleep() {
        sleeping = true;
    }

    /**
     * Owner thread: back from poll (or decided not to poll). Clears the pending flag first and then empties
     * the pipe, so a signal written after the flag was cleared is read here or makes the next poll return
     * at once (and is read then); a stale byte never keeps the poller spinning.
     */
    public void awake() {
        sleeping = false;
        pending.set(false);
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
