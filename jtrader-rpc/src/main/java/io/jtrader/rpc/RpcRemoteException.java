package io.jtrader.rpc;

/**
 * The server answered {@code [False, text]}: the function is unknown, its arguments were wrong, it raised,
 * or the request could not be decoded. {@link #remoteText()} is the server's text as sent (a Python
 * traceback from vn.py, a traceback-shaped text from jtrader); its last line names the error, e.g.
 * {@code KeyError: 'no_such_function'}.
 */
public class RpcRemoteException extends RpcException {
    private static final long serialVersionUID = 1L;
    private final String function;
    private final String remoteText;

    public RpcRemoteException(String function, String remoteText) {
        super("remote call " + function + "() failed: " + lastLine(remoteText));
        this.function = function;
        this.remoteText = remoteText;
    }

    /** The name of the function that was called. */
    public String function() {
        return function;
    }

    /** The server's error text, unchanged. */
    public String remoteText() {
        return remoteText;
    }

    /** The last non-blank line of the server's text, e.g. {@code TypeError: add() takes 2 positional arguments but 3 were given}. */
    public String errorLine() {
        return lastLine(remoteText);
    }

    static String lastLine(String text) {
        if (text == null) {
            return "None";
        }
        String trimmed = text.strip();
        int newline = trimmed.lastIndexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(newline + 1).strip();
    }
}
