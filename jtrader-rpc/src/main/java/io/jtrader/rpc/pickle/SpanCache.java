package io.jtrader.rpc.pickle;

import java.util.Arrays;

/**
 * The fast path's memory of value spans led by a class reference (an enum member by value, a time zone): such a span
 * that reads no memo entry decodes to the same immutable value whenever its bytes are the same, so when they repeat
 * (every tick names its exchange and time zone alike), the span is compared instead of parsed, and its memo writes
 * are replayed. A direct-mapped table of 64 spans, keyed by their first bytes; one per decoder, not thread-safe.
 */
final class SpanCache {
    /** Returned by {@link #replay} when the bytes are not a remembered span. */
    static final Object NONE = new Object();
    private static final int BITS = 6;
    private static final int MAX_SPAN_BYTES = 256;
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private final PickleDecoder d;
    private final Span[] spans = new Span[1 << BITS];
    /** The nesting depth of the value {@link #replay} returned last. */
    int replayedDepth;

    SpanCache(PickleDecoder decoder) {
        this.d = decoder;
    }

    /**
     * The value of the span at {@code start} if it repeats one remembered by {@link #remember}, byte for byte: its
     * memo writes are replayed and the same (immutable) value returned; else {@link #NONE}. Such a span (an enum
     * member by value, a time zone) reads nothing outside its bytes, so the same bytes decode to the same value.
     */
    Object replay(int start) {
        PickleDecoder dec = d;
        Span s = spans[spanSlot(dec.buf, start, dec.end)];
        if (s == null) {
            return NONE;
        }
        int len = s.bytes.length;
        int mc = dec.memoCount;
        int k = s.memoValues.length;
        Object[] memo = dec.memo;
        if (len > dec.end - start || mc + k > Math.min(Math.min(memo.length, dec.memoDepths.length), dec.maxMemoEntries)
                || !Arrays.equals(dec.buf, start, start + len, s.bytes, 0, len)) {
            return NONE;
        }
        for (int i = 0; i < k; i++) {
            if (memo[mc + i] != null) {
                return NONE;
            }
        }
        for (int i = 0; i < k; i++) {
            memo[mc + i] = s.memoValues[i];
            dec.memoDepths[mc + i] = s.memoDepths[i];
        }
        dec.memoCount = mc + k;
        dec.pos = start + len;
        replayedDepth = s.depth;
        return s.value;
    }

    /**
     * Remembers the span just read from {@code start}, which the caller saw read no memo entry and only MEMOIZE into
     * fresh slots (from {@code memoStart} on), when its value and memo entries are immutable and shareable.
     */
    void remember(int start, Object value, int depth, int memoStart) {
        PickleDecoder dec = d;
        int len = dec.pos - start;
        if (len > MAX_SPAN_BYTES || !shareable(value)) {
            return;
        }
        Object[] memoValues = Arrays.copyOfRange(dec.memo, memoStart, dec.memoCount);
        for (Object m : memoValues) {
            if (!shareable(m)) {
                return;
            }
        }
        spans[spanSlot(dec.buf, start, dec.end)] = new Span(Arrays.copyOfRange(dec.buf, start, dec.pos), value, depth,
                memoValues, Arrays.copyOfRange(dec.memoDepths, memoStart, dec.memoCount));
    }

    /** A hash of up to the first 48 bytes at {@code start} (whole words only). */
    private static int spanSlot(byte[] buf, int start, int end) {
        long h = 0;
        for (int at = start; at + 8 <= end && at < start + 48; at += 8) {
            h = (h + (long) FastPath.LONGS_LE.get(buf, at)) * MIX;
        }
        return (int) (h >>> (64 - BITS));
    }

    /** Values the decoder makes that nothing can change, so one instance may stand for every decode of a span. */
    private static boolean shareable(Object v) {
        if (v == null || v == PickleDecoder.MEMO_NONE || v == PickleDecoder.ZoneInfoUnpickle.INSTANCE) {
            return true;
        }
        Class<?> k = v.getClass();
        if (k == String.class || k == PyGlobal.class || k == Long.class || k == Double.class || k == Boolean.class
                || v instanceof Enum<?> || v instanceof java.time.ZoneId) {
            return true;
        }
        if (k == PyTuple.class) {
            PyTuple t = (PyTuple) v;
            for (int i = 0; i < t.size(); i++) {
                if (!shareable(t.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return k == PyEnum.class && shareable(((PyEnum) v).valueOrName());
    }

    /** A remembered span: its bytes, its value and nesting depth, and the memo entries it writes. */
    private record Span(byte[] bytes, Object value, int depth, Object[] memoValues, int[] memoDepths) {
    }
}
