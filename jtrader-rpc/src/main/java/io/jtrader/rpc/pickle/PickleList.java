package io.jtrader.rpc.pickle;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/** A decoded Python {@code list}: read-only, allows null (None). Safe to read from any thread once published. */
public final class PickleList extends AbstractList<Object> implements RandomAccess, Container {
    private static final Object[] EMPTY = new Object[0];
    private Object[] items = EMPTY;
    private int size;
    private int depth = 1;
    private boolean sealed;

    PickleList() {
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a list of " + size);
        }
        return items[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(items, size);
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public void seal() {
        sealed = true;
    }

    boolean isSealed() {
        return sealed;
    }

    /** Decoder only: room for {@code more} items, so a list of known size is allocated once. */
    void ensureRoom(int more) {
        int needed = size + more;
        if (needed > items.length) {
            items = Arrays.copyOf(items, Math.max(needed, Math.min(Math.max(8, size * 2), needed + 64)));
        }
    }

    /** Decoder only. */
    void addDecoded(Object item, int itemDepth) {
        if (size == items.length) {
            items = Arrays.copyOf(items, Math.max(8, size * 2));
        }
        items[size++] = item;
        if (itemDepth >= depth) {
            depth = itemDepth + 1;
        }
    }
}
