package io.jtrader.rpc.pickle;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The state of one object as a {@link PickleFieldMapper} reads it: one slot per declared state key (the key's index
 * in {@link PickleFieldMapper#stateKeys()}), numbers kept unboxed, and the keys the mapper did not declare
 * ("extras", in the order sent). A key sent twice keeps its last value, as in Python.
 *
 * <p>Valid only during {@link PickleFieldMapper#fromFields}: the decoder reuses the instance for the next object.
 */
public final class PickleFields {
    private static final byte ABSENT = 0;
    static final byte OBJECT = 1;
    static final byte LONG = 2;
    static final byte DOUBLE = 3;
    private static final Object[] NONE = new Object[0];

    // Package-private for the decoder's inner loop; a slot's kind says which of bits/objects holds its value.
    byte[] kinds = new byte[0];
    long[] bits = new long[0];
    /** Allocated per object (young), so storing decoded values into it skips G1's old-to-young barrier. */
    Object[] objects = NONE;
    private Object[] extras = NONE;
    private int extraCount;
    // The decoder's bookkeeping while it reads this object: the slot expected next, the state's nesting depth, entries.
    int expectedSlot;
    int stateDepth;
    int entries;

    PickleFields() {
    }

    /** The fields of {@code state} for a mapper declaring {@code keys} (the general decoder's way in). */
    static PickleFields of(PickleDict state, StateKeys keys) {
        PickleFields f = new PickleFields();
        f.fill(state, keys);
        return f;
    }

    /** Whether the key of {@code slot} was sent (with any value, None included). */
    public boolean has(int slot) {
        return kinds[slot] != ABSENT;
    }

    /** Whether the value of {@code slot} is a Python int that fits a long, or a float. */
    public boolean isNumber(int slot) {
        return kinds[slot] >= LONG;
    }

    /** The number in {@code slot} as a double (an int converted); only when {@link #isNumber} holds. */
    public double number(int slot) {
        byte k = kinds[slot];
        if (k == DOUBLE) {
            return Double.longBitsToDouble(bits[slot]);
        }
        if (k == LONG) {
            return bits[slot];
        }
        throw new IllegalStateException("slot " + slot + " holds no number");
    }

    /** The value as the general decoder makes it (a Long or Double for numbers); null when absent or None. */
    public Object get(int slot) {
        switch (kinds[slot]) {
            case OBJECT:
                return objects[slot];
            case LONG:
                return bits[slot];
            case DOUBLE:
                return Double.longBitsToDouble(bits[slot]);
            default:
                return null;
        }
    }

    /** Number of sent keys the mapper did not declare. */
    public int extraCount() {
        return extraCount;
    }

    public String extraKey(int i) {
        Objects.checkIndex(i, extraCount);
        return (String) extras[2 * i];
    }

    public Object extraValue(int i) {
        Objects.checkIndex(i, extraCount);
        return extras[2 * i + 1];
    }

    // ---- decoder side ----

    /** Empties every slot for an object with {@code slots} declared keys. */
    void reset(int slots) {
        if (kinds.length < slots) {
            kinds = new byte[slots];
            bits = new long[slots];
        } else {
            Arrays.fill(kinds, 0, slots, ABSENT);
        }
        objects = new Object[slots];
        extras = NONE;
        extraCount = 0;
    }

    /** Drops the references of the last object, so a reused decoder retains nothing. */
    void release() {
        objects = NONE;
        extras = NONE;
    }

    void setDouble(int slot, long doubleBits) {
        kinds[slot] = DOUBLE;
        bits[slot] = doubleBits;
    }

    void setLong(int slot, long value) {
        kinds[slot] = LONG;
        bits[slot] = value;
    }

    /** Stores a decoded value; Long and Double are kept unboxed. */
    void set(int slot, Object value) {
        if (value != null) {
            Class<?> k = value.getClass();
            if (k == Double.class) {
                setDouble(slot, Double.doubleToRawLongBits((Double) value));
                return;
            }
            if (k == Long.class) {
                setLong(slot, (Long) value);
                return;
            }
        }
        kinds[slot] = OBJECT;
        objects[slot] = value;
    }

    void addExtra(String key, Object value) {
        if (2 * extraCount == extras.length) {
            extras = Arrays.copyOf(extras, Math.max(8, extras.length * 2));
        }
        extras[2 * extraCount] = key;
        extras[2 * extraCount + 1] = value;
        extraCount++;
    }

    private void fill(PickleDict state, StateKeys keys) {
        reset(keys.size());
        for (int i = 0; i < state.entryCount(); i++) {
            String key = (String) state.keyAt(i);
            int slot = keys.slotOf(key);
            if (slot >= 0) {
                set(slot, state.valueAt(i));
            } else {
                addExtra(key, state.valueAt(i));
            }
        }
    }

    /** The declared keys of a {@link PickleFieldMapper}, with what the decoder needs to match them as bytes. */
    static final class StateKeys {
        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        final String[] names;
        private final byte[][] utf8;
        /** Per slot: the key's length in UTF-8 bytes. */
        final int[] lengths;
        /** Per slot: the key's first two little-endian words and their masks (all of a key of up to 16 bytes). */
        final long[] words;
        private final java.util.Map<String, Integer> slots;

        StateKeys(List<String> keys, String owner) {
            if (keys == null || keys.isEmpty()) {
                throw new IllegalArgumentException(owner + " declares no state keys");
            }
            names = keys.toArray(new String[0]);
            utf8 = new byte[names.length][];
            words = new long[names.length * 4];
            lengths = new int[names.length];
            java.util.Map<String, Integer> bySlot = new java.util.HashMap<>();
            for (int i = 0; i < names.length; i++) {
                if (names[i] == null || names[i].isEmpty() || bySlot.put(names[i], i) != null) {
                    throw new IllegalArgumentException(owner + ": state key '" + names[i] + "' is empty or not unique");
                }
                utf8[i] = names[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] padded = Arrays.copyOf(utf8[i], 16);
                int n = utf8[i].length;
                lengths[i] = n;
                words[4 * i] = (long) LONGS.get(padded, 0);
                words[4 * i + 1] = n >= 8 ? -1L : (1L << (8 * n)) - 1;
                words[4 * i + 2] = (long) LONGS.get(padded, 8);
                words[4 * i + 3] = n >= 16 ? -1L : n <= 8 ? 0 : (1L << (8 * (n - 8))) - 1;
            }
            slots = java.util.Map.copyOf(bySlot);
        }

        int size() {
            return names.length;
        }

        String name(int slot) {
            return names[slot];
        }

        /** The slot of a key, or -1. */
        int slotOf(String key) {
            Integer slot = slots.get(key);
            return slot == null ? -1 : slot;
        }

        /**
         * Whether {@code buf[start, start+n)} spells the key of {@code slot} in UTF-8. Short keys are compared as two
         * masked words when 16 bytes can be read from {@code start}.
         */
        boolean matches(int slot, byte[] buf, int start, int n) {
            byte[] k = utf8[slot];
            if (k.length != n) {
                return false;
            }
            if (n <= 16 && start + 16 <= buf.length) {
                int w = 4 * slot;
                return ((long) LONGS.get(buf, start) & words[w + 1]) == words[w]
                        && ((long) LONGS.get(buf, start + 8) & words[w + 3]) == words[w + 2];
            }
            return Arrays.equals(buf, start, start + n, k, 0, n);
        }

        /** The slot whose key {@code buf[start, start+n)} spells, or -1 (a linear scan: keys out of order are rare). */
        int find(byte[] buf, int start, int n) {
            for (int slot = 0; slot < utf8.length; slot++) {
                if (matches(slot, buf, start, n)) {
                    return slot;
                }
            }
            return -1;
        }
    }
}
