package io.jtrader.rpc.pickle;

/**
 * Maps one Python class (pickled as {@code NEWOBJ} + {@code BUILD} with a state dict, like a dataclass) to
 * one Java type. Registered in a {@link PickleTypeRegistry}.
 *
 * <p>Decoding hands the state over as a {@link PickleDict} read by index ({@link PickleDict#keyAt(int)},
 * {@link PickleDict#valueAt(int)}) so a mapper can switch over the keys without building a map. Encoding
 * lets the mapper write its fields straight into the output with {@link PickleWriter#field}, in the
 * order the Python side expects; the codec writes the class reference, {@code NEWOBJ} and {@code BUILD}
 * around them.
 *
 * <p>A {@link PickleFieldMapper} (which declares its state keys) lets the decoder skip the {@link PickleDict}.
 *
 * <p>Implementations must be thread-safe (stateless). Any exception thrown while decoding is reported as an
 * {@link io.jtrader.rpc.RpcDecodeException} naming the class; while encoding as an
 * {@link io.jtrader.rpc.RpcEncodeException}.
 *
 * @param <T> the Java type
 */
public interface PickleClassMapper<T> {

    /** Python module, e.g. {@code vnpy.trader.object}. */
    String module();

    /** Python class name, e.g. {@code TickData}. */
    String name();

    /** The Java type this mapper makes and writes (exact class; subclasses are looked up through it). */
    Class<T> javaType();

    /** Builds the Java value from the pickled state ({@code __dict__}); never returns null. */
    T fromState(PickleDict state);

    /** Writes the state entries (key, value, key, value...) of {@code value} with {@link PickleWriter#field}. */
    void writeState(T value, PickleWriter out);
}
