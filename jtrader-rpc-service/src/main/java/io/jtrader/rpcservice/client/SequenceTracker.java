package io.jtrader.rpcservice.client;

/**
 * Follows one server's event numbering (session id + sequence number, docs/protocol.md "Reliability extensions")
 * and says, per event and per periodic check of the server's last number, whether something is missing.
 *
 * <p>Rules: the first numbered event sets the baseline (what came before is covered by the snapshot taken after
 * the subscription). A number below the next expected one is a duplicate (e.g. already replayed); above it, the
 * numbers in between are a gap. Another session id means the server restarted: state must be re-queried. A check
 * of the server's last number finds tail loss (nothing arrives after the lost events): numbers the server had
 * published at the previous check that still have not arrived are a gap (one check interval of grace, so events
 * in flight are never reported). Events without numbers (a vn.py server) yield {@link Verdict#UNNUMBERED} and
 * nothing is ever reported for them.
 *
 * <p>Threading: not thread-safe; the gateway calls it under its push lock.
 */
final class SequenceTracker {
    enum Verdict { UNNUMBERED, FIRST, IN_ORDER, DUPLICATE, GAP, NEW_SESSION }

    private String session;
    /** The next number expected; 0 = take the next event as the baseline. */
    private long expected;
    private long lastCheckedServerSequence = -1;
    /** While {@code expected == 0} after a check reset: numbers up to here are covered by the re-query. */
    private long coveredUpTo;
    private long gapFrom;
    private long gapTo;

    /** Classifies one event; for {@link Verdict#GAP}, {@link #gapFrom()}..{@link #gapTo()} are missing. */
    Verdict onEvent(String eventSession, long sequence) {
        if (eventSession == null) {
            return Verdict.UNNUMBERED;
        }
        if (session == null) {
            session = eventSession;
            expected = sequence + 1;
            return Verdict.FIRST;
        }
        if (!session.equals(eventSession)) {
            session = eventSession;
            expected = sequence + 1;
            lastCheckedServerSequence = -1;
            return Verdict.NEW_SESSION;
        }
        if (expected == 0) {
            expected = sequence + 1;
            return Verdict.FIRST;
        }
        if (sequence < expected) {
            return Verdict.DUPLICATE;
        }
        if (sequence > expected) {
            gapFrom = expected;
            gapTo = sequence - 1;
            expected = sequence + 1;
            return Verdict.GAP;
        }
        expected++;
        return Verdict.IN_ORDER;
    }

    /**
     * Classifies the server's answer to the last-number check: {@link Verdict#GAP} for tail loss (then
     * {@link #gapFrom()}..{@link #gapTo()}), {@link Verdict#NEW_SESSION} for a restarted server (the next event sets
     * the baseline), else {@link Verdict#IN_ORDER}.
     */
    Verdict onCheck(String serverSession, long serverLastSequence) {
        if (session == null) {
            session = serverSession;
            expected = 0;
            coveredUpTo = serverLastSequence;
            lastCheckedServerSequence = serverLastSequence;
            return Verdict.FIRST;
        }
        if (!session.equals(serverSession)) {
            session = serverSession;
            expected = 0;
            coveredUpTo = serverLastSequence;
            lastCheckedServerSequence = serverLastSequence;
            return Verdict.NEW_SESSION;
        }
        long previous = lastCheckedServerSequence;
        lastCheckedServerSequence = serverLastSequence;
        if (expected == 0) {
            // nothing received since the baseline was reset: what was published after it, up to the previous check,
            // is missing
            if (previous > coveredUpTo) {
                gapFrom = coveredUpTo + 1;
                gapTo = previous;
                expected = previous + 1;
                return Verdict.GAP;
            }
            return Verdict.IN_ORDER;
        }
        if (previous >= expected) {
            gapFrom = expected;
            gapTo = previous;
            expected = previous + 1;
            return Verdict.GAP;
        }
        return Verdict.IN_ORDER;
    }

    String session() {
        return session;
    }

    long gapFrom() {
        return gapFrom;
    }

    long gapTo() {
        return gapTo;
    }
}
