package io.jtrader.core.event;

/**
 * Receives events from an {@link EventEngine} (vn.py's handler callables). Called on the {@code event-engine}
 * thread only; must return promptly and never block: every other handler waits behind it.
 */
@FunctionalInterface
public interface EventHandler {
    void onEvent(Event event);
}
