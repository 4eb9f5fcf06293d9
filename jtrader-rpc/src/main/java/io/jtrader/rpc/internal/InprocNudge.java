package io.jtrader.rpc.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.zeromq.ZMQ;

/**
 * The sending end of a {@link Wakeup}'s nudge: one {@code inproc://} socket connected to a socket the owner
 * blocks on, sent on by whichever thread wakes the owner. JeroMQ sockets are not thread-safe, so sends are
 * serialised here; {@link #close()} (owner thread, before it closes the context) makes later nudges no-ops.
 */
public final class InprocNudge implements Runnable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ZMQ.Socket socket;
    private final byte[] message;
    private boolean closed;

    /** @param socket a connected inproc socket that only this object sends on; {@code message} is what it sends */
    public InprocNudge(ZMQ.Socket socket, byte[] message) {
        this.socket = socket;
        this.message = message.clone();
    }

    /** A fresh {@code inproc://} address for one owner's nudge. */
    public static String newEndpoint(String owner) {
        return "inproc://jtrader-" + owner + "-wake-" + HexFormat.of().formatHex(randomBytes(8));
    }

    /** 16 bytes from a SecureRandom, the first non-zero (ZeroMQ reserves those for generated ids): no peer can guess it. */
    public static byte[] randomRoutingId() {
        byte[] id = randomBytes(16);
        id[0] |= 1;
        return id;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Any thread: sends the nudge (never blocks; a full queue means the owner already has nudges to read). */
    @Override
    public synchronized void run() {
        if (!closed) {
            socket.send(message, ZMQ.DONTWAIT);
        }
    }

    /** Owner thread, before closing the context that owns the socket. */
    public synchronized void close() {
        closed = true;
    }
}
