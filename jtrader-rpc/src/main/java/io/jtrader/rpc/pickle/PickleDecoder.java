package io.jtrader.rpc.pickle;

import io.jtrader.rpc.RpcDecodeException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One decode of one frame: an iterative pickle virtual machine that builds values and never calls anything.
 * Calls ({@code REDUCE}) are interpreted only for the allow-list described in {@link PickleCodec}. Unless the config
 * turns it off, the {@link FastPath} tries the frame first, and each object of a registered field mapper that the
 * interpreter meets. Not thread-safe; a new instance (or a reset one) per frame.
 */
final class PickleDecoder {
    /** A None stored in the memo (an empty memo slot is null). */
    static final Object MEMO_NONE = new Object();
    private static final int INITIAL_STACK = 32;
    private static final int INITIAL_MEMO = 64;
    private static final int MAX_RETAINED_CAPACITY = 4096;
    private static final int MAX_GLOBAL_LINE = 1024;
    private static final int MAX_LONG_BYTES = 1024;
    private static final int MAX_CACHED_ZONES = 512;
    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();
    static final Object[] NO_ITEMS = new Object[0];
    private static final int MAX_CACHED_STRING = 31;
    private static final int STRING_CACHE_BITS = 10;
    private static final int STRING_CACHE_SIZE = 1 << STRING_CACHE_BITS;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int GLOBAL_CACHE_SIZE = 64;

    private final PickleTypeRegistry registry;
    /** Null when the config turns the fast path off. */
    private final FastPath fastPath;
    /** Whether this run of the frame may use the fast path (not after a restart). */
    private boolean fastPathOn;
    final int maxDepth;
    final int maxMemoEntries;
    final int maxCollectionSize;

    /** Set by the owning codec while a decode runs on this instance. */
    boolean inUse;
    byte[] buf;
    int pos;
    int end;
    private int opStart;
    private int opcode;

    // The two reference arrays are allocated afresh for every frame (see decode); the int arrays are kept.
    private Object[] stack;
    private int[] depths = new int[INITIAL_STACK];
    private int stackCapacity = INITIAL_STACK;
    private int top;
    private int[] marks = new int[16];
    private int markTop;
    Object[] memo;
    int[] memoDepths = new int[INITIAL_MEMO];
    private int memoCapacity = INITIAL_MEMO;
    int memoCount;
    private final String[] strings = new String[STRING_CACHE_SIZE];
    private final long[] stringWords = new long[STRING_CACHE_SIZE * 4];
    private final GlobalRef[] globals = new GlobalRef[GLOBAL_CACHE_SIZE];

    PickleDecoder(PickleTypeRegistry registry, PickleCodecConfig config) {
        this.registry = registry;
        this.maxDepth = config.maxDepth();
        this.maxMemoEntries = config.maxMemoEntries();
        this.maxCollectionSize = config.maxCollectionSize();
        this.fastPath = config.fastPath() ? new FastPath(this) : null;
    }

    /**
     * Decodes one whole frame. Resets all state first, so an instance can be reused after any outcome. If the frame
     * reaches back (BINGET) to a state dict that the fast path never built, it is read again without the fast path.
     */
    Object decode(byte[] frame) {
        try {
            return run(frame, fastPath != null);
        } catch (FastPath.Restart restart) {
            return run(frame, false);
        }
    }

    private Object run(byte[] frame, boolean withFastPath) {
        fastPathOn = withFastPath;
        buf = frame;
        pos = 0;
        end = frame.length;
        opStart = 0;
        opcode = -1;
        // Fresh (young) arrays for the values of this frame. A decoder lives long and is soon in the old
        // generation; with G1 every store of a new value into an old array runs the card-marking barrier's
        // StoreLoad fence (~10 ns each, several hundred stores per tick event), while stores into a young array
        // skip it. Allocating ~0.5 KB per frame is far cheaper than that (measured: see docs/benchmarks.md).
        // A value takes at least one byte and a MEMOIZE one more: small frames get small arrays.
        int bound = Math.max(8, frame.length >>> 1);
        memo = new Object[Math.min(memoCapacity, bound)];
        try {
            if (withFastPath) {
                Object value = fastPath.tryFrame();
                if (value != FastPath.DECLINED) {
                    return value;
                }
                pos = 0;
                memoCount = 0;
                memo = new Object[memo.length];
            }
            stack = new Object[Math.min(stackCapacity, bound)];
            while (pos < end) {
                opStart = pos;
                opcode = buf[pos++] & 0xff;
                if (opcode == Opcodes.STOP) {
                    return finish();
                }
                step();
            }
            throw error("the frame ends without a STOP opcode (truncated?)");
        } finally {
            clear();
        }
    }

    /** The fast path (null when the config turns it off); for tests. */
    FastPath fastPath() {
        return fastPath;
    }

    /** Drops every reference to the frame and its values, so a reused decoder retains nothing. */
    private void clear() {
        buf = null;
        if (stack == null) {
            // the fast path took the whole frame
        } else if (stack.length > MAX_RETAINED_CAPACITY) {
            stackCapacity = INITIAL_STACK;
            depths = new int[INITIAL_STACK];
        } else {
            stackCapacity = Math.max(stackCapacity, stack.length);
        }
        stack = null;
        top = 0;
        markTop = 0;
        if (marks.length > MAX_RETAINED_CAPACITY) {
            marks = new int[16];
        }
        if (memo.length > MAX_RETAINED_CAPACITY) {
            memoCapacity = INITIAL_MEMO;
            memoDepths = new int[INITIAL_MEMO];
        } else {
            memoCapacity = Math.max(memoCapacity, memo.length);
        }
        memo = null;
        memoCount = 0;
        if (fastPath != null) {
            fastPath.release();
        }
    }

    private Object finish() {
        if (markTop != 0) {
            throw error("STOP with " + markTop + " unclosed MARK(s)");
        }
        if (top != 1) {
            throw error(top == 0 ? "STOP with an empty stack" : "STOP with " + top + " values on the stack (expected one)");
        }
        if (pos != end) {
            throw error("trailing garbage: " + (end - pos) + " byte(s) after STOP");
        }
        Object result = consume(0);
        stack[0] = null;
        top = 0;
        return result;
    }

    private void step() {
        switch (opcode) {
            case Opcodes.PROTO: {
                int version = u8();
                if (version > 5) {
                    throw error("unsupported pickle protocol " + version + " (this decoder reads 2 to 5)");
                }
                break;
            }
            case Opcodes.FRAME: {
                long length = u64();
                if (length > end - pos) {
                    throw error("FRAME declares " + length + " bytes but only " + (end - pos) + " follow");
                }
                break;
            }
            case Opcodes.MARK:
                pushMark();
                break;
            case Opcodes.POP:
                if (top > floor()) {
                    consume(top - 1);
                    stack[--top] = null;
                } else {
                    popMark();
                }
                break;
            case Opcodes.POP_MARK:
                truncateTo(popMark());
                break;
            case Opcodes.DUP:
                requireItems(1);
                push(stack[top - 1], depths[top - 1]);
                break;
            case Opcodes.NONE:
                push(null, 0);
                break;
            case Opcodes.NEWTRUE:
                push(Boolean.TRUE, 0);
                break;
            case Opcodes.NEWFALSE:
                push(Boolean.FALSE, 0);
                break;
            case Opcodes.BININT:
                push((long) i32(), 0);
                break;
            case Opcodes.BININT1:
                push((long) u8(), 0);
                break;
            case Opcodes.BININT2:
                push((long) u16(), 0);
                break;
            case Opcodes.LONG1:
                push(readLong(u8()), 0);
                break;
            case Opcodes.LONG4: {
                int n = i32();
                if (n < 0) {
                    throw error("negative LONG4 length " + n);
                }
                push(readLong(n), 0);
                break;
            }
            case Opcodes.BINFLOAT:
                push(Double.longBitsToDouble(i64BigEndian()), 0);
                break;
            case Opcodes.SHORT_BINUNICODE:
                push(readString(u8()), 0);
                break;
            case Opcodes.BINUNICODE:
                push(readString(length(u32())), 0);
                break;
            case Opcodes.BINUNICODE8:
                push(readString(length(u64())), 0);
                break;
            case Opcodes.SHORT_BINBYTES:
                push(readBytes(u8()), 0);
                break;
            case Opcodes.BINBYTES:
                push(readBytes(length(u32())), 0);
                break;
            case Opcodes.BINBYTES8:
            case Opcodes.BYTEARRAY8:
                push(readBytes(length(u64())), 0);
                break;
            case Opcodes.READONLY_BUFFER:
                requireItems(1);
                break;
            case Opcodes.NEXT_BUFFER:
                throw error("out-of-band buffers (NEXT_BUFFER) are not supported");
            case Opcodes.EMPTY_LIST:
                push(new PickleList(), 1);
                break;
            case Opcodes.EMPTY_DICT:
                push(new PickleDict(), 1);
                break;
            case Opcodes.EMPTY_SET:
                push(new PickleSet(false), 1);
                break;
            case Opcodes.EMPTY_TUPLE:
                push(PyTuple.wrap(NO_ITEMS), 1);
                break;
            case Opcodes.TUPLE1:
                makeTuple(top - 1);
                break;
            case Opcodes.TUPLE2:
                makeTuple(top - 2);
                break;
            case Opcodes.TUPLE3:
                makeTuple(top - 3);
                break;
            case Opcodes.TUPLE:
                makeTuple(popMark());
                break;
            case Opcodes.LIST: {
                int mark = popMark();
                PickleList list = new PickleList();
                fillList(list, mark);
                push(list, list.depth());
                break;
            }
            case Opcodes.DICT: {
                int mark = popMark();
                PickleDict dict = new PickleDict();
                fillDict(dict, mark);
                push(dict, dict.depth());
                break;
            }
            case Opcodes.FROZENSET: {
                int mark = popMark();
                PickleSet set = new PickleSet(true);
                fillSet(set, mark);
                push(set, set.depth());
                break;
            }
            case Opcodes.APPEND:
                requireItems(2);
                fillList(target(top - 2, PickleList.class), top - 1);
                break;
            case Opcodes.APPENDS: {
                int mark = popMark();
                requireBelowMark(mark);
                fillList(target(mark - 1, PickleList.class), mark);
                break;
            }
            case Opcodes.SETITEM:
                requireItems(3);
                fillDict(target(top - 3, PickleDict.class), top - 2);
                break;
            case Opcodes.SETITEMS: {
                int mark = popMark();
                requireBelowMark(mark);
                fillDict(target(mark - 1, PickleDict.class), mark);
                break;
            }
            case Opcodes.ADDITEMS: {
                int mark = popMark();
                requireBelowMark(mark);
                fillSet(target(mark - 1, PickleSet.class), mark);
                break;
            }
            case Opcodes.MEMOIZE:
                requireItems(1);
                memoPut(memoCount);
                break;
            case Opcodes.BINPUT:
                requireItems(1);
                memoPut(u8());
                break;
            case Opcodes.LONG_BINPUT:
                requireItems(1);
                memoPut(memoIndex(u32()));
                break;
            case Opcodes.BINGET:
                memoGet(u8());
                break;
            case Opcodes.LONG_BINGET:
                memoGet(memoIndex(u32()));
                break;
            case Opcodes.GLOBAL: {
                String module = readLine();
                String name = readLine();
                push(global(module, name), 0);
                break;
            }
            case Opcodes.STACK_GLOBAL: {
                requireItems(2);
                Object name = stack[top - 1];
                Object module = stack[top - 2];
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw error("STACK_GLOBAL needs two strings, got " + typeName(module) + " and " + typeName(name));
                }
                truncateTo(top - 2);
                push(global(m, n), 0);
                break;
            }
            case Opcodes.REDUCE:
                reduce();
                break;
            case Opcodes.NEWOBJ:
                newObject(false);
                break;
            case Opcodes.NEWOBJ_EX:
                newObject(true);
                break;
            case Opcodes.BUILD:
                build();
                break;
            default:
                throw error("unsupported or unknown opcode");
        }
    }

    // ---- stack, marks, memo ----

    private void push(Object value, int depth) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
            if (depths.length < top * 2) {
                depths = Arrays.copyOf(depths, top * 2);
            }
        }
        stack[top] = value;
        depths[top++] = depth;
    }

    private int floor() {
        return markTop == 0 ? 0 : marks[markTop - 1];
    }

    private void requireItems(int n) {
        if (top - floor() < n) {
            throw error("stack underflow: needs " + n + " value(s), " + (top - floor()) + " available");
        }
    }

    private void requireBelowMark(int mark) {
        if (mark - floor() < 1) {
            throw error("stack underflow: no container below the MARK");
        }
    }

    private void pushMark() {
        if (markTop == marks.length) {
            marks = Arrays.copyOf(marks, markTop * 2);
        }
        marks[markTop++] = top;
    }

    private int popMark() {
        if (markTop == 0) {
            throw error("no MARK on the stack");
        }
        return marks[--markTop];
    }

    private void truncateTo(int newTop) {
        Arrays.fill(stack, newTop, top, null);
        top = newTop;
    }

    private int depthAt(int i) {
        Container c = container(stack[i]);
        return c != null ? c.depth() : depths[i];
    }

    /**
     * The value as a decoder container, or null. Tests exact (final) classes: an {@code instanceof} on an
     * interface misses the secondary-supers cache for every String/Long/Double on JDK 17 and costs ~10 ns.
     */
    static Container container(Object v) {
        if (v == null) {
            return null;
        }
        Class<?> k = v.getClass();
        return k == PickleList.class || k == PickleDict.class || k == PickleSet.class ? (Container) v : null;
    }

    int memoIndex(long index) {
        if (index >= maxMemoEntries || index >= end) {
            throw error("memo index " + index + " is out of range (limit " + Math.min(maxMemoEntries, end) + ")");
        }
        return (int) index;
    }

    private void memoPut(int index) {
        memoStore(index, stack[top - 1], depths[top - 1]);
    }

    /** Stores a value (null for None) and its nesting depth in the memo. */
    void memoStore(int index, Object v, int depth) {
        if (index >= maxMemoEntries) {
            throw error("more than " + maxMemoEntries + " memo entries");
        }
        if (index >= memo.length) {
            int capacity = Math.max(index + 1, Math.min(memo.length * 2, maxMemoEntries));
            memo = Arrays.copyOf(memo, capacity);
            if (memoDepths.length < capacity) {
                memoDepths = Arrays.copyOf(memoDepths, capacity);
            }
        }
        if (memo[index] == null) {
            memoCount++;
        }
        memo[index] = v == null ? MEMO_NONE : v;
        memoDepths[index] = depth;
    }

    private void memoGet(int index) {
        Object v = index < memo.length ? memo[index] : null;
        if (v == null) {
            throw error("memo index " + index + " was never stored");
        }
        if (v == MEMO_NONE) {
            v = null;
        } else if (v == FastPath.STREAMED_STATE) {
            throw FastPath.Restart.INSTANCE;
        }
        int depth = memoDepths[index];
        if (v instanceof PendingObject p) {
            if (!p.built) {
                throw error("reference to a " + p.qualifiedName() + " before its state was set (recursive objects are not supported)");
            }
            v = p.result;
            depth = p.resultDepth;
        }
        push(v, depth);
    }

    /** Takes the value at {@code i} out to nest it somewhere: seals containers, finalises pending objects. */
    private Object consume(int i) {
        Object v = stack[i];
        if (v == null) {
            return null;
        }
        Class<?> k = v.getClass();
        if (k == String.class || k == Long.class || k == Double.class) {
            return v;
        }
        Container c = container(v);
        if (c != null) {
            c.seal();
        } else if (k == PendingObject.class) {
            v = finishObject((PendingObject) v, i);
        } else if (k == ZoneInfoUnpickle.class) {
            throw error("zoneinfo.ZoneInfo._unpickle can only be called, not stored as a value");
        }
        return v;
    }

    private int checkDepth(int depth) {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels");
        }
        return depth;
    }

    // ---- containers ----

    @SuppressWarnings("unchecked")
    private <T> T target(int i, Class<T> type) {
        Object v = stack[i];
        if (!type.isInstance(v)) {
            throw error("expected a " + type.getSimpleName() + " to add to, found " + typeName(v));
        }
        if (v instanceof PickleList l && l.isSealed() || v instanceof PickleDict d && d.isSealed()
                || v instanceof PickleSet s && s.isSealed()) {
            throw error("a container is modified after being nested (recursive structures are not supported)");
        }
        return (T) v;
    }

    private void fillList(PickleList list, int from) {
        if (list.size() + (top - from) > maxCollectionSize) {
            throw error("a list with more than " + maxCollectionSize + " items");
        }
        list.ensureRoom(top - from);
        for (int i = from; i < top; i++) {
            int d = depthAt(i);
            Object item = consume(i);
            checkDepth(d + 1);
            list.addDecoded(item, d);
        }
        if (list.isSealed()) {
            throw error("a list is added to itself (recursive structures are not supported)");
        }
        truncateTo(from);
    }

    private void fillDict(PickleDict dict, int from) {
        int n = top - from;
        if ((n & 1) != 0) {
            throw error("odd number of values (" + n + ") for dict items");
        }
        if (dict.entryCount() + n / 2 > maxCollectionSize) {
            throw error("a dict with more than " + maxCollectionSize + " items");
        }
        dict.ensureRoom(n / 2);
        for (int i = from; i < top; i += 2) {
            int d = Math.max(depthAt(i), depthAt(i + 1));
            Object key = consume(i);
            Object value = consume(i + 1);
            checkDepth(d + 1);
            dict.putDecoded(key, value, d);
        }
        if (dict.isSealed()) {
            throw error("a dict is added to itself (recursive structures are not supported)");
        }
        truncateTo(from);
    }

    private void fillSet(PickleSet set, int from) {
        if (set.size() + (top - from) > maxCollectionSize) {
            throw error("a set with more than " + maxCollectionSize + " items");
        }
        for (int i = from; i < top; i++) {
            int d = depthAt(i);
            Object item = consume(i);
            checkDepth(d + 1);
            set.addDecoded(item, d);
        }
        if (set.isSealed()) {
            throw error("a set is added to itself (recursive structures are not supported)");
        }
        truncateTo(from);
    }

    private void makeTuple(int from) {
        if (from < floor()) {
            throw error("stack underflow: not enough values for a tuple");
        }
        int n = top - from;
        if (n > maxCollectionSize) {
            throw error("a tuple with more than " + maxCollectionSize + " items");
        }
        Object[] items = n == 0 ? NO_ITEMS : new Object[n];
        int depth = 0;
        for (int i = 0; i < n; i++) {
            depth = Math.max(depth, depthAt(from + i));
            items[i] = consume(from + i);
        }
        truncateTo(from);
        push(PyTuple.wrap(items), checkDepth(depth + 1));
    }

    // ---- objects ----

    Object global(String module, String name) {
        // Frames name the same few globals again and again, with the same (cached) string instances: reuse
        // the immutable reference and its class lookup instead of allocating and hashing for each.
        GlobalRef cached = globals[globalSlot(module, name)];
        if (cached != null && cached.module() == module && cached.name() == name) {
            return cached.global();
        }
        String m = module;
        if (m.equals("__builtin__")) {
            m = "builtins";
        } else if (m.equals("copy_reg")) {
            m = "copyreg";
        }
        PyGlobal g = new PyGlobal(m, name);
        globals[globalSlot(module, name)] = new GlobalRef(module, name, g, registry.classFor(m, name), registry.enumFor(m, name));
        return g;
    }

    private static int globalSlot(String module, String name) {
        int h = module.hashCode() * 31 + name.hashCode();
        return (h ^ (h >>> 7)) & (GLOBAL_CACHE_SIZE - 1);
    }

    /** The registered class of a global, from the cache when {@link #global} has just seen it. */
    PickleTypeRegistry.ClassEntry classEntry(PyGlobal g) {
        GlobalRef ref = globals[globalSlot(g.module(), g.name())];
        return ref != null && ref.global == g ? ref.entry : registry.classFor(g.module(), g.name());
    }

    /** The registered enum of a global, from the cache when {@link #global} has just seen it. */
    PickleTypeRegistry.EnumEntry enumEntry(PyGlobal g) {
        GlobalRef ref = globals[globalSlot(g.module(), g.name())];
        return ref != null && ref.global == g ? ref.enumEntry : registry.enumFor(g.module(), g.name());
    }

    /** A global as the frame spelled it, the reference made for it and its registered class (or null). */
    private record GlobalRef(String module, String name, PyGlobal global, PickleTypeRegistry.ClassEntry entry,
            PickleTypeRegistry.EnumEntry enumEntry) {
    }

    private void newObject(boolean withKwargs) {
        requireItems(withKwargs ? 3 : 2);
        int clsIndex = top - (withKwargs ? 3 : 2);
        Object cls = stack[clsIndex];
        Object args = stack[clsIndex + 1];
        if (!(cls instanceof PyGlobal g)) {
            throw error("expected a class, found " + typeName(cls));
        }
        if (!(args instanceof PyTuple t) || t.size() != 0) {
            throw error("creating " + g.qualifiedName() + " with constructor arguments " + typeName(args)
                    + " is not supported (only plain objects: NEWOBJ with an empty tuple + BUILD)");
        }
        if (withKwargs) {
            Object kwargs = stack[top - 1];
            if (!(kwargs instanceof PickleDict d) || d.entryCount() != 0) {
                throw error("creating " + g.qualifiedName() + " with keyword arguments is not supported");
            }
        }
        truncateTo(clsIndex);
        PendingObject p = new PendingObject(g.module(), g.name(), classEntry(g));
        push(p, 1);
        if (!withKwargs && fastPathOn && p.entry != null && p.entry.keys != null && fastPath.tryObject(p)) {
            stack[top - 1] = p.result;
            depths[top - 1] = p.resultDepth;
        }
    }

    private void build() {
        requireItems(2);
        Object target = stack[top - 2];
        if (!(target instanceof PendingObject p)) {
            throw error("BUILD on a " + typeName(target) + " (only objects made by NEWOBJ take a state)");
        }
        if (p.built) {
            throw error("BUILD on a " + p.qualifiedName() + " that already has its state or is in use");
        }
        int stateDepth = depthAt(top - 1);
        Object state = consume(top - 1);
        truncateTo(top - 1);
        PickleDict dict = stateDict(p, state);
        stack[top - 1] = complete(p, dict, Math.max(stateDepth, dict.depth()));
        depths[top - 1] = p.resultDepth;
    }

    private PickleDict stateDict(PendingObject p, Object state) {
        if (state instanceof PickleDict d) {
            return d;
        }
        if (state == null) {
            return new PickleDict();
        }
        if (state instanceof PyTuple t && t.size() == 2) {
            PickleDict merged = new PickleDict();
            for (int k = 0; k < 2; k++) {
                Object part = t.get(k);
                if (part instanceof PickleDict d) {
                    for (int i = 0; i < d.entryCount(); i++) {
                        merged.putDecoded(d.keyAt(i), d.valueAt(i), d.depth() - 1);
                    }
                } else if (part != null) {
                    throw error("the state of " + p.qualifiedName() + " is a tuple holding a " + typeName(part));
                }
            }
            merged.seal();
            return merged;
        }
        throw error("the state of " + p.qualifiedName() + " is a " + typeName(state) + ", not a dict");
    }

    private Object finishObject(PendingObject p, int stackIndex) {
        if (!p.built) {
            PickleDict empty = new PickleDict();
            empty.seal();
            complete(p, empty, 1);
            depths[stackIndex] = p.resultDepth;
        }
        return p.result;
    }

    Object complete(PendingObject p, PickleDict state, int stateDepth) {
        for (int i = 0; i < state.entryCount(); i++) {
            if (!(state.keyAt(i) instanceof String)) {
                throw error("the state of " + p.qualifiedName() + " has a non-string key " + typeName(state.keyAt(i)));
            }
        }
        Object result;
        if (p.entry != null) {
            try {
                PickleTypeRegistry.ClassEntry e = p.entry;
                result = e.fieldMapper != null ? e.fieldMapper.fromFields(PickleFields.of(state, e.keys))
                        : e.mapper.fromState(state);
            } catch (RpcDecodeException e) {
                throw e;
            } catch (RuntimeException e) {
                throw error("cannot map " + p.qualifiedName() + " to " + p.entry.mapper.javaType().getName() + ": " + e, e);
            }
            if (result == null) {
                throw error("the mapper of " + p.qualifiedName() + " returned null");
            }
        } else {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, Object> map = (Map) state;
            result = new PyObject(p.module, p.name, map);
        }
        p.built = true;
        p.result = result;
        p.resultDepth = checkDepth(stateDepth);
        return result;
    }

    // ---- calls: the allow-list ----

    private void reduce() {
        requireItems(2);
        Object callable = stack[top - 2];
        Object argsValue = stack[top - 1];
        if (!(argsValue instanceof PyTuple args)) {
            throw error("REDUCE arguments must be a tuple, got " + typeName(argsValue));
        }
        int argsDepth = depths[top - 1];
        Object result;
        if (callable instanceof PyGlobal g) {
            result = call(g, args);
        } else if (callable instanceof ZoneInfoUnpickle) {
            result = zone(stringArg(args, 0, "zoneinfo.ZoneInfo._unpickle"), "zoneinfo.ZoneInfo._unpickle");
        } else {
            throw error("REDUCE on a " + typeName(callable) + ", which is not a callable");
        }
        truncateTo(top - 2);
        Container c = container(result);
        push(result, c != null ? c.depth() : Math.min(argsDepth, maxDepth));
    }

    Object call(PyGlobal g, PyTuple args) {
        String module = g.module();
        String name = g.name();
        PickleTypeRegistry.EnumEntry en = enumEntry(g);
        if (en != null) {
            requireArgs(args, 1, 1, g);
            Object member = en.fromValue(args.get(0));
            if (member == null) {
                throw error(repr(args.get(0)) + " is not a valid " + g.qualifiedName() + " value");
            }
            return member;
        }
        switch (module) {
            case "datetime":
                switch (name) {
                    case "datetime":
                        return datetime(args);
                    case "date":
                        return date(args);
                    case "time":
                        return time(args);
                    case "timedelta":
                        return timedelta(args);
                    case "timezone":
                        return timezone(args);
                    default:
                        break;
                }
                break;
            case "zoneinfo":
                if (name.equals("ZoneInfo")) {
                    requireArgs(args, 1, 1, g);
                    return zone(stringArg(args, 0, "zoneinfo.ZoneInfo"), "zoneinfo.ZoneInfo");
                }
                break;
            case "pytz":
                if (name.equals("_p")) {
                    requireArgs(args, 1, 4, g);
                    return zone(stringArg(args, 0, "pytz._p"), "pytz._p");
                }
                if (name.equals("_UTC")) {
                    requireArgs(args, 0, 0, g);
                    return ZoneOffset.UTC;
                }
                break;
            case "builtins":
                switch (name) {
                    case "getattr":
                        return getattr(args);
                    case "set":
                    case "frozenset":
                        return setOf(args, name.equals("frozenset"), g);
                    case "bytearray":
                    case "bytes":
                        return bytesOf(args, g);
                    default:
                        break;
                }
                break;
            case "_codecs":
                if (name.equals("encode")) {
                    return latin1Encode(args, g);
                }
                break;
            default:
                break;
        }
        if (registry.isLenientEnumModule(module) && args.size() == 1 && registry.classFor(module, name) == null) {
            return new PyEnum(module, name, args.get(0), false);
        }
        throw error("refusing to call " + g.qualifiedName() + ": not in the decoder's allow-list (registered enums,"
                + " datetime, zoneinfo.ZoneInfo, builtins.getattr on those, pytz)");
    }

    private Object getattr(PyTuple args) {
        if (args.size() != 2 || !(args.get(0) instanceof PyGlobal target) || !(args.get(1) instanceof String attr)) {
            throw error("refusing builtins.getattr" + args + ": only getattr(<enum class>, 'NAME') and"
                    + " getattr(zoneinfo.ZoneInfo, '_unpickle') are allowed");
        }
        PickleTypeRegistry.EnumEntry en = enumEntry(target);
        if (en != null) {
            Object member = en.fromName(attr);
            if (member == null) {
                throw error("'" + attr + "' is not a member of " + target.qualifiedName());
            }
            return member;
        }
        if (target.module().equals("zoneinfo") && target.name().equals("ZoneInfo") && attr.equals("_unpickle")) {
            return ZoneInfoUnpickle.INSTANCE;
        }
        if (registry.isLenientEnumModule(target.module()) && registry.classFor(target.module(), target.name()) == null) {
            return new PyEnum(target.module(), target.name(), attr, true);
        }
        throw error("refusing builtins.getattr(" + target.qualifiedName() + ", '" + attr + "'): not an enum member"
                + " lookup the decoder allows");
    }

    private Object datetime(PyTuple args) {
        String what = "datetime.datetime";
        if (args.size() >= 1 && args.get(0) instanceof byte[] state) {
            requireArgs(args, 1, 2, what);
            if (state.length != 10) {
                throw error(what + " state must be 10 bytes, got " + state.length);
            }
            ZoneId tz = args.size() == 2 ? tzArg(args.get(1), what) : null;
            int month = state[2] & 0xff;
            boolean fold = (month & 0x80) != 0;
            LocalDateTime t = dateTimeOf(((state[0] & 0xff) << 8) | (state[1] & 0xff), month & 0x7f, state[3] & 0xff,
                    state[4] & 0xff, state[5] & 0xff, state[6] & 0xff,
                    ((state[7] & 0xff) << 16) | ((state[8] & 0xff) << 8) | (state[9] & 0xff));
            return tz == null ? t : zoned(t, tz, fold);
        }
        requireArgs(args, 3, 8, what);
        int[] f = new int[7];
        ZoneId tz = null;
        for (int i = 0; i < args.size(); i++) {
            if (i == 7) {
                tz = tzArg(args.get(7), what);
            } else {
                f[i] = intArg(args, i, what);
            }
        }
        LocalDateTime t = dateTimeOf(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
        return tz == null ? t : zoned(t, tz, false);
    }

    private LocalDateTime dateTimeOf(int y, int mo, int d, int h, int mi, int s, int us) {
        try {
            if (us < 0 || us > 999_999) {
                throw new DateTimeException("microsecond " + us + " out of range");
            }
            return LocalDateTime.of(y, mo, d, h, mi, s, us * 1000);
        } catch (DateTimeException e) {
            throw error("invalid datetime: " + e.getMessage(), e);
        }
    }

    private static ZonedDateTime zoned(LocalDateTime t, ZoneId zone, boolean fold) {
        ZonedDateTime z = ZonedDateTime.ofLocal(t, zone, null);
        return fold ? z.withLaterOffsetAtOverlap() : z;
    }

    private Object date(PyTuple args) {
        String what = "datetime.date";
        try {
            if (args.size() == 1 && args.get(0) instanceof byte[] state) {
                if (state.length != 4) {
                    throw error(what + " state must be 4 bytes, got " + state.length);
                }
                return LocalDate.of(((state[0] & 0xff) << 8) | (state[1] & 0xff), state[2] & 0xff, state[3] & 0xff);
            }
            requireArgs(args, 3, 3, what);
            return LocalDate.of(intArg(args, 0, what), intArg(args, 1, what), intArg(args, 2, what));
        } catch (DateTimeException e) {
            throw error("invalid date: " + e.getMessage(), e);
        }
    }

    private Object time(PyTuple args) {
        String what = "datetime.time";
        LocalTime t;
        ZoneId tz = null;
        try {
            if (args.size() >= 1 && args.get(0) instanceof byte[] state) {
                requireArgs(args, 1, 2, what);
                if (state.length != 6) {
                    throw error(what + " state must be 6 bytes, got " + state.length);
                }
                int us = ((state[3] & 0xff) << 16) | ((state[4] & 0xff) << 8) | (state[5] & 0xff);
                if (us > 999_999) {
                    throw new DateTimeException("microsecond " + us + " out of range");
                }
                t = LocalTime.of(state[0] & 0x7f, state[1] & 0xff, state[2] & 0xff, us * 1000);
                tz = args.size() == 2 ? tzArg(args.get(1), what) : null;
            } else {
                requireArgs(args, 0, 5, what);
                int[] f = new int[4];
                for (int i = 0; i < args.size(); i++) {
                    if (i == 4) {
                        tz = tzArg(args.get(4), what);
                    } else {
                        f[i] = intArg(args, i, what);
                    }
                }
                if (f[3] < 0 || f[3] > 999_999) {
                    throw new DateTimeException("microsecond " + f[3] + " out of range");
                }
                t = LocalTime.of(f[0], f[1], f[2], f[3] * 1000);
            }
        } catch (DateTimeException e) {
            throw error("invalid time: " + e.getMessage(), e);
        }
        if (tz == null) {
            return t;
        }
        if (tz instanceof ZoneOffset offset) {
            return OffsetTime.of(t, offset);
        }
        throw error("a datetime.time with the region time zone " + tz + " has no fixed offset; not supported");
    }

    private Object timedelta(PyTuple args) {
        String what = "datetime.timedelta";
        requireArgs(args, 0, 3, what);
        long days = args.size() > 0 ? longArg(args, 0, what) : 0;
        long seconds = args.size() > 1 ? longArg(args, 1, what) : 0;
        long micros = args.size() > 2 ? longArg(args, 2, what) : 0;
        if (Math.abs(days) > 999_999_999L || Math.abs(seconds) > 86_400L * 1_000_000_000L || Math.abs(micros) > 1_000_000_000_000L) {
            throw error("datetime.timedelta out of range: " + args);
        }
        return Duration.ofDays(days).plusSeconds(seconds).plusNanos(micros * 1000);
    }

    private Object timezone(PyTuple args) {
        String what = "datetime.timezone";
        requireArgs(args, 1, 2, what);
        if (!(args.get(0) instanceof Duration offset)) {
            throw error(what + " needs a timedelta offset, got " + typeName(args.get(0)));
        }
        try {
            return ZoneOffset.ofTotalSeconds(Math.toIntExact(offset.getSeconds()));
        } catch (DateTimeException | ArithmeticException e) {
            throw error("invalid datetime.timezone offset " + offset + ": " + e.getMessage(), e);
        }
    }

    private ZoneId tzArg(Object tz, String what) {
        if (tz == null || tz instanceof ZoneId) {
            return (ZoneId) tz;
        }
        throw error(what + " expects a time zone, got " + typeName(tz));
    }

    ZoneId zone(String key, String what) {
        ZoneId z = ZONES.get(key);
        if (z == null) {
            try {
                z = ZoneId.of(key);
            } catch (DateTimeException e) {
                throw error(what + ": unknown time zone '" + key + "'", e);
            }
            if (ZONES.size() < MAX_CACHED_ZONES) {
                ZONES.put(key, z);
            }
        }
        return z;
    }

    private Object setOf(PyTuple args, boolean frozen, PyGlobal g) {
        requireArgs(args, 0, 1, g);
        PickleSet set = new PickleSet(frozen);
        if (args.size() == 1) {
            if (!(args.get(0) instanceof PickleList items)) {
                throw error(g.qualifiedName() + " expects a list, got " + typeName(args.get(0)));
            }
            for (Object item : items) {
                set.addDecoded(item, items.depth() - 1);
            }
            checkDepth(set.depth());
        }
        return set;
    }

    private Object bytesOf(PyTuple args, PyGlobal g) {
        requireArgs(args, 0, 2, g);
        if (args.size() == 0) {
            return new byte[0];
        }
        if (args.size() == 1 && args.get(0) instanceof byte[] b) {
            return b.clone();
        }
        return latin1Encode(args, g);
    }

    private Object latin1Encode(PyTuple args, PyGlobal g) {
        if (args.size() == 2 && args.get(0) instanceof String s && args.get(1) instanceof String enc
                && (enc.equals("latin1") || enc.equals("latin-1"))) {
            byte[] out = new byte[s.length()];
            for (int i = 0; i < out.length; i++) {
                char c = s.charAt(i);
                if (c > 0xff) {
                    throw error(g.qualifiedName() + ": a character beyond latin-1 in the bytes text");
                }
                out[i] = (byte) c;
            }
            return out;
        }
        throw error("refusing " + g.qualifiedName() + typeNames(args) + ": only (str, 'latin1') is allowed");
    }

    private void requireArgs(PyTuple args, int min, int max, Object what) {
        if (args.size() < min || args.size() > max) {
            throw error(what + " takes " + (min == max ? "" + min : min + ".." + max) + " argument(s), got " + args.size());
        }
    }

    String stringArg(PyTuple args, int i, String what) {
        if (args.size() <= i || !(args.get(i) instanceof String s)) {
            throw error(what + " expects a string argument " + i + ", got " + (args.size() <= i ? "none" : typeName(args.get(i))));
        }
        return s;
    }

    private long longArg(PyTuple args, int i, String what) {
        if (!(args.get(i) instanceof Long l)) {
            throw error(what + " expects an int argument " + i + ", got " + typeName(args.get(i)));
        }
        return l;
    }

    private int intArg(PyTuple args, int i, String what) {
        long l = longArg(args, i, what);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw error(what + " argument " + i + " out of range: " + l);
        }
        return (int) l;
    }

    // ---- reading bytes ----

    void need(long n) {
        if (n > end - pos) {
            throw error("truncated: needs " + n + " more byte(s), " + (end - pos) + " left");
        }
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    int u16() {
        need(2);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int i32() {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long u32() {
        return i32() & 0xffffffffL;
    }

    long u64() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        if (v < 0) {
            throw error("64-bit length beyond 2^63");
        }
        return v;
    }

    long i64BigEndian() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** A length field checked against what is left of the frame, before anything is allocated. */
    int length(long declared) {
        if (declared > end - pos) {
            throw error("length field says " + declared + " bytes but only " + (end - pos) + " are left");
        }
        return (int) declared;
    }

    Object readLong(int n) {
        if (n > MAX_LONG_BYTES) {
            throw error("an integer of " + n + " bytes exceeds the " + MAX_LONG_BYTES + "-byte limit");
        }
        need(n);
        if (n == 0) {
            pos += 0;
            return 0L;
        }
        if (n <= 8) {
            long v = 0;
            for (int i = n - 1; i >= 0; i--) {
                v = (v << 8) | (buf[pos + i] & 0xff);
            }
            int shift = 64 - 8 * n;
            v = (v << shift) >> shift;
            pos += n;
            return v;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = buf[pos + n - 1 - i];
        }
        pos += n;
        BigInteger big = new BigInteger(be);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    String readString(int n) {
        need(n);
        int start = pos;
        pos += n;
        return stringAt(start, n);
    }

    /** The str in {@code buf[start, start+n)}, which the caller made sure lies inside the frame. */
    String stringAt(int start, int n) {
        if (n == 0) {
            return "";
        }
        if (n <= MAX_CACHED_STRING && start + ((n + 7) & ~7) <= buf.length) {
            return cachedString(start, n);
        }
        for (int i = start; i < start + n; i++) {
            if (buf[i] < 0) {
                return utf8Strict(start, n);
            }
        }
        return new String(buf, start, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Short strings (dict keys, class names, symbols, gateway names, contract names) repeat in every frame: reuse one
     * instance per spelling, whose hash code is then already computed for map and switch lookups (and whose UTF-8
     * was checked once). The bytes are read and compared as up to four little-endian words (bytes past {@code n}
     * masked to zero, the length in the last word's top byte, which a string of at most 31 bytes leaves free), so a
     * hit costs a few word operations and one line of the table. The caller made sure the words lie inside the array.
     */
    private String cachedString(int start, int n) {
        int words = (n + 7) >>> 3;
        long tailMask = (n & 7) == 0 ? -1L : (1L << ((n & 7) << 3)) - 1;
        long w0 = (long) LONGS.get(buf, start);
        long w1 = 0;
        long w2 = 0;
        long w3 = 0;
        if (words == 1) {
            w0 &= tailMask;
        } else {
            w1 = (long) LONGS.get(buf, start + 8);
            if (words == 2) {
                w1 &= tailMask;
            } else {
                w2 = (long) LONGS.get(buf, start + 16);
                if (words == 3) {
                    w2 &= tailMask;
                } else {
                    w3 = (long) LONGS.get(buf, start + 24) & tailMask;
                }
            }
        }
        w3 |= (long) n << 56;
        long h = (w0 * MIX + w1) * MIX + w2;
        h = (h * MIX + w3) * MIX;
        int slot = (int) (h >>> (64 - STRING_CACHE_BITS));
        int base = slot << 2;
        if (stringWords[base] == w0 && stringWords[base + 1] == w1
                && stringWords[base + 2] == w2 && stringWords[base + 3] == w3) {
            return strings[slot];
        }
        String s;
        if (((w0 | w1 | w2 | w3) & 0x8080808080808080L) != 0) {
            s = utf8Strict(start, n); // checked once; cached like the rest (contract names in Chinese recur)
        } else {
            int hash = 0;
            for (int i = start; i < start + n; i++) {
                hash = 31 * hash + buf[i];
            }
            s = registry.canonical(buf, start, n, hash);
            if (s == null) {
                s = new String(buf, start, n, StandardCharsets.ISO_8859_1);
            }
        }
        strings[slot] = s;
        stringWords[base] = w0;
        stringWords[base + 1] = w1;
        stringWords[base + 2] = w2;
        stringWords[base + 3] = w3;
        return s;
    }

    private String utf8Strict(int start, int n) {
        if (validUtf8(buf, start, n)) {
            return new String(buf, start, n, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error("a string that is not valid UTF-8", e);
        }
    }

    /** Well-formed UTF-8 as Python's decoder accepts it: no overlongs, no surrogates, nothing above U+10FFFF. */
    static boolean validUtf8(byte[] b, int start, int n) {
        int i = start;
        int end = start + n;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + len > end) {
                return false;
            }
            int cp = c & (0xff >> (len + 1));
            for (int k = 1; k < len; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += len;
        }
        return true;
    }

    byte[] readBytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    String readLine() {
        int limit = Math.min(end, pos + MAX_GLOBAL_LINE);
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                String line = i == pos ? "" : readString(i - pos);
                pos = i + 1;
                if (line.isEmpty()) {
                    throw error("GLOBAL with an empty module or name");
                }
                return line;
            }
        }
        throw error("GLOBAL line without a newline within " + MAX_GLOBAL_LINE + " bytes");
    }

    // ---- errors ----

    private RpcDecodeException error(String message) {
        return new RpcDecodeException(where() + message);
    }

    private RpcDecodeException error(String message, Throwable cause) {
        return new RpcDecodeException(where() + message, cause);
    }

    private String where() {
        return "bad pickle frame (" + end + " bytes) at offset " + opStart + " (" + Opcodes.name(opcode) + "): ";
    }

    static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof PyGlobal g) {
            return "reference to " + g.qualifiedName();
        }
        if (v instanceof PendingObject p) {
            return p.qualifiedName() + " object";
        }
        return v.getClass().getSimpleName();
    }

    private static String typeNames(PyTuple args) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(typeName(args.get(i)));
        }
        return sb.append(')').toString();
    }

    private static String repr(Object v) {
        String s = v instanceof String ? "'" + v + "'" : String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** An object made by NEWOBJ whose state has not been applied yet. */
    static final class PendingObject {
        final String module;
        final String name;
        final PickleTypeRegistry.ClassEntry entry;
        boolean built;
        Object result;
        int resultDepth;

        PendingObject(String module, String name, PickleTypeRegistry.ClassEntry entry) {
            this.module = module;
            this.name = name;
            this.entry = entry;
        }

        String qualifiedName() {
            return module + "." + name;
        }
    }

    /** The callable {@code getattr(zoneinfo.ZoneInfo, '_unpickle')}. */
    static final class ZoneInfoUnpickle {
        static final ZoneInfoUnpickle INSTANCE = new ZoneInfoUnpickle();
    }
}
