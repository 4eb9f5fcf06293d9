/**
 * Helpers of the event engine; not API.
 *
 * <h2>Threading</h2>
 * {@code MpscArrayQueue}: {@code offer} from any thread, {@code drain}/{@code poll} from its one consumer thread.
 */
package io.jtrader.core.event.internal;
