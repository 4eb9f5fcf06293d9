package io.jtrader.rpc;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Who sent a request: the ZeroMQ routing id of its connection (one per connected REQ or DEALER socket) and, on a
 * CurveZMQ server, the client's public key (Z85) that the server's authenticator admitted. Later layers map the
 * key to a role for authorization and audit.
 */
public final class RpcCaller {
    private final byte[] routingId;
    private final String routingIdHex;
    private final String clientKey;

    public RpcCaller(byte[] routingId) {
        this(routingId, null);
    }

    /** @param clientKey the client's CurveZMQ public key (Z85), or null on a server without CURVE */
    public RpcCaller(byte[] routingId, String clientKey) {
        this.routingId = routingId.clone();
        this.routingIdHex = HexFormat.of().formatHex(routingId);
        this.clientKey = clientKey;
    }

    /** The client's CurveZMQ public key in Z85, or null when the connection is not CURVE-authenticated. */
    public String clientKey() {
        return clientKey;
    }

    /** A copy of the connection's routing id. */
    public byte[] routingId() {
        return routingId.clone();
    }

    /** The routing id in hex, for logs and audit. */
    public String routingIdHex() {
        return routingIdHex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpcCaller c && Arrays.equals(routingId, c.routingId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(routingId);
    }

    @Override
    public String toString() {
        return "RpcCaller[" + routingIdHex + (clientKey == null ? "" : " key " + clientKey) + "]";
    }
}
