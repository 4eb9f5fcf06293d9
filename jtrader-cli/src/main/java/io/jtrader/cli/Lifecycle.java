package io.jtrader.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * How a long-running command ends: SIGINT/SIGTERM (or {@link #requestExit()}) closes what it runs, flushes the
 * log, and ends the JVM with status 0. A shutdown hook does the closing and then {@link Runtime#halt(int)}s, so a
 * signal gives exit status 0 instead of the JVM's 130/143.
 */
final class Lifecycle {
    private final CountDownLatch exit = new CountDownLatch(1);

    /**
     * Installs the hook that runs {@code close} on SIGINT/SIGTERM and exits with 0. Call once, after start-up
     * succeeded.
     */
    void onSignal(AutoCloseable close) {
        Thread hook = new Thread(() -> {
            closeQuietly(close);
            flushLogs();
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }, "jtrader-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Blocks the calling (main) thread until {@link #requestExit()}; a signal ends the JVM from the hook. */
    void awaitExit() throws InterruptedException {
        exit.await();
    }

    /** Lets {@link #awaitExit()} return (the {@code quit} command); the command then returns its status. */
    void requestExit() {
        exit.countDown();
    }

    static void closeQuietly(AutoCloseable close) {
        try {
            close.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(Lifecycle.class).error("closing failed: {}", e.toString(), e);
        }
    }

    static void flushLogs() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.stop();
        }
    }
}
