/**
 * Events and the event engine (vn.py {@code vnpy.event}): {@link io.jtrader.core.event.Event},
 * {@link io.jtrader.core.event.EventType} (vn.py's type strings), {@link io.jtrader.core.event.EventEngine}, its
 * {@link io.jtrader.core.event.EventHandler}s and {@link io.jtrader.core.event.IdleStrategy}s.
 *
 * <h2>Threading</h2>
 * {@code Event} is immutable. Each {@code EventEngine} owns one dispatch thread (named {@code event-engine}
 * unless its context says otherwise) that calls every handler and end-of-batch hook; handlers must not block
 * it. {@code put}, {@code register}/{@code unregister} (and their general and end-of-batch forms), {@code start},
 * {@code stop} and the counters are safe from any thread; {@code put} never blocks. An {@code IdleStrategy}
 * instance belongs to one loop thread.
 */
package io.jtrader.core.event;
