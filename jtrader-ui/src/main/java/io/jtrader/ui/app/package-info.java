/**
 * Starting the trader window: options, language, the display check, the JavaFX start-up and the engines it runs.
 *
 * <h2>Threading</h2>
 * {@link io.jtrader.ui.app.TraderGui#run} is called on the launching thread and blocks until the window is closed;
 * the window lives on the JavaFX application thread; engine commands that may block run on the {@code ui-command}
 * thread. While the window is open a shutdown hook ({@code trader-gui-shutdown}) closes the main engine on
 * SIGINT/SIGTERM, so gateways and apps (the RPC service's ports) close cleanly then too.
 */
package io.jtrader.ui.app;
