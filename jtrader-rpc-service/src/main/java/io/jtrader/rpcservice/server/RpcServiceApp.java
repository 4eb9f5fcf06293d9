package io.jtrader.rpcservice.server;

import io.jtrader.core.app.AppFactory;
import io.jtrader.core.engine.MainEngine;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * vn.py's {@code RpcServiceApp}: makes the {@link RpcEngine} of a main engine. Found with {@link java.util.ServiceLoader}
 * (default settings: loopback only, 1 s heartbeats) or added with {@code mainEngine.addApp(new RpcServiceApp(ctx))}.
 * The engine does not start by itself: call {@link RpcEngine#start()} (the CLI and the GUI do).
 */
public final class RpcServiceApp implements AppFactory {
    private final Supplier<RpcEngine.Context> context;

    /** Default settings (used by ServiceLoader). */
    public RpcServiceApp() {
        this(RpcEngine.Context::new);
    }

    /** Engines made with a fresh copy of these settings each time. */
    public RpcServiceApp(Supplier<RpcEngine.Context> context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public String appName() {
        return RpcEngine.APP_NAME;
    }

    @Override
    public String displayName() {
        return "RPC服务";
    }

    @Override
    public RpcEngine create(MainEngine mainEngine) {
        return new RpcEngine(mainEngine, context.get());
    }

    /** The RPC engine added to {@code mainEngine}, if any. */
    public static java.util.Optional<RpcEngine> engineOf(MainEngine mainEngine) {
        return mainEngine.getApp(RpcEngine.APP_NAME).filter(RpcEngine.class::isInstance).map(RpcEngine.class::cast);
    }
}
