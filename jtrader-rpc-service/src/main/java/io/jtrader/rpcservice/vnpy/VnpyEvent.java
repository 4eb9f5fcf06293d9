package io.jtrader.rpcservice.vnpy;

import io.jtrader.core.event.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code vnpy.event.engine.Event} as it travels: its type, its data and any extra attributes the sender put in
 * the pickled state beyond {@code type} and {@code data} (jtrader extensions such as sequence numbers; a Python
 * unpickler simply sets them as attributes). Decoding an Event always yields a {@code VnpyEvent}, so nothing
 * the sender wrote is lost; {@link #toEvent()} gives the core {@link Event}. Both this type and core
 * {@code Event} (no extras) can be encoded.
 *
 * @param extra attributes in the order sent; never null, unmodifiable
 */
public record VnpyEvent(String type, Object data, Map<String, Object> extra) {
    public VnpyEvent {
        if (type == null) {
            throw new IllegalArgumentException("Event.type must not be null");
        }
        extra = extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public VnpyEvent(String type, Object data) {
        this(type, data, Map.of());
    }

    public static VnpyEvent of(Event event) {
        return new VnpyEvent(event.type(), event.data(), Map.of());
    }

    public Event toEvent() {
        return new Event(type, data);
    }

    /** This event with one more extra attribute (written after {@code type} and {@code data}). */
    public VnpyEvent withExtra(String name, Object value) {
        if ("type".equals(name) || "data".equals(name)) {
            throw new IllegalArgumentException("'" + name + "' is not an extra attribute of Event");
        }
        Map<String, Object> copy = new LinkedHashMap<>(extra);
        copy.put(name, value);
        return new VnpyEvent(type, data, copy);
    }
}
