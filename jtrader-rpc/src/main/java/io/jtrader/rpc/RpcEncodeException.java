package io.jtrader.rpc;

/** A Java value has no pickle form (no registered mapping for its class). */
public class RpcEncodeException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcEncodeException(String message) {
        super(message);
    }

    public RpcEncodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
