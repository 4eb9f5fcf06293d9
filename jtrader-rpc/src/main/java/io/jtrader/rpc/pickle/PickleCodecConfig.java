package io.jtrader.rpc.pickle;

/**
 * Limits of a {@link PickleCodec}, validated once when built. Every limit applies per frame.
 *
 * @param maxFrameBytes     largest frame decoded or encoded (default 8 MiB); larger ones are refused before decoding
 * @param maxDepth          deepest nesting of containers and objects (default 64); recursive structures are refused
 * @param maxMemoEntries    highest memo index a frame may use (default 1,048,576)
 * @param maxCollectionSize most items in one list, tuple, dict or set (default 1,048,576)
 * @param fastPath          decode the objects of registered {@link PickleFieldMapper}s straight into their fields
 *                          when the frame has the shape CPython writes (default true); false runs every frame through
 *                          the general opcode interpreter. The value decoded is the same either way.
 */
public record PickleCodecConfig(int maxFrameBytes, int maxDepth, int maxMemoEntries, int maxCollectionSize,
        boolean fastPath) {
    public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_MEMO_ENTRIES = 1 << 20;
    public static final int DEFAULT_MAX_COLLECTION_SIZE = 1 << 20;
    /** Hard ceiling of {@link #maxDepth}: deeper structures would threaten the stack of any recursive consumer. */
    public static final int MAX_DEPTH_CEILING = 1000;

    public PickleCodecConfig {
        require("maxFrameBytes", maxFrameBytes, 16, Integer.MAX_VALUE - 64);
        require("maxDepth", maxDepth, 4, MAX_DEPTH_CEILING);
        require("maxMemoEntries", maxMemoEntries, 16, Integer.MAX_VALUE - 64);
        require("maxCollectionSize", maxCollectionSize, 16, Integer.MAX_VALUE - 64);
    }

    /** The given limits, with the fast path on. */
    public PickleCodecConfig(int maxFrameBytes, int maxDepth, int maxMemoEntries, int maxCollectionSize) {
        this(maxFrameBytes, maxDepth, maxMemoEntries, maxCollectionSize, true);
    }

    public static PickleCodecConfig defaults() {
        return new PickleCodecConfig(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_MEMO_ENTRIES,
                DEFAULT_MAX_COLLECTION_SIZE, true);
    }

    public PickleCodecConfig withMaxFrameBytes(int value) {
        return new PickleCodecConfig(value, maxDepth, maxMemoEntries, maxCollectionSize, fastPath);
    }

    public PickleCodecConfig withMaxDepth(int value) {
        return new PickleCodecConfig(maxFrameBytes, value, maxMemoEntries, maxCollectionSize, fastPath);
    }

    public PickleCodecConfig withMaxMemoEntries(int value) {
        return new PickleCodecConfig(maxFrameBytes, maxDepth, value, maxCollectionSize, fastPath);
    }

    public PickleCodecConfig withMaxCollectionSize(int value) {
        return new PickleCodecConfig(maxFrameBytes, maxDepth, maxMemoEntries, value, fastPath);
    }

    public PickleCodecConfig withFastPath(boolean value) {
        return new PickleCodecConfig(maxFrameBytes, maxDepth, maxMemoEntries, maxCollectionSize, value);
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("pickle codec setting " + name + " must be " + min + ".." + max
                    + ", got " + value);
        }
    }
}
