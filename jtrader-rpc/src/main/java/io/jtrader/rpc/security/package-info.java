/**
 * CurveZMQ for the RPC transport: key pairs and their certificate files ({@link io.jtrader.rpc.security.CurveKeys}),
 * and the hook that admits or refuses a client key ({@link io.jtrader.rpc.security.ClientAuthenticator}).
 *
 * <h2>Threading</h2>
 * {@code CurveKeys} is immutable and safe from any thread. A server's {@code ClientAuthenticator} is called on
 * its {@code rpc-zap} thread (which alone owns the ZAP socket), once per handshake; it must not block.
 */
package io.jtrader.rpc.security;
