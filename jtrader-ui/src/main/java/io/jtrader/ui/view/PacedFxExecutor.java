package io.jtrader.ui.view;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on the FX thread at most once per {@code minInterval}: a task offered sooner after the previous one is
 * held (on the FX thread, by a pause transition; no extra thread) until the interval has passed. With a view model
 * that keeps at most one apply queued ({@code MonitorsViewModel}), a flood of market data becomes at most one table
 * update per interval, so the FX thread renders a few dozen frames a second instead of one per event batch.
 *
 * <p>{@link #execute} is safe from any thread.
 */
final class PacedFxExecutor implements Executor {
    private final long minIntervalNanos;
    private volatile long lastRunNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    PacedFxExecutor(java.time.Duration minInterval) {
        this.minIntervalNanos = minInterval.toNanos();
    }

    @Override
    public void execute(Runnable task) {
        Platform.runLater(() -> {
            long waitNanos = lastRunNanos + minIntervalNanos - System.nanoTime();
            if (waitNanos <= 0) {
                run(task);
                return;
            }
            PauseTransition pause = new PauseTransition(Duration.millis(TimeUnit.NANOSECONDS.toMicros(waitNanos) / 1000.0));
            pause.setOnFinished(e -> run(task));
            pause.play();
        });
    }

    private void run(Runnable task) {
        lastRunNanos = System.nanoTime();
        task.run();
    }
}
