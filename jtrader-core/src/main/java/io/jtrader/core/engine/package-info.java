/**
 * The main engine (vn.py {@code MainEngine}): gateways, apps, the OMS and command routing;
 * {@link io.jtrader.core.engine.EventGatewayListener} turns gateway callbacks into events and
 * {@link io.jtrader.core.engine.LogEventLogger} writes log events to SLF4J.
 *
 * <h2>Threading</h2>
 * {@code MainEngine}'s public methods are safe from any thread; commands run on the caller's thread and call the
 * gateway there. {@code EventGatewayListener} is called from gateway threads and only enqueues events.
 * {@code LogEventLogger} runs on the {@code event-engine} thread. The main engine starts no thread of its own
 * besides its event engine's.
 */
package io.jtrader.core.engine;
