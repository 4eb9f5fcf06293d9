/**
 * The gateway SPI: {@code Gateway} (commands in), {@code GatewayListener} (callbacks out), {@code GatewayFactory}
 * (found with {@link java.util.ServiceLoader}).
 *
 * <h2>Threading</h2>
 * Gateway commands may be called from any thread and must return promptly. Listener callbacks come from the
 * gateway's own threads; the engine-side listener only enqueues events and never blocks.
 */
package io.jtrader.core.gateway;
