package io.jtrader.rpcservice.vnpy;

import io.jtrader.core.event.Event;
import io.jtrader.rpc.pickle.PickleFields;
import io.jtrader.rpc.pickle.PickleKey;
import io.jtrader.rpc.pickle.PickleWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vnpy.event.engine.Event}: decoded as {@link VnpyEvent} (extra attributes kept), encoded from
 * {@link VnpyEvent} (type, data, then extras) or from core {@link Event} (type, data).
 */
final class VnpyEventMappers {
    static final String MODULE = "vnpy.event.engine";
    static final String NAME = "Event";
    private static final PickleKey TYPE = PickleKey.of("type");
    private static final PickleKey DATA = PickleKey.of("data");
    private static final List<String> KEYS = List.of("type", "data");
    private static final WireEventMapper WIRE = new WireEventMapper();

    private VnpyEventMappers() {
    }

    static final class WireEventMapper extends VnpyClassMapper<VnpyEvent> {
        WireEventMapper() {
            super(MODULE, NAME, VnpyEvent.class);
        }

        @Override
        public List<String> stateKeys() {
            return KEYS;
        }

        @Override
        public VnpyEvent fromFields(PickleFields f) {
            String type = StateFields.string(f, 0, null, NAME, "type");
            if (type == null) {
                throw new IllegalArgumentException("Event without a type");
            }
            Map<String, Object> extra = null;
            for (int i = 0; i < f.extraCount(); i++) {
                if (extra == null) {
                    extra = new LinkedHashMap<>();
                }
                extra.put(f.extraKey(i), f.extraValue(i));
            }
            return new VnpyEvent(type, f.get(1), extra);
        }

        @Override
        public void writeState(VnpyEvent event, PickleWriter out) {
            out.field(TYPE, event.type());
            out.field(DATA, event.data());
            for (Map.Entry<String, Object> e : event.extra().entrySet()) {
                out.field(e.getKey(), e.getValue());
            }
        }
    }

    /** Encode-only: a core Event is written as vn.py's Event; decoding always yields {@link VnpyEvent}. */
    static final class CoreEventMapper extends VnpyClassMapper<Event> {
        CoreEventMapper() {
            super(MODULE, NAME, Event.class);
        }

        @Override
        public List<String> stateKeys() {
            return KEYS;
        }

        @Override
        public Event fromFields(PickleFields f) {
            return WIRE.fromFields(f).toEvent();
        }

        @Override
        public void writeState(Event event, PickleWriter out) {
            out.field(TYPE, event.type());
            out.field(DATA, event.data());
        }
    }
}
