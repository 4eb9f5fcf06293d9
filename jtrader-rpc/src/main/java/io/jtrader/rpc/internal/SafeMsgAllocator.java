package io.jtrader.rpc.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zmq.Msg;
import zmq.msg.MsgAllocator;
import zmq.msg.MsgAllocatorThreshold;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Guards JeroMQ 0.6.0's I/O thread against a frame header that declares a negative size: its ZMTP 2/3 decoder
 * checks only the upper bound (MAXMSGSIZE) and then allocates {@code new byte[size]}, so 73 bytes from any peer
 * (greeting, READY, a long frame header with the top bit set) throw {@code NegativeArraySizeException} on the I/O
 * thread, which dies: the socket, and every other socket of the context, stop serving. Here such a frame becomes
 * an empty frame instead (the hostile peer's own message turns into garbage that the server drops). A size above
 * {@code maxFrameBytes} is treated the same way: MAXMSGSIZE should have refused it already, but the allocation is
 * the last line of defence, since one {@code OutOfMemoryError} on the I/O thread silently stops every socket it
 * serves (the live hostility test met a 900 MB allocation). Every other size is allocated as JeroMQ does.
 *
 * <p>Threading: called on JeroMQ's I/O threads; stateless apart from a counter.
 */
public final class SafeMsgAllocator implements MsgAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(SafeMsgAllocator.class);
    private static final AtomicLong NEGATIVE_SIZES = new AtomicLong();
    private static final AtomicLong OVERSIZED = new AtomicLong();
    private final MsgAllocator delegate = new MsgAllocatorThreshold();
    private final int maxFrameBytes;

    /** Without a size cap (negative sizes only). */
    public SafeMsgAllocator() {
        this(Integer.MAX_VALUE);
    }

    /** @param maxFrameBytes largest frame allocated; a larger declared size becomes an empty frame */
    public SafeMsgAllocator(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public Msg allocate(int size) {
        if (size < 0) {
            long count = NEGATIVE_SIZES.incrementAndGet();
            if (Long.bitCount(count) == 1) {   // 1st, 2nd, 4th, 8th, ...: never a log flood
                LOG.warn("a peer declared a frame of negative size {} ({} such frame(s) so far); treated as empty",
                        size, count);
            }
            return new Msg(0);
        }
        if (size > maxFrameBytes) {
            long count = OVERSIZED.incrementAndGet();
            if (Long.bitCount(count) == 1) {
                LOG.warn("a peer declared a frame of {} bytes, above this socket's limit of {} ({} such frame(s) so far);"
                        + " treated as empty", size, maxFrameBytes, count, new IllegalStateException("allocation site"));
            }
            return new Msg(0);
        }
        return delegate.allocate(size);
    }

    /** Frames declared larger than their socket's limit seen in this JVM. */
    public static long oversized() {
        return OVERSIZED.get();
    }

    /** Frames with a negative declared size seen in this JVM. */
    public static long negativeSizes() {
        return NEGATIVE_SIZES.get();
    }
}
