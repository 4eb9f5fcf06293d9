package io.jtrader.rpc.pickle;

import java.nio.charset.StandardCharsets;

/**
 * A dict key (an attribute name) pickled once, ahead of time, so that a {@link PickleClassMapper} can write
 * its state fields with one array copy each. Create them as constants.
 */
public final class PickleKey {
    private final String name;
    final byte[] encoded;

    private PickleKey(String name) {
        this.name = name;
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 256) {
            encoded = new byte[utf8.length + 2];
            encoded[0] = (byte) Opcodes.SHORT_BINUNICODE;
            encoded[1] = (byte) utf8.length;
            System.arraycopy(utf8, 0, encoded, 2, utf8.length);
        } else {
            encoded = new byte[utf8.length + 5];
            encoded[0] = (byte) Opcodes.BINUNICODE;
            PickleWriter.putIntLE(encoded, 1, utf8.length);
            System.arraycopy(utf8, 0, encoded, 5, utf8.length);
        }
    }

    public static PickleKey of(String name) {
        if (name == null) {
            throw new IllegalArgumentException("a pickle key needs a name");
        }
        return new PickleKey(name);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
