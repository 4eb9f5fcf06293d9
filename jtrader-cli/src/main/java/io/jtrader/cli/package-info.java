/**
 * The {@code jtrader} command line (picocli): {@code server} ({@link io.jtrader.cli.ServerCommand}),
 * {@code client} ({@link io.jtrader.cli.ClientCommand}) and {@code gui} ({@link io.jtrader.cli.GuiCommand}).
 *
 * <h2>Threading</h2>
 * Commands run on the main thread; long-running commands block it until SIGINT/SIGTERM, whose shutdown hook
 * ({@code jtrader-shutdown}) closes the main engine, flushes the log and halts the JVM with status 0 (or until the
 * client's {@code quit}, after which {@code main} returns 0). The client reads stdin on {@code client-console},
 * prints events on the engine's {@code event-engine} thread, and runs its start-up flags on
 * {@code client-start-actions} (orders wait for the server's answer, never on the event thread). {@code gui} blocks
 * the main thread in {@link io.jtrader.ui.app.TraderGui#run} until the window is closed; the window runs on the
 * JavaFX application thread and its blocking commands on {@code ui-command}.
 */
package io.jtrader.cli;
