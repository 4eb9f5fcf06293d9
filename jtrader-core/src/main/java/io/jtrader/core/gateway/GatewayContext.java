package io.jtrader.core.gateway;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a gateway is created with: the name it reports under, where its reports go, and the settings folder
 * ({@code .jtrader/}) under which it may keep files of its own (e.g. the simulator's journal).
 */
public record GatewayContext(String gatewayName, GatewayListener listener, Path homeDir) {
    public GatewayContext {
        Objects.requireNonNull(gatewayName, "gatewayName");
        if (gatewayName.isEmpty() || gatewayName.indexOf('.') >= 0) {
            throw new IllegalArgumentException("gateway name must be non-empty and contain no '.', got '" + gatewayName + "'");
        }
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(homeDir, "homeDir");
    }
}
