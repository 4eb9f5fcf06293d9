package io.jtrader.rpc;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Who sent a request: the ZeroMQ routing id of its connection (one per connected REQ or DEALER socket).
 * Later layers add the CurveZMQ public key and a role here, for per-client authorization and audit.
 */
public final class RpcCaller {
    private final byte[] routingId;
    private final String routingIdHex;

    public RpcCaller(byte[] routingId) {
        this.routingId = routingId.clone();
        this.routingIdHex = HexFormat.of().formatHex(routingId);
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
        return "RpcCaller[" + routingIdHex + "]";
    }
}
