package io.jtrader.core.app;

/**
 * An application running on a {@link io.jtrader.core.engine.MainEngine} (vn.py {@code BaseApp} plus its engine),
 * e.g. the RPC service. Created by its {@link AppFactory}; closed by the main engine before the gateways.
 */
public interface App extends AutoCloseable {

    /** The name it was created under, e.g. {@code RpcService}; equals its factory's {@code appName()}. */
    String appName();

    /** Stops the app's threads and releases its resources. Idempotent; must not throw. */
    @Override
    void close();
}
