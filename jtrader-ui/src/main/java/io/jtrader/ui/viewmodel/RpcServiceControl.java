package io.jtrader.ui.viewmodel;

import java.util.OptionalInt;

/**
 * What the RPC service window needs of the RPC service (vn.py's {@code RpcEngine}): its addresses, start, stop,
 * state. The application adapts {@code io.jtrader.rpcservice.server.RpcEngine}; tests pass a fake.
 *
 * <p>Threading: every method may be called from any thread; {@code start} and {@code stop} may block briefly
 * (binding and closing sockets), so the view model calls them on its command executor.
 */
public interface RpcServiceControl {
    /** The request/reply address it starts with (saved, or the default). */
    String repAddress();

    /** The publish address it starts with. */
    String pubAddress();

    boolean isActive();

    /**
     * Binds both addresses and starts serving; saves them to {@code rpc_service_setting.json}.
     *
     * @throws RuntimeException with a clear message when it cannot start (bad address, port in use, not loopback)
     */
    void start(String repAddress, String pubAddress);

    /** Stops serving; returns false when it was not running. */
    boolean stop();

    /** The endpoints actually bound while active (real ports), e.g. {@code tcp://127.0.0.1:2014}. */
    String boundRepEndpoint();

    String boundPubEndpoint();

    /** How many clients are connected, when the service knows it. */
    default OptionalInt connectedClients() {
        return OptionalInt.empty();
    }
}
