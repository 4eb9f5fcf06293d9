package io.jtrader.rpc;

/** A {@code Context} setting is missing or out of range; the message names the key, the value and the rule. */
public class RpcConfigurationException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcConfigurationException(String message) {
        super(message);
    }

    public RpcConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
