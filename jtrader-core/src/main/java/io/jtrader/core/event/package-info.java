/**
 * Events and the event engine (vn.py {@code vnpy.event}).
 *
 * <h2>Threading</h2>
 * {@code Event} is immutable. The event engine has one dispatch thread ({@code event-engine}) that calls every
 * handler in registration order; handlers must not block it. {@code put}, {@code register} and
 * {@code unregister} are safe from any thread.
 */
package io.jtrader.core.event;
