package io.jtrader.rpc.pickle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The decoder's fast path: a recursive-descent reader for the shapes CPython's pickler writes, tried before the
 * general opcode interpreter. It takes a whole frame ({@link #tryFrame}) or, inside the general interpreter, one object
 * from its NEWOBJ on ({@link #tryObject}). Objects of registered {@link PickleFieldMapper}s are read straight into their
 * {@link PickleFields}: keys matched as bytes in the declared order, numbers unboxed, no {@link PickleDict}, no value
 * stack. The grammar ({@code [memo]} is any MEMOIZE, BINPUT or LONG_BINPUT):
 * <pre>
 * frame  := PROTO [FRAME] value STOP
 * object := [memo] EMPTY_DICT [memo] (MARK (key value)* SETITEMS | key value SETITEM)* BUILD      (after NEWOBJ)
 * key    := SHORT_BINUNICODE/BINUNICODE [memo] | BINGET/LONG_BINGET of a str
 * value  := scalar, str or bytes [memo] | BINGET | GLOBAL | EMPTY_TUPLE [memo]
 *         | value value STACK_GLOBAL [memo]                a class or function
 *         | global EMPTY_TUPLE [memo] NEWOBJ object        an object (of any class: the general completion)
 *         | callable args REDUCE [memo]                    enum members, datetimes, zones (the decoder's allow-list)
 *         | EMPTY_LIST [memo] (MARK items APPENDS | value APPEND)*
 *         | EMPTY_DICT [memo] (MARK items SETITEMS | value value SETITEM)*
 *         | MARK items TUPLE [memo]
 * items  := (value | TUPLE1..3 [memo] combining the last 1..3 items)*
 * args   := EMPTY_TUPLE | value TUPLE1 | value value TUPLE2 | value value value TUPLE3 | MARK value* TUPLE, then [memo]
 * </pre>
 * Every rule reads a stretch of opcodes that leaves exactly one value and touches nothing beneath it, so what this
 * reader accepts, the general interpreter computes the same from the same bytes; it checks the same limits (nesting
 * depth, collection sizes, memo indexes) and seals containers as nesting them would. On anything else, including every
 * error, it declines: a declined object has its memo writes undone and the general interpreter reads it from the
 * NEWOBJ on; a declined frame is read afresh. Errors are always reported by the general interpreter.
 *
 * <p>Two shortcuts keep the common case cheap: entries of the commonest shapes (the expected key, then an int, float,
 * None or short str) are read in one loop over local copies of the position ({@link #simpleEntries}), and spans led by
 * a class reference that repeat byte for byte are replayed from the {@link SpanCache}.
 *
 * <p>One instance per decoder; not thread-safe.
 */
final class FastPath {
    /**
     * The memo entry of a state dict that was never built. Python's pickler never refers back to an object's state
     * dict; a frame that does is decoded again without the fast path.
     */
    static final Object STREAMED_STATE = new Object();
    private static final int MAX_NESTING = 16;
    /** Deepest recursion of {@link #value}; deeper frames take the (iterative) general interpreter. */
    private static final int MAX_RECURSION = 48;
    /** Returned by {@link #tryFrame} when it declines. */
    static final Object DECLINED = new Object();
    private static final int MAX_MARK_ARGS = 8;
    private static final VarHandle LONGS_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONGS_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Decline DECLINE = new Decline();

    private final PickleDecoder d;
    private PickleFields[] fieldsByLevel = new PickleFields[4];
    private int nesting;
    private int recursion;
    /** Nesting depth of the value just read (the general interpreter's measure, for its limit). */
    private int lastDepth;
    /** The key just read when it is not declared by the mapper. */
    private String extraKey;
    private final SpanCache spans;
    /** BINGETs read so far: a span that reads the memo depends on more than its bytes. */
    private long memoReads;
    // Memo writes of the current attempt, undone when it declines. MEMOIZEs into fresh slots (all CPython writes)
    // fill [memoCountAtStart, freshEnd) and need no log; from the first other write on, every write is logged.
    private int freshEnd = -1;
    private int[] undoIndexes = new int[64];
    private int[] undoDepths = new int[64];
    private Object[] undoValues = new Object[64];
    private int undoCount;
    private boolean undoHasValues;
    /** Frames and objects taken whole by the fast path, and attempts it gave back (for tests). */
    long framesAccepted;
    long framesDeclined;
    long accepted;
    long declined;

    FastPath(PickleDecoder decoder) {
        this.d = decoder;
        this.spans = new SpanCache(decoder);
    }

    /**
     * The whole frame, {@code PROTO [FRAME] value STOP}, where values may also be lists, dicts and tuples; or
     * {@link #DECLINED}, and the caller reads the frame afresh with the general interpreter.
     */
    Object tryFrame() {
        undoCount = 0;
        freshEnd = -1;
        nesting = 0;
        recursion = 0;
        try {
            expect(Opcodes.PROTO);
            if (d.u8() > 5) {
                throw DECLINE;
            }
            if (peek() == Opcodes.FRAME) {
                d.pos++;
                if (d.u64() != d.end - d.pos) {
                    throw DECLINE; // frames over 64 KiB come in several FRAMEs, at any opcode: not for this reader
                }
            }
            Items top = items(Opcodes.STOP);
            if (top.count != 1 || d.pos != d.end) {
                throw DECLINE;
            }
            framesAccepted++;
            return top.values[0];
        } catch (RuntimeException declinedOrFailed) {
            framesDeclined++;
            return DECLINED;
        } finally {
            clearUndo();
        }
    }

    /**
     * Reads the state of {@code p} (just made by NEWOBJ, the decoder positioned after it) and completes it. False when
     * the frame has another shape: nothing is consumed then.
     */
    boolean tryObject(PickleDecoder.PendingObject p) {
        int start = d.pos;
        int memoCount = d.memoCount;
        undoCount = 0;
        freshEnd = -1;
        nesting = 0;
        recursion = 0;
        try {
            object(p);
            accepted++;
            return true;
        } catch (RuntimeException declinedOrFailed) { // Decline, RpcDecodeException, or a mapper's exception
            declined++;
            for (int i = undoCount - 1; i >= 0; i--) {
                d.memo[undoIndexes[i]] = undoValues[i];
                d.memoDepths[undoIndexes[i]] = undoDepths[i];
            }
            Arrays.fill(d.memo, memoCount, freshEnd < 0 ? d.memoCount : freshEnd, null);
            d.memoCount = memoCount;
            d.pos = start;
            return false;
        } finally {
            clearUndo();
        }
    }

    private void clearUndo() {
        if (undoHasValues) {
            Arrays.fill(undoValues, 0, undoCount, null);
            undoHasValues = false;
        }
        undoCount = 0;
    }

    /** Drops every reference to the last frame's values. */
    void release() {
        for (PickleFields f : fieldsByLevel) {
            if (f != null) {
                f.release();
            }
        }
    }

    // ---- objects ----

    /** [memo] EMPTY_DICT [memo] (MARK (key value)* SETITEMS | key value SETITEM)* BUILD, after NEWOBJ. */
    private Object object(PickleDecoder.PendingObject p) {
        memoize(p, 1);
        expect(Opcodes.EMPTY_DICT);
        memoize(STREAMED_STATE, 1);
        if (++nesting > MAX_NESTING) {
            throw DECLINE;
        }
        PickleFields.StateKeys keys = p.entry.keys;
        PickleFields f = fields(nesting);
        f.reset(keys.size());
        f.expectedSlot = 0;
        f.stateDepth = 1;
        f.entries = 0;
        for (int op = d.u8(); op != Opcodes.BUILD; op = d.u8()) {
            if (op == Opcodes.MARK) {
                for (op = simpleEntries(f, keys); op != Opcodes.SETITEMS; op = simpleEntries(f, keys)) {
                    entry(op, f, keys);
                }
            } else {
                entry(op, f, keys);
                expect(Opcodes.SETITEM);
            }
        }
        Object result = p.entry.fieldMapper.fromFields(f);
        f.release();
        nesting--;
        if (result == null || PickleDecoder.container(result) != null) {
            throw DECLINE;
        }
        p.built = true;
        p.result = result;
        p.resultDepth = f.stateDepth;
        return result;
    }

    /** An object of a class without a field mapper: [memo] state dict BUILD, completed as the general interpreter does. */
    private Object objectWithDict(PickleDecoder.PendingObject p) {
        memoize(p, 1);
        expect(Opcodes.EMPTY_DICT);
        PickleDict state = dict();
        expect(Opcodes.BUILD);
        return d.complete(p, state, Math.max(lastDepth, state.depth()));
    }

    private PickleFields fields(int level) {
        if (level >= fieldsByLevel.length) {
            fieldsByLevel = Arrays.copyOf(fieldsByLevel, level * 2);
        }
        PickleFields f = fieldsByLevel[level];
        if (f == null) {
            f = new PickleFields();
            fieldsByLevel[level] = f;
        }
        return f;
    }

    /**
     * Reads entries of the commonest shapes (the expected key as SHORT_BINUNICODE + MEMOIZE, then an int or float that
     * is not memoized, a None, or a short str + MEMOIZE that is not a module name) in one loop over local copies of
     * the position, with one bounds check per entry. Stops before the first entry of any other shape, and returns the
     * next opcode (consumed).
     */
    private int simpleEntries(PickleFields f, PickleFields.StateKeys keys) {
        PickleDecoder dec = d;
        byte[] buf = dec.buf;
        int end = dec.end;
        int pos = dec.pos;
        int slot = f.expectedSlot;
        int entries = f.entries;
        byte[] kinds = f.kinds;
        long[] bits = f.bits;
        Object[] objects = f.objects;
        String[] names = keys.names;
        int[] lengths = keys.lengths;
        long[] words = keys.words;
        Object[] memo = dec.memo;
        int[] memoDepths = dec.memoDepths;
        int memoCount = dec.memoCount;
        int memoLimit = freshEnd < 0 ? Math.min(Math.min(memo.length, memoDepths.length), dec.maxMemoEntries) : 0;
        int entryLimit = dec.maxCollectionSize;
        while (slot < names.length && pos + 18 <= end && (buf[pos] & 0xff) == Opcodes.SHORT_BINUNICODE) {
            int n = buf[pos + 1] & 0xff;
            int at = pos + 2 + n; // the key's MEMOIZE, then the value
            int w = 4 * slot;
            if (n != lengths[slot] || n > 16 || at + 11 > end || memoCount >= memoLimit || memo[memoCount] != null
                    || entries >= entryLimit || (buf[at] & 0xff) != Opcodes.MEMOIZE
                    || ((long) LONGS_LE.get(buf, pos + 2) & words[w + 1]) != words[w]
                    || ((long) LONGS_LE.get(buf, pos + 10) & words[w + 3]) != words[w + 2]) {
                break;
            }
            int op = buf[at + 1] & 0xff;
            long value;
            int next;
            byte kind = PickleFields.LONG;
            if (op == Opcodes.BINFLOAT) {
                value = (long) LONGS_BE.get(buf, at + 2);
                next = at + 10;
                kind = PickleFields.DOUBLE;
            } else if (op == Opcodes.BININT1) {
                value = buf[at + 2] & 0xff;
                next = at + 3;
            } else if (op == Opcodes.BININT2) {
                value = (buf[at + 2] & 0xff) | (buf[at + 3] & 0xff) << 8;
                next = at + 4;
            } else if (op == Opcodes.BININT) {
                value = (buf[at + 2] & 0xff) | (buf[at + 3] & 0xff) << 8 | (buf[at + 4] & 0xff) << 16 | buf[at + 5] << 24;
                next = at + 6;
            } else if (op == Opcodes.SHORT_BINUNICODE) {
                int m = buf[at + 2] & 0xff;
                next = at + 3 + m; // the str's MEMOIZE
                if (next + 2 > end || (buf[next] & 0xff) != Opcodes.MEMOIZE || memoCount + 1 >= memoLimit
                        || memo[memoCount + 1] != null || isGlobalName(next + 1)) {
                    break;
                }
                String s = dec.stringAt(at + 3, m);
                memo[memoCount] = names[slot];
                memoDepths[memoCount] = 0;
                memo[memoCount + 1] = s;
                memoDepths[memoCount + 1] = 0;
                memoCount += 2;
                kinds[slot] = PickleFields.OBJECT;
                objects[slot] = s;
                entries++;
                slot++;
                pos = next + 1;
                continue;
            } else if (op == Opcodes.NONE) {
                value = 0;
                next = at + 2;
                kind = PickleFields.OBJECT;
            } else {
                break;
            }
            int following = buf[next] & 0xff; // in bounds: at + 11 <= end
            if (following == Opcodes.MEMOIZE || following == Opcodes.BINPUT || following == Opcodes.LONG_BINPUT) {
                break; // a memoized number or None: the general entry boxes it
            }
            memo[memoCount] = names[slot];
            memoDepths[memoCount] = 0;
            memoCount++;
            kinds[slot] = kind;
            bits[slot] = value;
            objects[slot] = null;
            entries++;
            slot++;
            pos = next;
        }
        dec.memoCount = memoCount;
        f.expectedSlot = slot;
        f.entries = entries;
        dec.pos = pos;
        return dec.u8();
    }

    /** One key and its value into {@code f}; {@code op} is the key's first opcode. */
    private void entry(int op, PickleFields f, PickleFields.StateKeys keys) {
        int slot = key(op, f, keys);
        int keyDepth = lastDepth;
        String extra = extraKey;
        value(f, slot, extra);
        int depth = Math.max(keyDepth, lastDepth) + 1;
        if (depth > d.maxDepth || ++f.entries > d.maxCollectionSize) {
            throw DECLINE;
        }
        f.stateDepth = Math.max(f.stateDepth, depth);
        if (slot >= 0) {
            f.expectedSlot = slot + 1;
        }
    }

    /** A str key: its slot, or -1 with the key in {@link #extraKey}. The key expected next is tried first. */
    private int key(int op, PickleFields f, PickleFields.StateKeys keys) {
        int slot;
        String name;
        lastDepth = 0;
        if (op == Opcodes.SHORT_BINUNICODE || op == Opcodes.BINUNICODE) {
            int n = op == Opcodes.SHORT_BINUNICODE ? d.u8() : d.length(d.u32());
            d.need(n);
            int start = d.pos;
            int expected = f.expectedSlot;
            slot = expected < keys.size() && keys.matches(expected, d.buf, start, n) ? expected
                    : keys.find(d.buf, start, n);
            if (slot >= 0) {
                d.pos = start + n;
                name = keys.name(slot);
            } else {
                name = d.readString(n);
            }
        } else if (op == Opcodes.BINGET || op == Opcodes.LONG_BINGET) {
            Object k = memoValue(op == Opcodes.BINGET ? d.u8() : d.memoIndex(d.u32()));
            if (!(k instanceof String s)) {
                throw DECLINE;
            }
            int expected = f.expectedSlot;
            slot = expected < keys.size() && keys.name(expected) == s ? expected : keys.slotOf(s);
            name = s;
        } else {
            throw DECLINE;
        }
        memoize(name, lastDepth);
        extraKey = slot < 0 ? name : null;
        return slot;
    }

    /** The value of one entry into its slot (numbers unboxed) or, for an undeclared key, among the extras. */
    private void value(PickleFields f, int slot, String extra) {
        int op = d.u8();
        long number;
        boolean isDouble = false;
        switch (op) {
            case Opcodes.BINFLOAT:
                d.need(8);
                number = (long) LONGS_BE.get(d.buf, d.pos);
                d.pos += 8;
                isDouble = true;
                break;
            case Opcodes.BININT1:
                number = d.u8();
                break;
            case Opcodes.BININT2:
                number = d.u16();
                break;
            case Opcodes.BININT:
                number = d.i32();
                break;
            default:
                d.pos--;
                Object v = value(true);
                if (slot >= 0) {
                    f.set(slot, v);
                } else {
                    f.addExtra(extra, v);
                }
                return;
        }
        lastDepth = 0;
        if (slot < 0 || isMemoOp(d.pos)) {
            Object boxed = isDouble ? (Object) Double.longBitsToDouble(number) : (Object) number;
            memoize(boxed, 0);
            if (slot < 0) {
                f.addExtra(extra, boxed);
                return;
            }
        }
        if (isDouble) {
            f.setDouble(slot, number);
        } else {
            f.setLong(slot, number);
        }
    }

    // ---- values ----

    /**
     * One value of any shape in the grammar, with {@link #lastDepth} set. {@code call}: a class reference followed by
     * arguments is called (false for the first argument of {@code getattr}, which is the class itself).
     */
    private Object value(boolean call) {
        int start = d.pos;
        boolean classLed = call && peek() == Opcodes.SHORT_BINUNICODE && isGlobalName(afterShortString(start));
        if (classLed && freshEnd < 0) {
            Object replayed = spans.replay(start);
            if (replayed != SpanCache.NONE) {
                lastDepth = spans.replayedDepth;
                return replayed;
            }
        }
        if (++recursion > MAX_RECURSION) {
            throw DECLINE;
        }
        int memoStart = d.memoCount;
        long readsBefore = memoReads;
        Object v;
        int depth = 0;
        int op = d.u8();
        if (op == Opcodes.SHORT_BINUNICODE) {
            v = d.readString(d.u8());
        } else if (op == Opcodes.BINGET) {
            v = memoValue(d.u8());
            depth = lastDepth;
        } else {
            v = primary(op);
            depth = lastDepth;
        }
        memoize(v, depth);
        while (true) {
            if (v instanceof String module && isGlobalName(d.pos)) {
                if (!(value(false) instanceof String name)) {
                    throw DECLINE;
                }
                expect(Opcodes.STACK_GLOBAL);
                v = d.global(module, name);
                depth = 0;
                memoize(v, 0);
            } else if (call && v instanceof PyGlobal g) {
                v = callOrObject(g);
                depth = lastDepth;
            } else if (v == PickleDecoder.ZoneInfoUnpickle.INSTANCE) {
                PyTuple args = args(false);
                expect(Opcodes.REDUCE);
                v = reduce(v, args, lastDepth);
                depth = lastDepth;
            } else {
                break;
            }
        }
        recursion--;
        if (classLed && freshEnd < 0 && memoReads == readsBefore) {
            spans.remember(start, v, depth, memoStart); // it read no memo entry and only MEMOIZEd into fresh slots
        }
        lastDepth = depth;
        return v;
    }

    /** A value that is one opcode (and its operand), other than a short str and BINGET; {@link #lastDepth} set. */
    private Object primary(int op) {
        lastDepth = 0;
        switch (op) {
            case Opcodes.BINFLOAT:
                return Double.longBitsToDouble(d.i64BigEndian());
            case Opcodes.BININT1:
                return (long) d.u8();
            case Opcodes.BININT2:
                return (long) d.u16();
            case Opcodes.BININT:
                return (long) d.i32();
            case Opcodes.LONG1:
                return d.readLong(d.u8());
            case Opcodes.NONE:
                return null;
            case Opcodes.NEWTRUE:
                return Boolean.TRUE;
            case Opcodes.NEWFALSE:
                return Boolean.FALSE;
            case Opcodes.BINUNICODE:
                return d.readString(d.length(d.u32()));
            case Opcodes.SHORT_BINBYTES:
                return d.readBytes(d.u8());
            case Opcodes.BINBYTES:
                return d.readBytes(d.length(d.u32()));
            case Opcodes.EMPTY_TUPLE:
                lastDepth = 1;
                return PyTuple.wrap(PickleDecoder.NO_ITEMS);
            case Opcodes.GLOBAL:
                return d.global(d.readLine(), d.readLine());
            case Opcodes.LONG_BINGET:
                return memoValue(d.memoIndex(d.u32()));
            case Opcodes.EMPTY_LIST:
                return list();
            case Opcodes.EMPTY_DICT:
                return dict();
            case Opcodes.MARK:
                return tuple(items(Opcodes.TUPLE));
            default:
                throw DECLINE;
        }
    }

    /** Whether {@code op} can start a value here (after an empty container: its single APPEND/SETITEM form). */
    private static boolean isValueStart(int op) {
        switch (op) {
            case Opcodes.SHORT_BINUNICODE:
            case Opcodes.BINUNICODE:
            case Opcodes.BINGET:
            case Opcodes.LONG_BINGET:
            case Opcodes.BINFLOAT:
            case Opcodes.BININT:
            case Opcodes.BININT1:
            case Opcodes.BININT2:
            case Opcodes.LONG1:
            case Opcodes.NONE:
            case Opcodes.NEWTRUE:
            case Opcodes.NEWFALSE:
            case Opcodes.SHORT_BINBYTES:
            case Opcodes.BINBYTES:
            case Opcodes.EMPTY_TUPLE:
            case Opcodes.EMPTY_LIST:
            case Opcodes.EMPTY_DICT:
            case Opcodes.GLOBAL:
                return true;
            default:
                return false;
        }
    }

    // ---- containers ----

    /** EMPTY_LIST [memo] (MARK value* APPENDS | value APPEND)*, sealed as nesting it would seal it. */
    private PickleList list() {
        PickleList list = new PickleList();
        memoize(list, 1);
        for (int op = peek(); ; op = peek()) {
            if (op == Opcodes.MARK) {
                d.pos++;
                Items it = items(Opcodes.APPENDS);
                if (list.size() + it.count > d.maxCollectionSize) {
                    throw DECLINE;
                }
                list.ensureRoom(it.count);
                for (int i = 0; i < it.count; i++) {
                    append(list, it.values[i], it.depths[i]);
                }
            } else if (isValueStart(op)) {
                Object v = value(true);
                expect(Opcodes.APPEND);
                append(list, v, lastDepth);
            } else {
                break;
            }
        }
        list.seal();
        lastDepth = list.depth();
        return list;
    }

    private void append(PickleList list, Object item, int depth) {
        if (depth + 1 > d.maxDepth || list.size() >= d.maxCollectionSize) {
            throw DECLINE;
        }
        list.addDecoded(item, depth);
    }

    /** EMPTY_DICT [memo] (MARK (key value)* SETITEMS | key value SETITEM)*, sealed. */
    private PickleDict dict() {
        PickleDict dict = new PickleDict();
        memoize(dict, 1);
        for (int op = peek(); ; op = peek()) {
            if (op == Opcodes.MARK) {
                d.pos++;
                Items it = items(Opcodes.SETITEMS);
                if ((it.count & 1) != 0 || dict.entryCount() + it.count / 2 > d.maxCollectionSize) {
                    throw DECLINE;
                }
                dict.ensureRoom(it.count / 2);
                for (int i = 0; i < it.count; i += 2) {
                    put(dict, it.values[i], it.values[i + 1], Math.max(it.depths[i], it.depths[i + 1]));
                }
            } else if (isValueStart(op)) {
                Object key = value(true);
                int keyDepth = lastDepth;
                Object v = value(true);
                expect(Opcodes.SETITEM);
                put(dict, key, v, Math.max(keyDepth, lastDepth));
            } else {
                break;
            }
        }
        dict.seal();
        lastDepth = dict.depth();
        return dict;
    }

    private void put(PickleDict dict, Object key, Object value, int depth) {
        if (depth + 1 > d.maxDepth || dict.entryCount() >= d.maxCollectionSize) {
            throw DECLINE;
        }
        dict.putDecoded(key, value, depth);
    }

    /** A tuple of items (MARK ... TUPLE), its depth in {@link #lastDepth}. */
    private PyTuple tuple(Items it) {
        int depth = 0;
        for (int i = 0; i < it.count; i++) {
            depth = Math.max(depth, it.depths[i]);
        }
        if (depth + 1 > d.maxDepth || it.count > d.maxCollectionSize) {
            throw DECLINE;
        }
        lastDepth = depth + 1;
        return PyTuple.wrap(it.count == 0 ? PickleDecoder.NO_ITEMS : Arrays.copyOf(it.values, it.count));
    }

    /** The values after a MARK (or in the frame) up to {@code terminator}, consumed; TUPLE1..3 combine the last ones. */
    private Items items(int terminator) {
        Items it = new Items();
        for (int op = peek(); op != terminator; op = peek()) {
            if (op >= Opcodes.TUPLE1 && op <= Opcodes.TUPLE3) {
                d.pos++;
                int n = op - Opcodes.TUPLE1 + 1;
                if (it.count < n) {
                    throw DECLINE;
                }
                Items last = new Items();
                for (int i = it.count - n; i < it.count; i++) {
                    last.add(it.values[i], it.depths[i]);
                }
                it.count -= n;
                PyTuple t = tuple(last);
                int depth = lastDepth;
                memoize(t, depth);
                it.add(t, depth);
            } else {
                Object v = value(true);
                it.add(v, lastDepth);
            }
        }
        d.pos++;
        return it;
    }

    /** A growable run of values and their depths. */
    private static final class Items {
        Object[] values = new Object[4];
        int[] depths = new int[4];
        int count;

        void add(Object v, int depth) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
                depths = Arrays.copyOf(depths, count * 2);
            }
            values[count] = v;
            depths[count] = depth;
            count++;
        }
    }

    /** After a class reference: a nested object (EMPTY_TUPLE NEWOBJ ...) or a call (args REDUCE). */
    private Object callOrObject(PyGlobal g) {
        if (peek() == Opcodes.EMPTY_TUPLE) {
            d.pos++;
            PyTuple none = PyTuple.wrap(PickleDecoder.NO_ITEMS);
            memoize(none, 1);
            int op = d.u8();
            if (op == Opcodes.NEWOBJ) {
                PickleDecoder.PendingObject p = new PickleDecoder.PendingObject(g.module(), g.name(), d.classEntry(g));
                Object result = p.entry != null && p.entry.keys != null ? object(p) : objectWithDict(p);
                lastDepth = p.resultDepth;
                return result;
            }
            if (op != Opcodes.REDUCE) {
                throw DECLINE;
            }
            return reduce(g, none, 1);
        }
        boolean getattr = g.name().equals("getattr") && g.module().equals("builtins");
        PyTuple args = args(getattr);
        expect(Opcodes.REDUCE);
        return reduce(g, args, lastDepth);
    }

    /** A tuple of 1 to 3 values (TUPLE1..3) or of up to 8 after a MARK; {@link #lastDepth} is the tuple's. */
    private PyTuple args(boolean firstIsData) {
        Object[] items;
        int depth = 0;
        if (peek() == Opcodes.MARK) {
            d.pos++;
            Object[] read = new Object[MAX_MARK_ARGS];
            int n = 0;
            while (peek() != Opcodes.TUPLE) {
                if (n == MAX_MARK_ARGS) {
                    throw DECLINE;
                }
                read[n] = value(n > 0 || !firstIsData);
                depth = Math.max(depth, lastDepth);
                n++;
            }
            d.pos++;
            items = Arrays.copyOf(read, n);
        } else {
            Object a = value(!firstIsData);
            depth = lastDepth;
            int op = d.u8();
            if (op == Opcodes.TUPLE1) {
                items = new Object[] {a};
            } else {
                d.pos--;
                Object b = value(true);
                depth = Math.max(depth, lastDepth);
                op = d.u8();
                if (op == Opcodes.TUPLE2) {
                    items = new Object[] {a, b};
                } else {
                    d.pos--;
                    Object c = value(true);
                    depth = Math.max(depth, lastDepth);
                    expect(Opcodes.TUPLE3);
                    items = new Object[] {a, b, c};
                }
            }
        }
        depth++;
        if (depth > d.maxDepth) {
            throw DECLINE;
        }
        PyTuple tuple = PyTuple.wrap(items);
        memoize(tuple, depth);
        lastDepth = depth;
        return tuple;
    }

    /** REDUCE as the general interpreter does it: a registered enum by value, or the decoder's allow-list. */
    private Object reduce(Object callable, PyTuple args, int argsDepth) {
        Object result;
        if (callable instanceof PyGlobal g) {
            PickleTypeRegistry.EnumEntry en = d.enumEntry(g);
            result = en != null && args.size() == 1 ? en.fromValue(args.get(0)) : d.call(g, args);
        } else {
            String what = "zoneinfo.ZoneInfo._unpickle";
            result = d.zone(d.stringArg(args, 0, what), what);
        }
        if (result == null || PickleDecoder.container(result) != null) {
            throw DECLINE;
        }
        lastDepth = Math.min(argsDepth, d.maxDepth);
        memoize(result, lastDepth);
        return result;
    }

    // ---- memo and bytes ----

    /** BINGET as the general interpreter does it; declines on containers (they would have to be sealed). */
    private Object memoValue(int index) {
        memoReads++;
        Object v = index < d.memo.length ? d.memo[index] : null;
        if (v == null || v == STREAMED_STATE) {
            throw DECLINE;
        }
        int depth = d.memoDepths[index];
        if (v == PickleDecoder.MEMO_NONE) {
            v = null;
        } else if (v instanceof PickleDecoder.PendingObject p) {
            if (!p.built) {
                throw DECLINE;
            }
            v = p.result;
            depth = p.resultDepth;
        } else if (PickleDecoder.container(v) != null) {
            throw DECLINE;
        }
        lastDepth = depth;
        return v;
    }

    /** Applies any MEMOIZE/BINPUT/LONG_BINPUT that follow (a MEMOIZE into a fresh slot without logging it). */
    private void memoize(Object v, int depth) {
        PickleDecoder dec = d;
        int at = dec.pos;
        if (at < dec.end && (dec.buf[at] & 0xff) == Opcodes.MEMOIZE && freshEnd < 0) {
            int index = dec.memoCount;
            Object[] memo = dec.memo;
            if (index < memo.length && index < dec.maxMemoEntries && memo[index] == null) {
                memo[index] = v == null ? PickleDecoder.MEMO_NONE : v;
                dec.memoDepths[index] = depth;
                dec.memoCount = index + 1;
                dec.pos = at + 1;
                if (!isMemoOp(at + 1)) {
                    return;
                }
            }
        }
        while (isMemoOp(dec.pos)) {
            int op = dec.buf[dec.pos++] & 0xff;
            int index = op == Opcodes.MEMOIZE ? dec.memoCount : op == Opcodes.BINPUT ? dec.u8() : dec.memoIndex(dec.u32());
            if (index >= dec.maxMemoEntries) {
                throw DECLINE;
            }
            logWrite(index);
            dec.memoStore(index, v, depth);
        }
    }

    private void logWrite(int index) {
        if (freshEnd < 0) {
            freshEnd = d.memoCount;
        }
        if (undoCount == undoIndexes.length) {
            undoIndexes = Arrays.copyOf(undoIndexes, undoCount * 2);
            undoDepths = Arrays.copyOf(undoDepths, undoCount * 2);
            undoValues = Arrays.copyOf(undoValues, undoCount * 2);
        }
        boolean known = index < d.memo.length;
        Object old = known ? d.memo[index] : null;
        undoIndexes[undoCount] = index;
        undoDepths[undoCount] = known ? d.memoDepths[index] : 0;
        if (old != null) {
            undoValues[undoCount] = old;
            undoHasValues = true;
        }
        undoCount++;
    }

    private boolean isMemoOp(int at) {
        if (at >= d.end) {
            return false;
        }
        int op = d.buf[at] & 0xff;
        return op == Opcodes.MEMOIZE || op == Opcodes.BINPUT || op == Opcodes.LONG_BINPUT;
    }

    /** Whether a str (or BINGET), any memo opcodes and STACK_GLOBAL follow at {@code at}: a class reference. */
    private boolean isGlobalName(int at) {
        if (at >= d.end) {
            return false;
        }
        int op = d.buf[at] & 0xff;
        long next;
        if (op == Opcodes.SHORT_BINUNICODE) {
            next = at + 1 < d.end ? at + 2L + (d.buf[at + 1] & 0xff) : Long.MAX_VALUE;
        } else if (op == Opcodes.BINGET) {
            next = at + 2L;
        } else {
            return false;
        }
        while (next < d.end) {
            int n = d.buf[(int) next] & 0xff;
            if (n == Opcodes.STACK_GLOBAL) {
                return true;
            }
            if (n == Opcodes.MEMOIZE) {
                next++;
            } else if (n == Opcodes.BINPUT) {
                next += 2;
            } else {
                return false;
            }
        }
        return false;
    }

    /** The position after the SHORT_BINUNICODE at {@code at} and a MEMOIZE following it, if any. */
    private int afterShortString(int at) {
        if (at + 1 >= d.end) {
            return d.end;
        }
        int after = at + 2 + (d.buf[at + 1] & 0xff);
        return after < d.end && (d.buf[after] & 0xff) == Opcodes.MEMOIZE ? after + 1 : after;
    }

    private int peek() {
        return d.pos < d.end ? d.buf[d.pos] & 0xff : -1;
    }

    private void expect(int opcode) {
        if (d.u8() != opcode) {
            throw DECLINE;
        }
    }

    /** The fast path gives up on this object; the general interpreter takes it. */
    static final class Decline extends RuntimeException {
        Decline() {
            super("declined", null, false, false);
        }
    }

    /** A frame that needs a state dict the fast path did not build: decode it again without the fast path. */
    static final class Restart extends RuntimeException {
        static final Restart INSTANCE = new Restart();

        private Restart() {
            super("restart without the fast path", null, false, false);
        }
    }
}
