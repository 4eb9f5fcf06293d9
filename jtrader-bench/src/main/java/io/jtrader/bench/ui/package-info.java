/**
 * Load on the trader window: {@link io.jtrader.bench.ui.UiLoadBenchmark} feeds the real window (monitors, trading
 * panel, depth) at a trader's rate on Monocle's headless platform and measures how busy the JavaFX thread is and how
 * long an update waits before it is on screen.
 *
 * <h2>Threading</h2>
 * {@code ui-bench-feed} puts events into the main engine's event engine on a fixed schedule; {@code event-engine}
 * runs the view models' handlers, which coalesce and hand one apply per pulse to the JavaFX application thread;
 * {@code ui-bench-probe} posts a probe runnable to the FX thread every 10 ms; {@code ui-bench-jitter} measures how
 * late a 1 ms park wakes (the machine's own scheduling delay); the main thread samples the threads' CPU time and
 * prints the report.
 */
package io.jtrader.bench.ui;
