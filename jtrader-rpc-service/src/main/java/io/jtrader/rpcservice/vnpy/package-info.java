/**
 * vn.py's wire types for jtrader's pickle codec: {@link io.jtrader.rpcservice.vnpy.VnpyTypes} (registry and
 * codec) and {@link io.jtrader.rpcservice.vnpy.VnpyEvent} (vn.py's Event with any extra attributes).
 *
 * <h2>Threading</h2>
 * Everything here is immutable or stateless: the shared registry, codec and mappers are safe from any thread;
 * encode/decode run on the caller's thread.
 */
package io.jtrader.rpcservice.vnpy;
