/**
 * Helpers of the RPC layer; not API.
 *
 * <h2>Threading</h2>
 * {@link io.jtrader.rpc.internal.Wakeup#wake()} is safe from any thread; its other methods belong to the one
 * thread that owns the sockets. The other classes are stateless or thread-safe.
 */
package io.jtrader.rpc.internal;
