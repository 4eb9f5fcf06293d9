package io.jtrader.rpc;

/** A frame could not be decoded: truncated, malformed, too large, too deep, or naming a forbidden callable. */
public class RpcDecodeException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcDecodeException(String message) {
        super(message);
    }

    public RpcDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
