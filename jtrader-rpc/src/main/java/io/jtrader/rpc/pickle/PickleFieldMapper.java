package io.jtrader.rpc.pickle;

import java.util.List;

/**
 * A {@link PickleClassMapper} that reads an object's state as numbered fields. It declares its state keys up
 * front, so the decoder can take the object straight from the frame's bytes: keys are matched as bytes (in the
 * declared order first), numbers stay unboxed and no {@link PickleDict} is built. Frames of any other shape take
 * the general decoder, which ends in the same {@link #fromFields} call, so both ways give the same value.
 *
 * <p>Implementations must be thread-safe (stateless) and must not keep the {@link PickleFields} they are given.
 *
 * @param <T> the Java type
 */
public interface PickleFieldMapper<T> extends PickleClassMapper<T> {

    /**
     * The state keys this mapper reads, each once; a key's index is its slot in {@link PickleFields}. List them in
     * the order the Python side writes them, derived keys included (so that they, too, match without building a
     * string); keys a sender adds beyond these arrive as {@link PickleFields#extraKey extras}.
     */
    List<String> stateKeys();

    /** Builds the Java value from the fields; never returns null. */
    T fromFields(PickleFields fields);

    /** The same mapping from a decoded state dict (for callers outside the decoder). */
    @Override
    default T fromState(PickleDict state) {
        return fromFields(PickleFields.of(state, new PickleFields.StateKeys(stateKeys(), name())));
    }
}
