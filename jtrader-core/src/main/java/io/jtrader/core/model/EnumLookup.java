package io.jtrader.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Resolves a vn.py enum spelling (Chinese value, English value or member name) to a member. */
final class EnumLookup<E extends Enum<E>> {
    private final Class<E> type;
    private final Map<String, E> bySpelling = new HashMap<>();

    EnumLookup(Class<E> type, Function<E, String> value, Function<E, String> englishValue) {
        this.type = type;
        for (E e : type.getEnumConstants()) {
            bySpelling.putIfAbsent(e.name(), e);
        }
        for (E e : type.getEnumConstants()) {
            bySpelling.putIfAbsent(value.apply(e), e);
            bySpelling.putIfAbsent(englishValue.apply(e), e);
        }
    }

    E parse(String text) {
        E e = text == null ? null : bySpelling.get(text);
        if (e == null) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + type.getSimpleName());
        }
        return e;
    }
}
