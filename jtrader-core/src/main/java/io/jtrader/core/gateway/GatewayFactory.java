package io.jtrader.core.gateway;

/**
 * Makes gateways of one kind; found with {@link java.util.ServiceLoader} (register the implementation in
 * {@code META-INF/services/io.jtrader.core.gateway.GatewayFactory}), so a new gateway is a new module.
 */
public interface GatewayFactory {

    /** The default gateway name, e.g. {@code SIM}; also the name users pick it by. */
    String defaultName();

    /**
     * A new, unconnected gateway reporting under {@code context.gatewayName()} (several instances of one kind
     * may run under different names, e.g. two RPC clients).
     */
    Gateway create(GatewayContext context);
}
