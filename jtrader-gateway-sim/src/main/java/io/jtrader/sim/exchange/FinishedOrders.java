package io.jtrader.sim.exchange;

import io.jtrader.core.model.Status;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The final status of every finished order of the day, kept so a late cancel gets "already ALLTRADED" rather
 * than "unknown", in one byte per order for the ids of the current session ({@code <session>_<n>}) and in a map
 * for any other id. Exchange thread only.
 */
final class FinishedOrders {
    private static final Status[] STATUSES = Status.values();

    private final Map<String, Status> byId = new HashMap<>();
    private String sessionPrefix = null;
    private byte[] bySeq = new byte[1024];

    void session(long sessionId) {
        sessionPrefix = sessionId + "_";
    }

    void put(String orderId, Status status) {
        int seq = seqOf(orderId);
        if (seq < 0) {
            byId.put(orderId, status);
            return;
        }
        if (seq >= bySeq.length) {
            bySeq = Arrays.copyOf(bySeq, Math.max(seq + 1, bySeq.length * 2));
        }
        bySeq[seq] = (byte) (status.ordinal() + 1);
    }

    /** The final status, or null when no such order finished today. */
    Status get(String orderId) {
        int seq = seqOf(orderId);
        if (seq < 0) {
            return byId.get(orderId);
        }
        return seq < bySeq.length && bySeq[seq] != 0 ? STATUSES[bySeq[seq] - 1] : null;
    }

    void clear() {
        byId.clear();
        bySeq = new byte[1024];
    }

    /** {@code n} of {@code <session>_<n>} for this session's ids (n below 2^30), else -1. */
    private int seqOf(String orderId) {
        String prefix = sessionPrefix;
        if (prefix == null || !orderId.startsWith(prefix)) {
            return -1;
        }
        int len = orderId.length() - prefix.length();
        if (len < 1 || len > 9) {
            return -1;
        }
        int n = 0;
        for (int i = prefix.length(); i < orderId.length(); i++) {
            char c = orderId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n < (1 << 30) ? n : -1;
    }
}
