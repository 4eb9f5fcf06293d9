package io.jtrader.cli;

/** A command could not start (port in use, bad settings file, unknown gateway); the message is the one line users see. */
public class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public StartupException(String message) {
        this(message, 1, null);
    }

    public StartupException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
