package io.jtrader.rpc;

/**
 * Turns one ZeroMQ frame into one value and back. vn.py's frames are Python pickles; the pickle
 * implementation is {@link io.jtrader.rpc.pickle.PickleCodec}.
 *
 * <p>Python values map to Java as follows (both directions):
 * <ul>
 *   <li>{@code None} ↔ {@code null}; {@code bool} ↔ {@link Boolean}; {@code float} ↔ {@link Double};</li>
 *   <li>{@code int} → {@link Long} (or {@link java.math.BigInteger} beyond 64 bits); {@link Integer},
 *       {@link Long}, {@link java.math.BigInteger} → {@code int};</li>
 *   <li>{@code str} ↔ {@link String}; {@code bytes} ↔ {@code byte[]};</li>
 *   <li>{@code list} ↔ {@link java.util.List}; {@code tuple} ↔ {@link io.jtrader.rpc.pickle.PyTuple};
 *       {@code dict} ↔ {@link java.util.Map} (insertion ordered); {@code set} → {@link java.util.Set};</li>
 *   <li>aware {@code datetime} ↔ {@link java.time.ZonedDateTime}; naive {@code datetime} ↔
 *       {@link java.time.LocalDateTime}; {@code date} ↔ {@link java.time.LocalDate};</li>
 *   <li>an object of a class the type registry knows ↔ the registered Java type; any other object with
 *       plain state → {@link io.jtrader.rpc.pickle.PyObject}; an enum member of an unknown class →
 *       {@link io.jtrader.rpc.pickle.PyEnum}.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface FrameCodec {

    /** @throws RpcEncodeException when a value has no pickle form */
    byte[] encode(Object value);

    /** @throws RpcDecodeException for anything that is not a well-formed, allowed frame */
    Object decode(byte[] frame);
}
