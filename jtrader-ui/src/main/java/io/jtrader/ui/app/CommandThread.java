package io.jtrader.ui.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ui-command} thread: runs the window's commands that may block (connect, send through an RPC gateway,
 * start/stop of the RPC service) in order, off the FX thread. A command that throws is logged with its failure; the
 * thread carries on with the next one.
 */
public final class CommandThread implements Executor, AutoCloseable {
    public static final String THREAD_NAME = "ui-command";
    private static final Logger LOG = LoggerFactory.getLogger(CommandThread.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });

    @Override
    public void execute(Runnable command) {
        executor.execute(() -> {
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.error("a window command failed: {}", e.toString(), e);
            }
        });
    }

    /** Lets queued commands finish (up to {@code timeoutMs}), then stops the thread. */
    public boolean shutdown(long timeoutMs) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
