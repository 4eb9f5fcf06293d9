package io.jtrader.rpc.pickle;

import io.jtrader.rpc.RpcEncodeException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes pickle opcodes (protocol 4) into a growable buffer. A {@link PickleCodec} uses one per encode call
 * (reused per thread); a {@link PickleClassMapper} receives it to write its state fields with
 * {@link #field(PickleKey, double)} and friends.
 *
 * <p>Not thread-safe: one encode at a time.
 */
public final class PickleWriter {
    private static final int MAX_CACHED_ZONES = 256;
    private static final Map<ZoneId, byte[]> ZONE_BYTES = new ConcurrentHashMap<>();
    private static final byte[] DATETIME_GLOBAL = pickled(w -> w.writeStackGlobal("datetime", "datetime"));
    private static final byte[] DATE_GLOBAL = pickled(w -> w.writeStackGlobal("datetime", "date"));
    private static final byte[] TIME_GLOBAL = pickled(w -> w.writeStackGlobal("datetime", "time"));
    private static final byte[] TIMEDELTA_GLOBAL = pickled(w -> w.writeStackGlobal("datetime", "timedelta"));
    private static final byte[] TIMEZONE_GLOBAL = pickled(w -> w.writeStackGlobal("datetime", "timezone"));
    private static final byte[] ZONEINFO_GLOBAL = pickled(w -> w.writeStackGlobal("zoneinfo", "ZoneInfo"));
    private static final byte[] GETATTR_GLOBAL = pickled(w -> w.writeStackGlobal("builtins", "getattr"));

    private final PickleTypeRegistry registry;
    private final int maxFrameBytes;
    private final int maxDepth;
    /** Set by the owning codec while an encode runs on this instance. */
    boolean inUse;
    private byte[] buf;
    private int pos;
    private int depth;

    PickleWriter(PickleTypeRegistry registry, PickleCodecConfig config, int initialCapacity) {
        this.registry = registry;
        this.maxFrameBytes = config.maxFrameBytes();
        this.maxDepth = config.maxDepth();
        this.buf = new byte[initialCapacity];
    }

    private PickleWriter() {
        this.registry = PickleTypeRegistry.builder().build();
        this.maxFrameBytes = Integer.MAX_VALUE - 64;
        this.maxDepth = PickleCodecConfig.MAX_DEPTH_CEILING;
        this.buf = new byte[64];
    }

    /** An unlimited writer without registry, for pre-pickling constant byte sequences. */
    static PickleWriter scratch() {
        return new PickleWriter();
    }

    private static byte[] pickled(java.util.function.Consumer<PickleWriter> body) {
        PickleWriter w = scratch();
        body.accept(w);
        return w.toByteArray();
    }

    // ---- frame ----

    /** PROTO 4, FRAME (length patched in {@link #finishFrame()}), the value, STOP. */
    byte[] encodeFrame(Object value) {
        pos = 0;
        depth = 0;
        ensure(11);
        buf[pos++] = (byte) Opcodes.PROTO;
        buf[pos++] = 4;
        buf[pos++] = (byte) Opcodes.FRAME;
        pos += 8;
        writeValue(value);
        writeOpcode(Opcodes.STOP);
        return finishFrame();
    }

    private byte[] finishFrame() {
        long frameLength = pos - 11L;
        for (int i = 0; i < 8; i++) {
            buf[3 + i] = (byte) (frameLength >>> (8 * i));
        }
        return Arrays.copyOf(buf, pos);
    }

    int capacity() {
        return buf.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    // ---- fields of a registered class's state ----

    public void field(PickleKey key, double value) {
        writeRaw(key.encoded);
        writeFloat(value);
    }

    public void field(PickleKey key, long value) {
        writeRaw(key.encoded);
        writeInt(value);
    }

    public void field(PickleKey key, boolean value) {
        writeRaw(key.encoded);
        writeBoolean(value);
    }

    public void field(PickleKey key, String value) {
        writeRaw(key.encoded);
        if (value == null) {
            writeNone();
        } else {
            writeString(value);
        }
    }

    public void field(PickleKey key, Object value) {
        writeRaw(key.encoded);
        writeValue(value);
    }

    public void field(String key, Object value) {
        writeString(key);
        writeValue(value);
    }

    // ---- values ----

    /**
     * Writes any value of the {@link io.jtrader.rpc.FrameCodec} mapping.
     *
     * @throws RpcEncodeException for a type without a pickle form, nesting deeper than the limit (or a cycle),
     *     or a frame over the size limit
     */
    public void writeValue(Object v) {
        if (v == null) {
            writeNone();
        } else if (v instanceof String s) {
            writeString(s);
        } else if (v instanceof Double d) {
            writeFloat(d);
        } else if (v instanceof Long l) {
            writeInt(l);
        } else if (v instanceof Integer i) {
            writeInt(i);
        } else if (v instanceof Boolean b) {
            writeBoolean(b);
        } else if (v instanceof ZonedDateTime z) {
            writeDateTime(z.toLocalDateTime(), z.getZone(), isLaterOffset(z));
        } else if (v instanceof Enum<?> e) {
            writeEnum(e);
        } else if (v instanceof List<?> list) {
            writeList(list);
        } else if (v instanceof Map<?, ?> map) {
            writeDict(map);
        } else if (v instanceof PyTuple t) {
            writeTuple(t);
        } else {
            writeOther(v);
        }
    }

    private void writeOther(Object v) {
        Object entry = registry.encoderFor(v.getClass());
        if (entry instanceof PickleTypeRegistry.ClassEntry c) {
            writeRegistered(c, v);
        } else if (v instanceof LocalDateTime ldt) {
            writeDateTime(ldt, null, false);
        } else if (v instanceof OffsetDateTime odt) {
            writeDateTime(odt.toLocalDateTime(), odt.getOffset(), false);
        } else if (v instanceof byte[] bytes) {
            writeBytes(bytes);
        } else if (v instanceof BigInteger big) {
            writeBigInteger(big);
        } else if (v instanceof Float f) {
            writeFloat(f);
        } else if (v instanceof Short s) {
            writeInt(s);
        } else if (v instanceof Byte b) {
            writeInt(b);
        } else if (v instanceof PyObject o) {
            writePyObject(o);
        } else if (v instanceof PyEnum e) {
            writePyEnum(e);
        } else if (v instanceof PyGlobal g) {
            writeStackGlobal(g.module(), g.name());
        } else if (v instanceof Set<?> set) {
            writeSet(set);
        } else if (v instanceof LocalDate d) {
            writeDate(d);
        } else if (v instanceof LocalTime t) {
            writeTime(t, null);
        } else if (v instanceof OffsetTime t) {
            writeTime(t.toLocalTime(), t.getOffset());
        } else if (v instanceof Duration d) {
            writeTimedelta(d);
        } else if (v instanceof ZoneId z) {
            writeZone(z);
        } else {
            throw new RpcEncodeException("cannot pickle a " + v.getClass().getName()
                    + ": it is not in the value mapping of FrameCodec and no PickleClassMapper is registered for it");
        }
    }

    public void writeNone() {
        ensure(1);
        buf[pos++] = (byte) Opcodes.NONE;
    }

    public void writeBoolean(boolean b) {
        ensure(1);
        buf[pos++] = (byte) (b ? Opcodes.NEWTRUE : Opcodes.NEWFALSE);
    }

    public void writeFloat(double d) {
        ensure(9);
        buf[pos++] = (byte) Opcodes.BINFLOAT;
        long bits = Double.doubleToRawLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (bits >>> shift);
        }
    }

    public void writeInt(long v) {
        ensure(10);
        if (v >= 0 && v <= 0xff) {
            buf[pos++] = (byte) Opcodes.BININT1;
            buf[pos++] = (byte) v;
        } else if (v >= 0 && v <= 0xffff) {
            buf[pos++] = (byte) Opcodes.BININT2;
            buf[pos++] = (byte) v;
            buf[pos++] = (byte) (v >>> 8);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            buf[pos++] = (byte) Opcodes.BININT;
            putIntLE(buf, pos, (int) v);
            pos += 4;
        } else {
            int n = 8;
            while (n > 1 && ((v >> (8 * (n - 1) - 1)) == 0 || (v >> (8 * (n - 1) - 1)) == -1)) {
                n--;
            }
            buf[pos++] = (byte) Opcodes.LONG1;
            buf[pos++] = (byte) n;
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }
    }

    private void writeBigInteger(BigInteger big) {
        if (big.bitLength() < 64) {
            writeInt(big.longValue());
            return;
        }
        byte[] be = big.toByteArray();
        int n = be.length;
        ensure(n + 5);
        if (n < 256) {
            buf[pos++] = (byte) Opcodes.LONG1;
            buf[pos++] = (byte) n;
        } else {
            buf[pos++] = (byte) Opcodes.LONG4;
            putIntLE(buf, pos, n);
            pos += 4;
        }
        for (int i = n - 1; i >= 0; i--) {
            buf[pos++] = be[i];
        }
    }

    public void writeString(String s) {
        int len = s.length();
        if (len < 256) {
            ensure(len + 2);
            int start = pos + 2;
            int i = 0;
            for (; i < len; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                buf[start + i] = (byte) c;
            }
            if (i == len) {
                buf[pos] = (byte) Opcodes.SHORT_BINUNICODE;
                buf[pos + 1] = (byte) len;
                pos = start + len;
                return;
            }
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 5);
        if (utf8.length < 256) {
            buf[pos++] = (byte) Opcodes.SHORT_BINUNICODE;
            buf[pos++] = (byte) utf8.length;
        } else {
            buf[pos++] = (byte) Opcodes.BINUNICODE;
            putIntLE(buf, pos, utf8.length);
            pos += 4;
        }
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
    }

    private void writeBytes(byte[] bytes) {
        ensure(bytes.length + 5);
        if (bytes.length < 256) {
            buf[pos++] = (byte) Opcodes.SHORT_BINBYTES;
            buf[pos++] = (byte) bytes.length;
        } else {
            buf[pos++] = (byte) Opcodes.BINBYTES;
            putIntLE(buf, pos, bytes.length);
            pos += 4;
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void writeList(List<?> list) {
        enter(list);
        writeOpcode(Opcodes.EMPTY_LIST);
        writeItems(list, Opcodes.APPENDS);
        depth--;
    }

    private void writeItems(Collection<?> items, int batchOpcode) {
        int inBatch = 0;
        for (Object item : items) {
            if (inBatch == 0) {
                writeOpcode(Opcodes.MARK);
            }
            writeValue(item);
            if (++inBatch == 1000) {
                writeOpcode(batchOpcode);
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            writeOpcode(batchOpcode);
        }
    }

    private void writeTuple(PyTuple t) {
        enter(t);
        int n = t.size();
        if (n == 0) {
            writeOpcode(Opcodes.EMPTY_TUPLE);
        } else if (n <= 3) {
            for (int i = 0; i < n; i++) {
                writeValue(t.get(i));
            }
            writeOpcode(Opcodes.TUPLE1 + n - 1);
        } else {
            writeOpcode(Opcodes.MARK);
            for (int i = 0; i < n; i++) {
                writeValue(t.get(i));
            }
            writeOpcode(Opcodes.TUPLE);
        }
        depth--;
    }

    private void writeDict(Map<?, ?> map) {
        enter(map);
        writeOpcode(Opcodes.EMPTY_DICT);
        int inBatch = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (inBatch == 0) {
                writeOpcode(Opcodes.MARK);
            }
            writeValue(e.getKey());
            writeValue(e.getValue());
            if (++inBatch == 1000) {
                writeOpcode(Opcodes.SETITEMS);
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            writeOpcode(Opcodes.SETITEMS);
        }
        depth--;
    }

    private void writeSet(Set<?> set) {
        enter(set);
        if (set instanceof PickleSet ps && ps.isFrozen()) {
            writeOpcode(Opcodes.MARK);
            for (Object item : set) {
                writeValue(item);
            }
            writeOpcode(Opcodes.FROZENSET);
        } else {
            writeOpcode(Opcodes.EMPTY_SET);
            writeItems(set, Opcodes.ADDITEMS);
        }
        depth--;
    }

    private void writeRegistered(PickleTypeRegistry.ClassEntry entry, Object value) {
        enter(value);
        writeRaw(entry.header);
        try {
            entry.mapper.writeState(value, this);
        } catch (RpcEncodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RpcEncodeException("cannot pickle " + value.getClass().getName() + " as " + entry.module + "."
                    + entry.name + ": " + e, e);
        }
        ensure(2);
        buf[pos++] = (byte) Opcodes.SETITEMS;
        buf[pos++] = (byte) Opcodes.BUILD;
        depth--;
    }

    private void writePyObject(PyObject o) {
        enter(o);
        writeStackGlobal(o.module(), o.name());
        writeOpcode(Opcodes.EMPTY_TUPLE);
        writeOpcode(Opcodes.NEWOBJ);
        if (!o.state().isEmpty()) {
            writeDict(o.state());
            writeOpcode(Opcodes.BUILD);
        }
        depth--;
    }

    private void writeEnum(Enum<?> e) {
        Object entry = registry.encoderFor(e.getDeclaringClass());
        if (!(entry instanceof PickleTypeRegistry.EnumEntry en)) {
            throw new RpcEncodeException("cannot pickle enum " + e.getDeclaringClass().getName() + "." + e.name()
                    + ": no PickleEnumMapper is registered for it");
        }
        writeRaw(en.byOrdinal[e.ordinal()]);
    }

    private void writePyEnum(PyEnum e) {
        if (e.byName()) {
            writeRaw(GETATTR_GLOBAL);
            writeStackGlobal(e.module(), e.name());
            writeValue(e.valueOrName());
            writeOpcode(Opcodes.TUPLE2);
        } else {
            writeStackGlobal(e.module(), e.name());
            writeValue(e.valueOrName());
            writeOpcode(Opcodes.TUPLE1);
        }
        writeOpcode(Opcodes.REDUCE);
    }

    private static boolean isLaterOffset(ZonedDateTime z) {
        ZoneId zone = z.getZone();
        if (zone instanceof ZoneOffset) {
            return false;
        }
        ZoneOffsetTransition t = zone.getRules().getTransition(z.toLocalDateTime());
        return t != null && t.isOverlap() && z.getOffset().equals(t.getOffsetAfter());
    }

    private void writeDateTime(LocalDateTime t, ZoneId zone, boolean fold) {
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            throw new RpcEncodeException("cannot pickle " + t + ": Python datetimes hold years 1..9999");
        }
        writeRaw(DATETIME_GLOBAL);
        ensure(12);
        buf[pos++] = (byte) Opcodes.SHORT_BINBYTES;
        buf[pos++] = 10;
        buf[pos++] = (byte) (year >> 8);
        buf[pos++] = (byte) year;
        buf[pos++] = (byte) (t.getMonthValue() | (fold ? 0x80 : 0));
        buf[pos++] = (byte) t.getDayOfMonth();
        buf[pos++] = (byte) t.getHour();
        buf[pos++] = (byte) t.getMinute();
        buf[pos++] = (byte) t.getSecond();
        int us = t.getNano() / 1000;
        buf[pos++] = (byte) (us >> 16);
        buf[pos++] = (byte) (us >> 8);
        buf[pos++] = (byte) us;
        if (zone == null) {
            writeOpcode(Opcodes.TUPLE1);
        } else {
            writeZone(zone);
            writeOpcode(Opcodes.TUPLE2);
        }
        writeOpcode(Opcodes.REDUCE);
    }

    private void writeDate(LocalDate d) {
        int year = d.getYear();
        if (year < 1 || year > 9999) {
            throw new RpcEncodeException("cannot pickle " + d + ": Python dates hold years 1..9999");
        }
        writeRaw(DATE_GLOBAL);
        ensure(8);
        buf[pos++] = (byte) Opcodes.SHORT_BINBYTES;
        buf[pos++] = 4;
        buf[pos++] = (byte) (year >> 8);
        buf[pos++] = (byte) year;
        buf[pos++] = (byte) d.getMonthValue();
        buf[pos++] = (byte) d.getDayOfMonth();
        writeOpcode(Opcodes.TUPLE1);
        writeOpcode(Opcodes.REDUCE);
    }

    private void writeTime(LocalTime t, ZoneOffset offset) {
        writeRaw(TIME_GLOBAL);
        ensure(8);
        buf[pos++] = (byte) Opcodes.SHORT_BINBYTES;
        buf[pos++] = 6;
        buf[pos++] = (byte) t.getHour();
        buf[pos++] = (byte) t.getMinute();
        buf[pos++] = (byte) t.getSecond();
        int us = t.getNano() / 1000;
        buf[pos++] = (byte) (us >> 16);
        buf[pos++] = (byte) (us >> 8);
        buf[pos++] = (byte) us;
        if (offset == null) {
            writeOpcode(Opcodes.TUPLE1);
        } else {
            writeZone(offset);
            writeOpcode(Opcodes.TUPLE2);
        }
        writeOpcode(Opcodes.REDUCE);
    }

    private void writeTimedelta(Duration d) {
        long totalUs;
        try {
            totalUs = Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new RpcEncodeException("cannot pickle " + d + ": too long for a Python timedelta");
        }
        long days = Math.floorDiv(totalUs, 86_400_000_000L);
        long rest = Math.floorMod(totalUs, 86_400_000_000L);
        if (Math.abs(days) > 999_999_999L) {
            throw new RpcEncodeException("cannot pickle " + d + ": Python timedeltas hold at most 999999999 days");
        }
        writeRaw(TIMEDELTA_GLOBAL);
        writeInt(days);
        writeInt(rest / 1_000_000L);
        writeInt(rest % 1_000_000L);
        writeOpcode(Opcodes.TUPLE3);
        writeOpcode(Opcodes.REDUCE);
    }

    private void writeZone(ZoneId zone) {
        byte[] cached = ZONE_BYTES.get(zone);
        if (cached == null) {
            PickleWriter w = scratch();
            if (zone instanceof ZoneOffset offset) {
                w.writeRaw(TIMEZONE_GLOBAL);
                w.writeTimedelta(Duration.ofSeconds(offset.getTotalSeconds()));
                w.writeOpcode(Opcodes.TUPLE1);
            } else {
                w.writeRaw(ZONEINFO_GLOBAL);
                w.writeString(zone.getId());
                w.writeOpcode(Opcodes.TUPLE1);
            }
            w.writeOpcode(Opcodes.REDUCE);
            cached = w.toByteArray();
            if (ZONE_BYTES.size() < MAX_CACHED_ZONES) {
                ZONE_BYTES.put(zone, cached);
            }
        }
        writeRaw(cached);
    }

    // ---- low level ----

    void writeStackGlobal(String module, String name) {
        writeString(module);
        writeString(name);
        writeOpcode(Opcodes.STACK_GLOBAL);
    }

    void writeOpcode(int opcode) {
        ensure(1);
        buf[pos++] = (byte) opcode;
    }

    void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void enter(Object container) {
        if (++depth > maxDepth) {
            throw new RpcEncodeException("cannot pickle a value nested deeper than " + maxDepth
                    + " levels (or containing itself); innermost: " + container.getClass().getName());
        }
    }

    private void ensure(int n) {
        if (n > buf.length - pos) {
            grow(n);
        }
    }

    private void grow(int n) {
        long needed = (long) pos + n;
        if (needed > maxFrameBytes) {
            throw new RpcEncodeException("the encoded frame would exceed the limit of " + maxFrameBytes + " bytes");
        }
        long capacity = Math.max(needed, Math.min((long) buf.length * 2, maxFrameBytes));
        buf = Arrays.copyOf(buf, (int) capacity);
    }

    static void putIntLE(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
