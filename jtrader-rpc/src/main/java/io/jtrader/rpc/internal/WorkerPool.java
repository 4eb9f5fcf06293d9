package io.jtrader.rpc.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of named worker threads ({@code prefix-1..n}) sharing one task queue. An idle worker keeps
 * checking the queue for {@code spinNs} before it parks, so a task handed over right after the previous one
 * needs no thread wake-up. Tasks must handle their own exceptions; one that escapes is logged and the
 * worker carries on.
 */
public final class WorkerPool implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> sleepers = new ConcurrentLinkedDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long spinNs;
    private volatile boolean shutdown;

    public WorkerPool(String prefix, int size, long spinNs) {
        this.spinNs = spinNs;
        NamedThreadFactory factory = new NamedThreadFactory(prefix);
        for (int i = 0; i < size; i++) {
            Thread thread = factory.newThread(this::work);
            threads.add(thread);
            thread.start();
        }
    }

    /** Any thread. */
    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("worker pool is shut down");
        }
        tasks.add(task);
        Thread sleeper = sleepers.pollFirst();
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
        }
    }

    /** Stops taking tasks, interrupts running ones and waits up to {@code waitMs} for the threads to end. */
    public void shutdownNow(long waitMs) {
        shutdown = true;
        for (Thread thread : threads) {
            thread.interrupt();
            LockSupport.unpark(thread);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.warn("{} still runs a task after shutdown", thread.getName());
            }
        }
        tasks.clear();
    }

    private void work() {
        Thread self = Thread.currentThread();
        IdleSpin idle = new IdleSpin(spinNs);
        while (!shutdown) {
            Runnable task = tasks.poll();
            if (task != null) {
                idle.reset();
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("task escaped with an exception on {}", self.getName(), e);
                }
                continue;
            }
            if (idle.keepSpinning(System.nanoTime())) {
                continue;
            }
            idle.reset();
            sleepers.addFirst(self);
            if (tasks.isEmpty() && !shutdown) {   // re-check after announcing: execute() sees us or we see its task
                LockSupport.park(this);
            }
            sleepers.remove(self);
            Thread.interrupted();                  // an interrupt meant for a finished task must not hit the next one
        }
    }
}
