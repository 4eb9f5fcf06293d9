package io.jtrader.ui.viewmodel;

import io.jtrader.core.engine.MainEngine;

/**
 * Finds (or loads) the RPC service app of a main engine for the RPC service window.
 */
@FunctionalInterface
public interface RpcServiceLocator {
    /**
     * @throws IllegalStateException with a clear message when the RPC service app is not available
     */
    RpcServiceControl locate(MainEngine mainEngine);
}
