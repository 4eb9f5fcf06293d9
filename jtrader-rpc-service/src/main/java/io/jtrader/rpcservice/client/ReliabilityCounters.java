package io.jtrader.rpcservice.client;

/**
 * What an {@link RpcGateway} did to never lose and never duplicate (all since it was created).
 *
 * @param gapsDetected         gaps found (between events or at the tail)
 * @param eventsMissed         events those gaps held
 * @param gapsReplayed         gaps repaired by replay from the server's ring (each event delivered, in order)
 * @param eventsReplayed       events delivered by replay
 * @param gapsResynced         gaps repaired by re-querying the state (the ring no longer held them)
 * @param newSessions          server restarts noticed (new session id)
 * @param resyncs              state re-queries completed (connect, restored server, new session, unrepairable gap)
 * @param duplicatesDropped    events dropped because their number had already been delivered
 * @param unchangedSuppressed  re-queried items not emitted because the client already had them exactly so
 * @param orderRetries         send_order attempts retried with the same idempotency key
 */
public record ReliabilityCounters(long gapsDetected, long eventsMissed, long gapsReplayed, long eventsReplayed,
        long gapsResynced, long newSessions, long resyncs, long duplicatesDropped, long unchangedSuppressed,
        long orderRetries) {
}
