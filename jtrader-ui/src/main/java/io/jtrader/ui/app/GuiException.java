package io.jtrader.ui.app;

/** The trader window could not open (no display, bad settings, unknown gateway); the message is one clear line. */
public final class GuiException extends RuntimeException {
    public GuiException(String message) {
        super(message);
    }

    public GuiException(String message, Throwable cause) {
        super(message, cause);
    }
}
