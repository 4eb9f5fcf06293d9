package io.jtrader.rpc.internal;

import java.util.Arrays;

/**
 * The one-frame request envelope between jtrader peers: {@code "JTR" 0x01, correlation id (8 bytes, big-endian),
 * pickle} instead of the three frames {@code [correlation id, "", pickle]}. The reply comes back the same way with the
 * same 12-byte prefix. vn.py peers never see it: a client uses it only when it knows the server is jtrader's (CurveZMQ,
 * which vn.py does not speak, or when told so), and a pickle frame always starts with {@code 0x80}, so a frame that
 * starts with the magic can never be a vn.py request. Each ZeroMQ frame costs one encryption per hop under CurveZMQ,
 * so one frame instead of three cuts a call's crypto work to a third.
 */
public final class CompactEnvelope {
    /** {@code "JTR"} and version 1. */
    private static final byte[] MAGIC = {'J', 'T', 'R', 1};
    /** Magic and correlation id. */
    public static final int PREFIX_BYTES = MAGIC.length + Long.BYTES;
    /** Marks an envelope (by identity) as compact in the server's reply path. */
    public static final byte[] MARKER = new byte[0];

    private CompactEnvelope() {
    }

    /** True when {@code frame} is a compact request or reply (the magic and a whole prefix). */
    public static boolean matches(byte[] frame) {
        return frame.length >= PREFIX_BYTES && frame[0] == MAGIC[0] && frame[1] == MAGIC[1] && frame[2] == MAGIC[2]
                && frame[3] == MAGIC[3];
    }

    /** The frame for correlation id {@code id} and {@code body}. */
    public static byte[] frame(long id, byte[] body) {
        byte[] frame = new byte[PREFIX_BYTES + body.length];
        System.arraycopy(MAGIC, 0, frame, 0, MAGIC.length);
        for (int i = 0; i < Long.BYTES; i++) {
            frame[MAGIC.length + i] = (byte) (id >>> (56 - 8 * i));
        }
        System.arraycopy(body, 0, frame, PREFIX_BYTES, body.length);
        return frame;
    }

    /** The frame for an already built prefix (the server echoes the request's) and {@code body}. */
    public static byte[] frame(byte[] prefix, byte[] body) {
        byte[] frame = Arrays.copyOf(prefix, PREFIX_BYTES + body.length);
        System.arraycopy(body, 0, frame, PREFIX_BYTES, body.length);
        return frame;
    }

    /** The 12-byte prefix of a frame that {@link #matches}. */
    public static byte[] prefixOf(byte[] frame) {
        return Arrays.copyOf(frame, PREFIX_BYTES);
    }

    /** The correlation id of a frame that {@link #matches}. */
    public static long idOf(byte[] frame) {
        long id = 0;
        for (int i = MAGIC.length; i < PREFIX_BYTES; i++) {
            id = (id << 8) | (frame[i] & 0xff);
        }
        return id;
    }

    /** The pickle of a frame that {@link #matches}. */
    public static byte[] bodyOf(byte[] frame) {
        return Arrays.copyOfRange(frame, PREFIX_BYTES, frame.length);
    }
}
