package io.jtrader.rpc.pickle;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;

/** A decoded Python {@code set} or {@code frozenset}: read-only, in the order sent. */
public final class PickleSet extends AbstractSet<Object> implements Container {
    private final LinkedHashSet<Object> items = new LinkedHashSet<>();
    private final boolean frozen;
    private int depth = 1;
    private boolean sealed;

    PickleSet(boolean frozen) {
        this.frozen = frozen;
    }

    /** True for a Python {@code frozenset}. */
    public boolean isFrozen() {
        return frozen;
    }

    @Override
    public Iterator<Object> iterator() {
        Iterator<Object> it = items.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object next() {
                return it.next();
            }
        };
    }

    @Override
    public boolean contains(Object o) {
        return items.contains(o);
    }

    @Override
    public int size() {
        return items.size();
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

    /** Decoder only. */
    void addDecoded(Object item, int itemDepth) {
        items.add(item);
        if (itemDepth >= depth) {
            depth = itemDepth + 1;
        }
    }
}
