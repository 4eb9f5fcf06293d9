package io.jtrader.rpc.pickle;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.RpcDecodeException;
import io.jtrader.rpc.RpcEncodeException;

/**
 * vn.py's frame format: one Python pickle per frame. A hand-written, allocation-light codec that never
 * executes anything.
 *
 * <h2>Decoding</h2>
 * Protocols 2 to 5 (and the binary opcodes of 0/1 that Python 3 still emits). Values map as documented on
 * {@link FrameCodec}; decoded lists, dicts and sets are read-only ({@link PickleList}, {@link PickleDict},
 * {@link PickleSet}). Objects ({@code NEWOBJ} + {@code BUILD}) become the Java type of a registered
 * {@link PickleClassMapper}, else a {@link PyObject}. A call ({@code REDUCE}) is interpreted only for this
 * allow-list, and never performed:
 * <ul>
 *   <li>a registered enum class {@code Cls(value)}, and {@code builtins.getattr(Cls, 'NAME')};</li>
 *   <li>an unknown class from a lenient module (default {@code vnpy*}) with one argument, or
 *       {@code getattr(Cls, 'NAME')} on it → {@link PyEnum};</li>
 *   <li>{@code datetime.datetime/date/time/timedelta/timezone} (state bytes incl. microseconds and fold, or
 *       field arguments), {@code zoneinfo.ZoneInfo(key)}, {@code getattr(zoneinfo.ZoneInfo, '_unpickle')(key, flag)},
 *       {@code pytz._p(zone, ...)}, {@code pytz._UTC()};</li>
 *   <li>protocol-2 helper forms of plain data: {@code builtins.set/frozenset/bytearray/bytes},
 *       {@code _codecs.encode(str, 'latin1')}.</li>
 * </ul>
 * Anything else ({@code os.system}, {@code builtins.eval}, {@code subprocess.Popen}, ...) ends the decode
 * with an {@link RpcDecodeException} naming the callable. So does every malformed frame: truncated data,
 * lying length fields, unknown opcodes, stack underflow, unknown memo indexes, missing STOP, trailing bytes,
 * frames over {@link PickleCodecConfig#maxFrameBytes()}, nesting over {@link PickleCodecConfig#maxDepth()},
 * recursive structures. No other exception type leaves {@link #decode(byte[])}, and allocation is bounded by
 * the frame's size (lengths are checked against the bytes actually left before anything is allocated).
 *
 * <p>Frames shaped as CPython writes them are read by a recursive-descent fast path that fills the fields of
 * {@link PickleFieldMapper}s straight from the bytes; any other frame, object or error takes the general opcode
 * interpreter, which decodes to the same values ({@link PickleCodecConfig#fastPath()} turns the fast path off).
 *
 * <h2>Encoding</h2>
 * Protocol 4 with one FRAME and no memo. Registered objects are written as
 * {@code STACK_GLOBAL, EMPTY_TUPLE, NEWOBJ, {state}, BUILD} with the fields their mapper writes; enums by
 * name ({@code getattr(Cls, 'NAME')}); aware datetimes with {@code zoneinfo.ZoneInfo(key)} (fixed offsets
 * with {@code datetime.timezone}); floats as BINFLOAT; strings as UTF-8.
 *
 * <h2>Threading</h2>
 * Thread-safe. Each thread reuses its own decoder and output buffer.
 */
public final class PickleCodec implements FrameCodec {
    private static final int MAX_RETAINED_BUFFER = 1 << 20;

    private final PickleCodecConfig config;
    private final PickleTypeRegistry registry;
    private final ThreadLocal<PickleDecoder> decoders;
    private final ThreadLocal<PickleWriter> writers;

    public PickleCodec(PickleCodecConfig config, PickleTypeRegistry registry) {
        if (config == null || registry == null) {
            throw new IllegalArgumentException("PickleCodec needs a config and a registry");
        }
        this.config = config;
        this.registry = registry;
        this.decoders = ThreadLocal.withInitial(() -> new PickleDecoder(registry, config));
        this.writers = ThreadLocal.withInitial(() -> new PickleWriter(registry, config, 1024));
    }

    /** Default limits, no registered types, lenient {@code vnpy*} enums. */
    public static PickleCodec generic() {
        return new PickleCodec(PickleCodecConfig.defaults(), PickleTypeRegistry.generic());
    }

    public PickleCodecConfig config() {
        return config;
    }

    public PickleTypeRegistry registry() {
        return registry;
    }

    @Override
    public Object decode(byte[] frame) {
        if (frame == null) {
            throw new RpcDecodeException("bad pickle frame: null");
        }
        if (frame.length > config.maxFrameBytes()) {
            throw new RpcDecodeException("bad pickle frame: " + frame.length + " bytes exceeds the limit of "
                    + config.maxFrameBytes() + " bytes");
        }
        PickleDecoder decoder = decoders.get();
        if (decoder.inUse) {
            decoder = new PickleDecoder(registry, config); // a mapper decoding re-entrantly
        }
        decoder.inUse = true;
        try {
            return decoder.decode(frame);
        } catch (RpcDecodeException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new RpcDecodeException("bad pickle frame (" + frame.length + " bytes): " + e, e);
        } finally {
            decoder.inUse = false;
        }
    }

    @Override
    public byte[] encode(Object value) {
        PickleWriter writer = writers.get();
        if (writer.inUse) {
            writer = new PickleWriter(registry, config, 1024); // a mapper encoding re-entrantly
        }
        writer.inUse = true;
        try {
            return writer.encodeFrame(value);
        } catch (RpcEncodeException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new RpcEncodeException("cannot pickle a " + (value == null ? "None" : value.getClass().getName())
                    + ": " + e, e);
        } finally {
            writer.inUse = false;
            if (writer.capacity() > MAX_RETAINED_BUFFER) {
                writers.remove();
            }
        }
    }
}
