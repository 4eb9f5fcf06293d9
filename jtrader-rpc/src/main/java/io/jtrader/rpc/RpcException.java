package io.jtrader.rpc;

/** Base of every failure the RPC layer reports. Unchecked so that futures and callbacks carry it as is. */
public class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
