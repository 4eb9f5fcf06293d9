package io.jtrader.rpc;

import java.time.Duration;

/**
 * Told when the server falls silent on the PUB socket for three of its heartbeat intervals (at most
 * {@link RpcClient.Context#heartbeatToleranceMs()}) and when messages resume. Called on the
 * {@code rpc-client} thread; must return quickly.
 */
public interface ServerLivenessListener {
    /** Nothing arrived for {@code silence}. */
    void onServerLost(Duration silence);

    /** Messages arrive again after {@link #onServerLost}. */
    void onServerRestored();
}
