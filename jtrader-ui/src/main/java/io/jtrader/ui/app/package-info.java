/**
 * Starting the trader window: options, language, the display check, the JavaFX start-up and the engines it runs.
 *
 * <h2>Threading</h2>
 * {@link io.jtrader.ui.app.TraderGui#run} is called on the launching thread and blocks until the window is closed;
 * the window lives on the JavaFX application thread; engine commands that may block run on the {@code ui-command}
 * thread.
 */
package io.jtrader.ui.app;
