package io.jtrader.ui.app;

import io.jtrader.core.app.App;
import io.jtrader.core.engine.MainEngine;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.ui.viewmodel.RpcServiceControl;
import io.jtrader.ui.viewmodel.RpcServiceLocator;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The RPC service window's view of a main engine's {@link RpcEngine} (vn.py's {@code RpcEngine} behind its
 * {@code RpcManager} widget).
 *
 * <ul>
 * <li>{@link #locator()} finds the {@code RpcService} app on the main engine, or adds it (default settings: loopback
 * only, 1 s heartbeats) when the start choice did not load it, as vn.py's station would have to.</li>
 * <li>Start binds both addresses and saves them to {@code rpc_service_setting.json}; stop releases the ports; both
 * may be repeated. The status lines ({@code RPC服务启动成功}, ...) are the engine's {@code eRpcLog} events, which the
 * window's view model shows in its log.</li>
 * <li>Connected clients: the RPC server does not track its peers (ZeroMQ hides connections behind the ROUTER and
 * PUB sockets), so the count is "not known" ({@link OptionalInt#empty()}).</li>
 * </ul>
 *
 * <p>Threading: every method is safe from any thread ({@link RpcEngine} serialises start and stop); start and stop
 * bind and close sockets, so the window calls them on the {@code ui-command} thread.
 */
public final class RpcEngineControl implements RpcServiceControl {
    private final RpcEngine engine;

    public RpcEngineControl(RpcEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The locator the trader window uses: the main engine's {@code RpcService} app, added on first use when absent.
     * Fails with {@link IllegalStateException} naming the problem when the app cannot be made (e.g. a broken
     * {@code rpc_service_setting.json}) or another app holds the name.
     */
    public static RpcServiceLocator locator() {
        return mainEngine -> new RpcEngineControl(findOrAdd(mainEngine));
    }

    /** The engine behind this control. */
    public RpcEngine engine() {
        return engine;
    }

    @Override
    public String repAddress() {
        return engine.repAddress();
    }

    @Override
    public String pubAddress() {
        return engine.pubAddress();
    }

    @Override
    public boolean isActive() {
        return engine.isActive();
    }

    @Override
    public void start(String repAddress, String pubAddress) {
        engine.start(repAddress, pubAddress);
    }

    @Override
    public boolean stop() {
        return engine.stop();
    }

    /** The bound request endpoint, or "" when the service stopped meanwhile. */
    @Override
    public String boundRepEndpoint() {
        try {
            return engine.boundRepEndpoint();
        } catch (IllegalStateException stoppedMeanwhile) {
            return "";
        }
    }

    /** The bound publish endpoint, or "" when the service stopped meanwhile. */
    @Override
    public String boundPubEndpoint() {
        try {
            return engine.boundPubEndpoint();
        } catch (IllegalStateException stoppedMeanwhile) {
            return "";
        }
    }

    @Override
    public OptionalInt connectedClients() {
        return OptionalInt.empty();
    }

    private static RpcEngine findOrAdd(MainEngine mainEngine) {
        Optional<RpcEngine> existing = RpcServiceApp.engineOf(mainEngine);
        if (existing.isPresent()) {
            return existing.get();
        }
        Optional<App> other = mainEngine.getApp(RpcEngine.APP_NAME);
        if (other.isPresent()) {
            throw new IllegalStateException("the app named '" + RpcEngine.APP_NAME + "' is a "
                    + other.get().getClass().getName() + ", not the RPC service");
        }
        try {
            return (RpcEngine) mainEngine.addApp(new RpcServiceApp());
        } catch (IllegalArgumentException addedMeanwhile) {
            return RpcServiceApp.engineOf(mainEngine).orElseThrow(() -> new IllegalStateException(
                    "cannot add the RPC service: " + addedMeanwhile.getMessage(), addedMeanwhile));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the RPC service: " + e.getMessage(), e);
        }
    }
}
