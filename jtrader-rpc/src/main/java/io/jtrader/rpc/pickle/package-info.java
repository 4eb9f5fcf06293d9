/**
 * vn.py's frame format: a safe, hand-written Python pickle codec ({@link io.jtrader.rpc.pickle.PickleCodec})
 * with a pluggable mapping of Python classes and enums to Java types
 * ({@link io.jtrader.rpc.pickle.PickleTypeRegistry}). Knows nothing about trading; jtrader-rpc-service
 * registers the vn.py types.
 *
 * <h2>Threading</h2>
 * {@code PickleCodec}, {@code PickleTypeRegistry}, {@code PickleCodecConfig}, {@code PickleKey} and registered
 * mappers are immutable and safe from any thread; {@code encode} and {@code decode} run on the caller's thread
 * and reuse one decoder and one output buffer per thread (re-entrant calls from a mapper get fresh ones).
 * Decoded {@code PickleList}/{@code PickleDict}/{@code PickleSet} are read-only and safe to read from any thread
 * once published. A {@code PickleWriter} belongs to the one encode that passed it to a mapper.
 */
package io.jtrader.rpc.pickle;
