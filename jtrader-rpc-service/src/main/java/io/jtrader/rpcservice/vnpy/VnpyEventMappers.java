package io.jtrader.rpcservice.vnpy;

import io.jtrader.core.event.Event;
import io.jtrader.rpc.pickle.PickleDict;
import io.jtrader.rpc.pickle.PickleKey;
import io.jtrader.rpc.pickle.PickleWriter;
import java.util.LinkedHashMap;
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

    private VnpyEventMappers() {
    }

    static final class WireEventMapper extends VnpyClassMapper<VnpyEvent> {
        WireEventMapper() {
            super(MODULE, NAME, VnpyEvent.class);
        }

        @Override
        public VnpyEvent fromState(PickleDict state) {
            String type = null;
            Object data = null;
            Map<String, Object> extra = null;
            for (int i = 0; i < state.entryCount(); i++) {
                String key = (String) state.keyAt(i);
                Object v = state.valueAt(i);
                if (key.equals("type")) {
                    type = StateFields.string(v, NAME, "type");
                } else if (key.equals("data")) {
                    data = v;
                } else {
                    if (extra == null) {
                        extra = new LinkedHashMap<>();
                    }
                    extra.put(key, v);
                }
            }
            if (type == null) {
                throw new IllegalArgumentException("Event without a type");
            }
            return new VnpyEvent(type, data, extra);
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
        public Event fromState(PickleDict state) {
            return new WireEventMapper().fromState(state).toEvent();
        }

        @Override
        public void writeState(Event event, PickleWriter out) {
            out.field(TYPE, event.type());
            out.field(DATA, event.data());
        }
    }
}
