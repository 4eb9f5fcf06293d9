package io.jtrader.core.app;

import io.jtrader.core.engine.MainEngine;

/**
 * Makes one kind of {@link App}; found with {@link java.util.ServiceLoader} (register the implementation in
 * {@code META-INF/services/io.jtrader.core.app.AppFactory}).
 */
public interface AppFactory {

    /** Unique name, e.g. {@code RpcService} (vn.py {@code app_name}). */
    String appName();

    /** Name shown to users, e.g. {@code RPC服务} (vn.py {@code display_name}). */
    String displayName();

    /**
     * A new app bound to {@code mainEngine}; it may register event handlers and read settings from
     * {@link MainEngine#homeDir()}. Called on the thread that calls {@link MainEngine#addApp(AppFactory)}.
     */
    App create(MainEngine mainEngine);
}
