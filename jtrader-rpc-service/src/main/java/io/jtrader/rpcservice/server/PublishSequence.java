package io.jtrader.rpcservice.server;

import io.jtrader.core.event.Event;
import io.jtrader.rpcservice.vnpy.Reliability;
import io.jtrader.rpcservice.vnpy.VnpyEvent;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server session's numbering of published events, with a bounded ring of the latest ones for replay.
 * Every event gets the session id and the next number (1, 2, 3, ...) as extra attributes before it is queued for
 * publishing, so an event dropped anywhere later (full publish queue, a slow subscriber's high-water mark, the
 * network) is a visible gap at the client.
 *
 * <p>Threading: {@link #number} is called by the event engine's dispatch thread; {@link #lastSequence} and
 * {@link #replay} by RPC worker threads. All are synchronized (short critical sections).
 */
final class PublishSequence {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String session;
    private final VnpyEvent[] ring;
    private long lastSequence;

    PublishSequence(int ringCapacity) {
        if (ringCapacity < 0) {
            throw new IllegalArgumentException("ring capacity must be >= 0, got " + ringCapacity);
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        this.session = HexFormat.of().formatHex(id);
        this.ring = new VnpyEvent[ringCapacity];
    }

    String session() {
        return session;
    }

    /** The event as published: its type and data plus this session's id and the next number. */
    synchronized VnpyEvent number(Event event) {
        long sequence = ++lastSequence;
        Map<String, Object> extra = new LinkedHashMap<>(4);
        extra.put(Reliability.SESSION_ATTRIBUTE, session);
        extra.put(Reliability.SEQUENCE_ATTRIBUTE, sequence);
        VnpyEvent numbered = new VnpyEvent(event.type(), event.data(), extra);
        if (ring.length > 0) {
            ring[(int) (sequence % ring.length)] = numbered;
        }
        return numbered;
    }

    synchronized long lastSequence() {
        return lastSequence;
    }

    /**
     * Events {@code fromSequence}, ... (at most {@code maxCount}); empty when {@code fromSequence} is past the last;
     * null when {@code requestedSession} is not this one or the ring no longer holds {@code fromSequence}.
     */
    synchronized List<VnpyEvent> replay(String requestedSession, long fromSequence, int maxCount) {
        if (!session.equals(requestedSession) || fromSequence < 1 || maxCount < 1) {
            return null;
        }
        if (fromSequence > lastSequence) {
            return List.of();
        }
        if (fromSequence <= lastSequence - ring.length) {
            return null;
        }
        long last = Math.min(lastSequence, fromSequence + Math.min(maxCount, Reliability.MAX_REPLAY_BATCH) - 1);
        List<VnpyEvent> events = new ArrayList<>((int) (last - fromSequence + 1));
        for (long s = fromSequence; s <= last; s++) {
            events.add(ring[(int) (s % ring.length)]);
        }
        return events;
    }
}
