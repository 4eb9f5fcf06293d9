package io.jtrader.rpcservice.client;

/**
 * A client-local report (event type {@link RpcGateway#EVENT_SEQUENCE_GAP}, never sent anywhere): the gateway found
 * published events missing, or the server's session changed, and is repairing it.
 *
 * @param gatewayName  the RPC gateway that found it
 * @param kind         what was found
 * @param session      the server session concerned (the new one for {@link Kind#NEW_SESSION})
 * @param fromSequence first missing number (0 for a new session)
 * @param toSequence   last missing number (0 for a new session)
 */
public record SequenceGap(String gatewayName, Kind kind, String session, long fromSequence, long toSequence) {
    public enum Kind {
        /** Numbers were skipped between two received events. */
        GAP,
        /** The server's last number (checked periodically) was never received: loss at the tail. */
        TAIL,
        /** The server restarted (new session): state is re-queried. */
        NEW_SESSION
    }

    /** How many events are missing (0 for a new session). */
    public long missing() {
        return kind == Kind.NEW_SESSION ? 0 : toSequence - fromSequence + 1;
    }
}
