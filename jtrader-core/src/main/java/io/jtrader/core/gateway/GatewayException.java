package io.jtrader.core.gateway;

/** A gateway refused a command or failed to carry it out; the message says which and why. */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
