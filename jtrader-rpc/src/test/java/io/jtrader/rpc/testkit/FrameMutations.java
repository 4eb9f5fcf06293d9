package io.jtrader.rpc.testkit;

import java.util.Random;

/** Byte-level mutations of pickle frames shared by the fuzz tests (seeded: the same Random gives the same frames). */
public final class FrameMutations {
    private FrameMutations() {
    }

    /** {@code frame} without a run of 1..{@code maxLength} bytes at a random place (a new array). */
    public static byte[] deleteRange(byte[] frame, Random random, int maxLength) {
        int at = random.nextInt(frame.length);
        int n = Math.min(1 + random.nextInt(maxLength), frame.length - at);
        byte[] out = new byte[frame.length - n];
        System.arraycopy(frame, 0, out, 0, at);
        System.arraycopy(frame, at + n, out, at, frame.length - at - n);
        return out;
    }

    /** {@code frame} with a run of 1..{@code maxLength} bytes at a random place repeated once (a new array). */
    public static byte[] repeatRange(byte[] frame, Random random, int maxLength) {
        int at = random.nextInt(frame.length);
        int n = Math.min(1 + random.nextInt(maxLength), frame.length - at);
        byte[] out = new byte[frame.length + n];
        System.arraycopy(frame, 0, out, 0, at + n);
        System.arraycopy(frame, at, out, at + n, frame.length - at);
        return out;
    }
}
