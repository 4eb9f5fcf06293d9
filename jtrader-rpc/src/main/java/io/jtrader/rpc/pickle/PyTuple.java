package io.jtrader.rpc.pickle;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A Python tuple: an immutable sequence, kept distinct from a list so it round-trips as a tuple. */
public final class PyTuple {
    private static final PyTuple EMPTY = new PyTuple(new Object[0]);
    private final Object[] items;

    private PyTuple(Object[] items) {
        this.items = items;
    }

    public static PyTuple of(Object... items) {
        return items.length == 0 ? EMPTY : new PyTuple(items.clone());
    }

    /** Decoder only: takes ownership of {@code items} (no copy). */
    static PyTuple wrap(Object[] items) {
        return items.length == 0 ? EMPTY : new PyTuple(items);
    }

    public static PyTuple copyOf(List<?> items) {
        return items.isEmpty() ? EMPTY : new PyTuple(items.toArray());
    }

    public int size() {
        return items.length;
    }

    public Object get(int index) {
        return items[index];
    }

    /** An unmodifiable view that allows nulls (Python's None). */
    public List<Object> asList() {
        return java.util.Collections.unmodifiableList(Arrays.asList(items));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTuple t && Arrays.deepEquals(items, t.items);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(items);
    }

    @Override
    public String toString() {
        if (items.length == 1) {
            return "(" + items[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Objects.toString(items[i]));
        }
        return sb.append(')').toString();
    }
}
