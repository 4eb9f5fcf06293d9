package io.jtrader.rpc.pickle;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A decoded Python {@code dict}: a read-only, insertion-ordered {@link Map}, and also the cheap form in which
 * a {@link PickleClassMapper} receives an object's state.
 *
 * <p>Mappers read the entries as sent with {@link #entryCount()}, {@link #keyAt(int)} and {@link #valueAt(int)}
 * (no hashing, no allocation). If a frame repeats a key, the repeated entry appears again later (reading in
 * order, the later one wins, as in Python). The {@link Map} view merges repeats like Python: first position,
 * last value. Safe to read from several threads once published.
 */
public final class PickleDict extends AbstractMap<Object, Object> implements Container {
    private static final Object[] EMPTY = new Object[0];
    private static final int INDEX_THRESHOLD = 8;

    private Object[] keys = EMPTY;
    private Object[] values = EMPTY;
    private int count;
    private int depth = 1;
    private boolean sealed;
    private volatile View view;

    PickleDict() {
    }

    /** Entries as sent, repeats included. */
    public int entryCount() {
        return count;
    }

    public Object keyAt(int i) {
        Objects.checkIndex(i, count);
        return keys[i];
    }

    public Object valueAt(int i) {
        Objects.checkIndex(i, count);
        return values[i];
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

    /** Decoder only: room for {@code more} entries, so a state dict of known size is allocated once. */
    void ensureRoom(int more) {
        int needed = count + more;
        if (needed > keys.length) {
            int capacity = Math.max(needed, Math.min(Math.max(8, count * 2), needed + 64));
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
    }

    /** Decoder only. */
    void putDecoded(Object key, Object value, int entryDepth) {
        if (count == keys.length) {
            int capacity = Math.max(8, count * 2);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        keys[count] = key;
        values[count] = value;
        count++;
        if (entryDepth >= depth) {
            depth = entryDepth + 1;
        }
    }

    @Override
    public int size() {
        return view().size;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public Object get(Object key) {
        View v = view();
        int i = v.indexOf(key);
        return i < 0 ? null : v.values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return view().indexOf(key) >= 0;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        View v = view();
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Object, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < v.size;
                    }

                    @Override
                    public Entry<Object, Object> next() {
                        if (next >= v.size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(v.keys[i], v.values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return v.size;
            }
        };
    }

    private View view() {
        View v = view;
        if (v == null) {
            synchronized (this) {
                v = view;
                if (v == null) {
                    v = new View(keys, values, count);
                    view = v;
                }
            }
        }
        return v;
    }

    /** Deduplicated entries (first position, last value) with a hash index for larger dicts. */
    private static final class View {
        final Object[] keys;
        final Object[] values;
        final int size;
        final int[] table;

        View(Object[] rawKeys, Object[] rawValues, int rawCount) {
            Object[] k = Arrays.copyOf(rawKeys, rawCount);
            Object[] v = Arrays.copyOf(rawValues, rawCount);
            int n = 0;
            int[] t = null;
            if (rawCount > INDEX_THRESHOLD) {
                t = new int[Integer.highestOneBit(rawCount * 2 - 1) << 1];
                Arrays.fill(t, -1);
            }
            for (int i = 0; i < rawCount; i++) {
                int existing = find(k, t, n, k[i]);
                if (existing >= 0) {
                    v[existing] = v[i];
                    continue;
                }
                k[n] = k[i];
                v[n] = v[i];
                if (t != null) {
                    insert(t, k[n], n);
                }
                n++;
            }
            keys = k;
            values = v;
            size = n;
            table = t;
        }

        int indexOf(Object key) {
            return find(keys, table, size, key);
        }

        private static int find(Object[] keys, int[] table, int size, Object key) {
            if (table == null) {
                for (int i = 0; i < size; i++) {
                    if (Objects.equals(keys[i], key)) {
                        return i;
                    }
                }
                return -1;
            }
            int mask = table.length - 1;
            for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
                int i = table[slot];
                if (i < 0) {
                    return -1;
                }
                if (Objects.equals(keys[i], key)) {
                    return i;
                }
            }
        }

        private static void insert(int[] table, Object key, int index) {
            int mask = table.length - 1;
            int slot = spread(key) & mask;
            while (table[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = index;
        }

        private static int spread(Object key) {
            int h = Objects.hashCode(key);
            return h ^ (h >>> 16);
        }
    }
}
