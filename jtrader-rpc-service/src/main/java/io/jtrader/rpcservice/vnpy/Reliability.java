package io.jtrader.rpcservice.vnpy;

/**
 * Names of jtrader's reliability extensions on vn.py's wire (docs/protocol.md, "Reliability extensions"). All are
 * invisible to vn.py peers: extra attributes in pickled state (a Python unpickler just sets them) and extra
 * functions only jtrader clients call.
 */
public final class Reliability {
    /** Extra attribute of every published Event: the server session (a random id, new at each service start). */
    public static final String SESSION_ATTRIBUTE = "jtrader_session";
    /** Extra attribute of every published Event: its number in the session, 1, 2, 3, ... over all events. */
    public static final String SEQUENCE_ATTRIBUTE = "jtrader_seq";
    /** {@code jtrader_last_sequence()} → {@code [session, last published sequence number]} (0 before the first). */
    public static final String LAST_SEQUENCE_FUNCTION = "jtrader_last_sequence";
    /**
     * {@code jtrader_replay(session, from_seq, max_count)} → the published Events numbered {@code from_seq},
     * {@code from_seq + 1}, ... (at most {@code max_count}, at most {@link #MAX_REPLAY_BATCH}, fewer at the end), each
     * with its session and number; {@code None} when the session is not the current one or {@code from_seq} is older
     * than the server's ring holds (the client then re-queries the state instead).
     */
    public static final String REPLAY_FUNCTION = "jtrader_replay";
    /** Largest number of events one replay call returns. */
    public static final int MAX_REPLAY_BATCH = 20_000;

    private Reliability() {
    }
}
