/**
 * What the RPC service lets each client do: {@link io.jtrader.rpcservice.server.security.ServiceGuard} wraps every
 * served function with the role check ({@link io.jtrader.rpcservice.server.security.ClientAllowList},
 * {@link io.jtrader.rpcservice.server.security.Role}), the pre-trade checks
 * ({@link io.jtrader.rpcservice.server.security.RiskManager}, {@code risk_setting.json}) and the
 * {@link io.jtrader.rpcservice.server.security.AuditLog}.
 *
 * <h2>Threading</h2>
 * Wrapped functions run on the RPC server's {@code rpc-worker-N} threads; the allow-list is also read on
 * {@code rpc-zap} during handshakes. All classes here are safe from any thread: the allow-list swaps immutable
 * snapshots, the risk counters sit behind one lock, audit writes are serialised. REJECTED orders and risk logs are
 * put on the main engine's event engine (never blocking the caller).
 */
package io.jtrader.rpcservice.server.security;
