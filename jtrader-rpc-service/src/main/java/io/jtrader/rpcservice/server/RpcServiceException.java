package io.jtrader.rpcservice.server;

/**
 * The RPC service could not do what was asked: an address cannot be bound (port in use), an address is refused by
 * the security policy, or the settings file is invalid. The message is one line naming what was wrong.
 */
public class RpcServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcServiceException(String message) {
        super(message);
    }

    public RpcServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
