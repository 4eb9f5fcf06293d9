/**
 * The trading model: immutable records and enums mirroring vn.py 4.x's {@code vnpy.trader.object} and
 * {@code vnpy.trader.constant}, with vn.py's derived ids ({@code vtSymbol()}, {@code vtOrderId()}, …) as methods.
 * Wire spellings (pickle keys, enum-by-name) live in jtrader-rpc-service, not here.
 *
 * <h2>Threading</h2>
 * Records and enums are immutable and safe to share between any threads. {@code TickData.Builder} is not
 * thread-safe.
 */
package io.jtrader.core.model;
