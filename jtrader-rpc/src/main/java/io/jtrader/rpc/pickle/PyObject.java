package io.jtrader.rpc.pickle;

import java.util.Map;

/**
 * An instance of a Python class the type registry does not know, kept as its module, class name and
 * pickled state (its {@code __dict__}). Other vn.py apps publish such objects (e.g.
 * {@code vnpy_ctastrategy.base.StopOrder}); they are passed on, never executed.
 */
public record PyObject(String module, String name, Map<String, Object> state) {
    public PyObject {
        state = state == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(state));
    }

    public String qualifiedName() {
        return module + "." + name;
    }
}
