package io.jtrader.core.event;

import java.util.Objects;

/**
 * One event (vn.py {@code Event}): a type string (vn.py's, see {@link EventType}; apps may add their own) and
 * its data, usually a model record, or null for {@code eTimer}.
 */
public record Event(String type, Object data) {
    public Event {
        Objects.requireNonNull(type, "Event.type must not be null");
    }
}
