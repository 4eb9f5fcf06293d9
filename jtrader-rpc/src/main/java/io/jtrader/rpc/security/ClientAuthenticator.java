package io.jtrader.rpc.security;

/**
 * Decides whether a client that completed the CurveZMQ handshake with {@code clientPublicKey} may connect.
 * Called on the server's {@code rpc-zap} thread once per new connection (both the request and the publish
 * socket); must return quickly and must not throw (a throw counts as a refusal).
 */
@FunctionalInterface
public interface ClientAuthenticator {
    /**
     * @param clientPublicKey the client's public key, Z85 text
     * @param peerAddress     the client's IP address as ZeroMQ reports it
     * @return null to admit the client, else the reason it is refused (logged and counted)
     */
    String refusalReason(String clientPublicKey, String peerAddress);
}
