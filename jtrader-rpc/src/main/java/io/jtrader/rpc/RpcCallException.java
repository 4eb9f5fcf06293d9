package io.jtrader.rpc;

/**
 * Thrown by an {@link RpcFunction} (or the {@link RpcCall} argument helpers) to fail a call with a Python
 * exception type, so the caller sees e.g. {@code TypeError: send_order() missing 1 required positional argument}.
 */
public class RpcCallException extends RpcException {
    private static final long serialVersionUID = 1L;
    private final String pythonType;

    public RpcCallException(String pythonType, String message) {
        super(message);
        if (pythonType == null || pythonType.isBlank()) {
            throw new IllegalArgumentException("pythonType must name a Python exception class, got " + pythonType);
        }
        this.pythonType = pythonType;
    }

    /** {@code TypeError}: wrong number or type of arguments. */
    public static RpcCallException typeError(String message) {
        return new RpcCallException("TypeError", message);
    }

    /** {@code ValueError}: an argument has the right type but a bad value. */
    public static RpcCallException valueError(String message) {
        return new RpcCallException("ValueError", message);
    }

    /** {@code KeyError: 'key'} (Python shows the key's repr). */
    public static RpcCallException keyError(String key) {
        return new RpcCallException("KeyError", PythonText.repr(key));
    }

    /** The Python exception class name the reply text ends with. */
    public String pythonType() {
        return pythonType;
    }
}
