/**
 * The app SPI: {@link io.jtrader.core.app.AppFactory} (found with {@link java.util.ServiceLoader}) makes an
 * {@link io.jtrader.core.app.App} bound to a main engine.
 *
 * <h2>Threading</h2>
 * {@code AppFactory.create} runs on the thread that adds the app; {@code App.close} on the thread that closes the
 * main engine. An app's event handlers run on the {@code event-engine} thread; its own threads are its to name,
 * own and stop in {@code close()}.
 */
package io.jtrader.core.app;
